// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LiveRun.h"

#include "core/engine/RunSeries.h"

#include <algorithm>

namespace levex::ui {

void LiveRun::allocate(std::size_t steps, std::size_t bin_count) {
    capacity = steps;
    bins = bin_count;
    live.steps = steps;
    live.bins = bin_count;
    for (const RunSeries& series : run_series()) {
        series.resize(live, 0);
        series.resize(live, steps);
    }
    for (const RunHistogram& histogram : run_histograms())
        (live.*histogram.values).assign(steps * bin_count, 0.0);
}

void LiveRun::index_first_steps(std::size_t book_rows) {
    first_step_by_row.assign(book_rows, kNever);
    for (const LiquidationEvent& e : log)
        if (e.position < first_step_by_row.size())
            first_step_by_row[e.position] = std::min(first_step_by_row[e.position], e.step);
}

} // namespace levex::ui
