// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LiveRunFromResult.h"

#include "core/engine/RunSeries.h"

namespace levex::ui {

std::shared_ptr<LiveRun> live_run_from_result(RunResult result, const RunParameters& params, const std::string& symbol,
                                              std::shared_ptr<const PositionBook> book) {
    auto live = std::make_shared<LiveRun>();
    live->params = params;
    live->symbol = symbol;
    live->frames = std::make_shared<const RunFrames>(std::move(result.frames));
    const RunFrames& f = *live->frames;
    live->live = f;
    live->capacity = f.steps;
    live->bins = f.bins;
    // A run without histograms (summary only) still draws its series: empty levels.
    for (const RunHistogram& h : run_histograms())
        (live->live.*h.values).resize(f.steps * f.bins, 0.0);
    live->cancelled = result.cancelled;
    live->summary = result.summary;
    live->log = std::move(result.log);
    // Per book row, the step each position was first liquidated (the positions table marks them).
    if (book)
        live->index_first_steps(book->positions());
    live->position_book = std::move(book);
    live->ready.store(live->capacity, std::memory_order_release);
    live->finished.store(true, std::memory_order_release);
    return live;
}

} // namespace levex::ui
