// SPDX-License-Identifier: GPL-3.0-or-later
// The worker's lending runs (docs/lending.md §9): the books are resolved and run by the use cases
// (core/usecase/RunInputs.h, LendingRun.h), the frames copied into the live run as they come.
#include "ui/workers/SimulationWorker.h"

#include "core/engine/RunSeries.h"
#include "core/market/IndexPath.h"
#include "core/model/ParameterTable.h"
#include "core/usecase/LendingRun.h"
#include "core/usecase/RunInputs.h"

#include <chrono>

namespace levex::ui {

namespace {

// The market's price keys a position book's summary shares with a lending run's (docs/model.md §6):
// the views that draw prices read them from LiveRun::summary.
RunSummary price_keys_of(const LendingSummary& s) {
    RunSummary out;
    out.start_price = s.start_price;
    out.final_price = s.final_price;
    out.min_price = s.min_price;
    out.max_price = s.max_price;
    out.max_drawdown = s.max_drawdown;
    out.amplification = s.amplification;
    out.cascade_duration_s = s.cascade_duration_s;
    out.exhaustion_price = s.exhaustion_price;
    out.steps_run = s.steps_run;
    out.price_floor_hit = s.price_floor_hit;
    return out;
}

} // namespace

SimulationWorker::Outcome SimulationWorker::run_lending_books(const SimulationRequest& request) {
    require_valid_parameters(request.params);
    RunRequest resolve;
    resolve.params = request.params;
    resolve.read = request.read;
    const std::string first = request.book_path.toStdString();
    resolve.lending_books.push_back(
        {first, "", request.params.protocol.empty() ? default_protocol_of(first) : request.params.protocol});
    resolve.lending_books.insert(resolve.lending_books.end(), request.more_books.begin(), request.more_books.end());
    RunInputs inputs = resolve_run_inputs(resolve);
    if (newest_.load() != request.generation)
        return Outcome::Cancelled;
    if (resolve.lending_books != lending_loaded_) {
        lending_loaded_ = resolve.lending_books;
        std::size_t accounts = 0, skipped = 0;
        for (const LendingBookInput& b : inputs.lending_books) {
            accounts += b.book->accounts();
            skipped += b.skipped.size();
        }
        book_.reset(); // the next position book is read again
        prepared_.reset();
        emit bookLoaded(request.book_path, accounts, skipped);
    }
    inputs.params.protocol = resolve.lending_books.front().protocol; // the controls show the one chosen

    auto live = std::make_shared<LiveRun>();
    live->generation = request.generation;
    live->params = inputs.params;
    live->symbol = inputs.params.symbol;
    live->kind = BookKind::Lending;
    live->lending_books = std::make_shared<const std::vector<LendingBookInput>>(inputs.lending_books);
    live->started_at = utc_now_iso8601();
    live->allocate(build_index_path(inputs.params, inputs.market.market.price_series).size(), inputs.params.bins);
    publish(live);
    LiveRun& out = *live;
    const std::uint64_t generation = request.generation;
    const auto t0 = std::chrono::steady_clock::now();
    LendingRunResult result = run_lending(inputs, [&](std::size_t t, const RunFrames& frames) {
        if (newest_.load() != generation)
            return false; // a newer request is waiting: this run is stale
        if (t == 0)
            out.edges = frames.edges;
        copy_step(frames, out.live, t);
        out.ready.store(t + 1, std::memory_order_release);
        return true;
    });
    out.run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    out.cancelled = result.cancelled;
    out.summary = price_keys_of(result.summary);
    out.lending_summary = std::move(result.summary);
    out.lending_log = std::move(result.log);
    out.lending_accounts = std::make_shared<const std::vector<LendingAccountRow>>(
        lending_account_rows(*out.lending_books, out.symbol, out.lending_log));
    out.frames = std::make_shared<const RunFrames>(std::move(result.frames));
    out.finished.store(true, std::memory_order_release);
    emit runFinished(generation);
    return out.cancelled ? Outcome::Cancelled : Outcome::Finished;
}

} // namespace levex::ui
