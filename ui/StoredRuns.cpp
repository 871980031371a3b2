// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/StoredRuns.h"

#include "core/PreparedBook.h"
#include "core/ResourcePaths.h"
#include "core/Sha256.h"
#include "core/Simulation.h"
#include "core/TextFile.h"

#include <algorithm>
#include <limits>

namespace levex::ui {

std::shared_ptr<LiveRun> live_run_from_stored(const StoredRun& stored, std::shared_ptr<const PositionBook> book) {
    const RunFrames& f = stored.frames;
    auto live = std::make_shared<LiveRun>();
    live->params = stored.scenario.params;
    live->symbol = stored.info.symbol;
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
    if (live->open_long.size() != f.steps * f.bins) // stored without histograms: empty bands
        for (auto* h : {&live->open_long, &live->open_short, &live->executed_long, &live->executed_short})
            h->assign(f.steps * f.bins, 0.0);
    live->summary = stored.summary;
    live->log = stored.log;
    live->frames = std::make_shared<const RunFrames>(f);
    live->started_at = stored.info.started_at;
    live->run_ms = stored.info.duration_ms;
    live->position_book = book;

    // Liquidation prices per row for the positions table: margin arithmetic, not a simulation.
    live->liquidation_by_row.assign(book->positions(), std::numeric_limits<double>::quiet_NaN());
    live->first_step_by_row.assign(book->positions(), LiveRun::kNever);
    const VenueProfile venue = parse_venue_profile(stored.scenario.venue_json, "stored run venue");
    live->venue = venue.name;
    const std::size_t symbol = book->find_symbol(stored.info.symbol);
    if (symbol != PositionBook::npos) {
        const RunParameters& p = stored.scenario.params;
        const double mark = std::isnan(p.mark) ? book->symbol_mark[symbol] : p.mark;
        if (!std::isnan(mark)) {
            const PreparedBook prepared = prepare_book(*book, venue, {p.leverage_mult, p.mmr_scale}, symbol, mark);
            for (std::size_t k = 0; k < prepared.positions(); ++k)
                live->liquidation_by_row[prepared.book_index[k]] = prepared.liquidation[k];
        }
    }
    for (const LiquidationEvent& e : live->log)
        if (e.position < live->first_step_by_row.size())
            live->first_step_by_row[e.position] = std::min(live->first_step_by_row[e.position], e.step);
    live->ready.store(f.steps, std::memory_order_release);
    live->finished.store(true, std::memory_order_release);
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

Scenario scenario_of(const LiveRun& run, const std::string& venue_name, const std::string& book_file,
                     const std::string& book_sha256) {
    Scenario s;
    s.params = run.params;
    s.venue_json = load_venue_profile(venue_name, venue_dir()).json;
    s.book_file = book_file;
    s.book_sha256 = book_sha256;
    if (!s.params.book_file.empty())
        s.l2_sha256 = sha256_hex(MappedFile(s.params.book_file).bytes());
    if (!s.params.price_series_file.empty())
        s.series_sha256 = sha256_hex(MappedFile(s.params.price_series_file).bytes());
    s.program_version = version();
    return s;
}

} // namespace levex::ui
