// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/CascadeWindow.h"

#include <algorithm>

namespace levex {

CascadeWindow cascade_window(std::span<const double> liquidated_long, std::span<const double> liquidated_short,
                             const RunParameters& params) {
    const std::size_t steps = std::min(liquidated_long.size(), liquidated_short.size());
    CascadeWindow window;
    // A path that moves the index at every step (random returns, jumps, a replayed series) is all cascade.
    const bool moving_path = params.vol > 0 || params.jump_rate > 0 || !params.price_series_file.empty();
    // A ramped shock moves the index over steps [0, shock_steps) (docs/model.md §3).
    std::size_t end = moving_path ? steps : std::min(steps, std::max<std::size_t>(params.shock_steps, 1));
    for (std::size_t t = steps; t > end; --t)
        if (liquidated_long[t - 1] > 0 || liquidated_short[t - 1] > 0) {
            end = t;
            break;
        }
    window.cascade_end = end;
    const std::size_t margin = std::max(end / 2, kCascadeWindowMinMargin);
    window.end = std::min(steps, std::max(end + margin, kCascadeWindowMinSteps));
    window.whole_run = window.end == steps;
    return window;
}

} // namespace levex
