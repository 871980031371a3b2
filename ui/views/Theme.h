// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

namespace levex::ui::theme {

// Longs in a warm ramp, shorts in a cool one (docs/architecture.md), chosen to stay distinct for the common
// colour-vision deficiencies.
inline const QColor kLongColor{213, 94, 0};   // vermillion
inline const QColor kShortColor{0, 114, 178}; // blue
inline const QColor kMarkColor{40, 40, 40};
inline const QColor kSnapshotEndColor{120, 60, 150}; // purple: where an L2 snapshot ends and its tail begins

} // namespace levex::ui::theme
