// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace levex::ui {

/// Number boxes, choice boxes and sliders under `root` take the mouse wheel only once they have the
/// focus (a click or Tab): scrolling a long panel past them scrolls the panel and never changes a
/// setting, and so never starts a run, by accident.
void take_wheel_only_when_focused(QWidget* root);

} // namespace levex::ui
