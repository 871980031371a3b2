// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace levex::ui {

/// A chart text written for position books ("longs", "shorts"), in the words of a lending run: its
/// levels are collateral at stake when the price falls (accounts holding the asset) or rises
/// (accounts borrowing it), docs/lending.md §8.
QString in_lending_words(QString text);

} // namespace levex::ui
