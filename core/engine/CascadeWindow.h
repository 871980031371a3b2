// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <cstddef>
#include <span>

namespace levex {

/// The steps of a run that show its cascade (docs/model.md §6). A shock applied at once is over in
/// a few steps while the run goes on for its whole length (600 steps by default) as the book
/// recovers: charts and animations frame steps [0, end) and the whole run is one choice away.
struct CascadeWindow {
    std::size_t end = 0;         ///< steps [0, end) are framed; end ≤ the steps run
    std::size_t cascade_end = 0; ///< one past the last step with a liquidation or an exogenous move
    bool whole_run = false;      ///< the frame holds every step run
};

/// At least this many steps are framed (when the run has them): a cascade of two steps still
/// shows the recovery that begins after it.
inline constexpr std::size_t kCascadeWindowMinSteps = 20;
/// Steps framed after the cascade's end: half its length, and at least this many.
inline constexpr std::size_t kCascadeWindowMinMargin = 10;

/// The frame of a run from its liquidated notional per step (quote, both sides; one entry per step
/// run) and its parameters: the cascade lasts until the last step that liquidated anything or
/// moved the index from outside (a ramped shock, a random or replayed path, which move it to the
/// end); the frame adds a margin of half that length (at least kCascadeWindowMinMargin steps) and
/// spans at least kCascadeWindowMinSteps steps.
CascadeWindow cascade_window(std::span<const double> liquidated_long, std::span<const double> liquidated_short,
                             const RunParameters& params);

} // namespace levex
