// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/Sweep.h"
#include "core/model/RunParameters.h"

#include <QString>

namespace levex::ui {

/// One or two lines naming the scenario behind a chart, so an exported image stands on its own:
/// book, symbol, venue, shock, leverage, depth, half-life, seed (and the random path when set).
QString scenario_caption(const RunParameters& params, const QString& book, const QString& symbol, const QString& venue);

/// The caption of a sweep's chart: which two parameters the grid varies (the scenario's values
/// of those two are the grid's, not the caption's), then the scenario it holds fixed.
QString sweep_caption(const SweepSpec& spec, const QString& scenario);

} // namespace levex::ui
