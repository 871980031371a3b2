// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LiveRunFromResult.h"

#include <algorithm>

namespace levex::ui {

std::shared_ptr<LiveRun> live_run_from_result(RunResult result, const RunParameters& params, const std::string& symbol,
                                              std::shared_ptr<const PositionBook> book) {
    auto live = std::make_shared<LiveRun>();
    const RunFrames& f = result.frames;
    live->params = params;
    live->symbol = symbol;
    live->capacity = f.steps;
    live->bins = f.bins;
    live->edges = f.edges;
    live->index = f.index;
    live->book = f.book;
    live->mark = f.mark;
    live->liquidated_long = f.liquidated_notional_long;
    live->liquidated_short = f.liquidated_notional_short;
    live->open_long = f.open_long;
    live->open_short = f.open_short;
    live->executed_long = f.executed_long;
    live->executed_short = f.executed_short;
    // A run without histograms (summary only) still draws its series: empty levels.
    for (auto* h : {&live->open_long, &live->open_short, &live->executed_long, &live->executed_short})
        h->resize(f.steps * f.bins, 0.0);
    live->cancelled = result.cancelled;
    live->summary = result.summary;
    live->log = std::move(result.log);
    // Per book row, the step each position was first liquidated (the positions table marks them).
    if (book) {
        live->first_step_by_row.assign(book->positions(), LiveRun::kNever);
        for (const LiquidationEvent& e : live->log)
            if (e.position < live->first_step_by_row.size())
                live->first_step_by_row[e.position] = std::min(live->first_step_by_row[e.position], e.step);
    }
    live->frames = std::make_shared<const RunFrames>(std::move(result.frames));
    live->position_book = std::move(book);
    live->ready.store(live->capacity, std::memory_order_release);
    live->finished.store(true, std::memory_order_release);
    return live;
}

} // namespace levex::ui
