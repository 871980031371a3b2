// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/StoredRuns.h"

#include "ui/models/LiveRunFromResult.h"

#include "core/engine/PreparedBook.h"
#include "core/model/RunStart.h"

#include <algorithm>
#include <limits>

namespace levex::ui {

std::shared_ptr<LiveRun> live_run_from_stored(const StoredRun& stored, std::shared_ptr<const PositionBook> book) {
    RunResult result;
    result.frames = stored.frames;
    result.summary = stored.summary;
    result.log = stored.log;
    auto live = live_run_from_result(std::move(result), stored.scenario.params, stored.info.symbol, book);
    live->started_at = stored.info.started_at;
    live->run_ms = stored.info.duration_ms;

    // Liquidation prices per row for the positions table: margin arithmetic, not a simulation.
    live->liquidation_by_row.assign(book->positions(), std::numeric_limits<double>::quiet_NaN());
    const VenueProfile venue = parse_venue_profile(stored.scenario.venue_json, "stored run venue");
    live->venue = venue.name;
    // The run started from this symbol and mark, so both resolve as they did then.
    const RunParameters& p = stored.scenario.params;
    const std::size_t symbol = resolve_symbol(*book, stored.info.symbol);
    const double mark = resolve_mark(*book, symbol, p);
    auto audit = std::make_shared<LeverageAudit>();
    const PreparedBook prepared = prepare_book(*book, venue, {p.leverage_mult, p.mmr_scale}, symbol, mark, audit.get());
    live->audit = std::move(audit);
    for (std::size_t k = 0; k < prepared.positions(); ++k)
        live->liquidation_by_row[prepared.book_index[k]] = prepared.liquidation[k];
    return live;
}

RunResult run_result_of(const LiveRun& run) {
    RunResult result;
    if (run.frames)
        result.frames = *run.frames;
    result.summary = run.summary;
    result.log = run.log;
    return result;
}

} // namespace levex::ui
