// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SimulationWorker.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/engine/Simulation.h"
#include "core/io/MarketInputsReader.h"
#include "core/io/PositionCsvReader.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"
#include "core/store/Workspace.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace levex::ui {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

SimulationWorker::SimulationWorker(QObject* parent) : QObject(parent) {}

void SimulationWorker::post(SimulationRequest request) {
    std::lock_guard lock(mutex_);
    newest_.store(request.generation);
    pending_ = std::move(request);
}

std::shared_ptr<const LiveRun> SimulationWorker::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

void SimulationWorker::wake() {
    for (;;) {
        std::optional<SimulationRequest> request;
        {
            std::lock_guard lock(mutex_);
            request.swap(pending_);
        }
        if (!request)
            return;
        try {
            run(*request);
        } catch (const std::exception& e) {
            emit runFailed(request->generation, QString::fromStdString(e.what()));
        }
    }
}

const PositionBook& SimulationWorker::book_for(const SimulationRequest& request, const VenueProfile& venue) {
    const ContractSpec contract = contract_of(venue);
    if (request.book) { // a stored snapshot, already read in the units it was imported with
        std::optional<ContractSpec> read_as;
        try {
            if (!request.book_venue.isEmpty())
                read_as = contract_of(load_venue_profile(request.book_venue.toStdString(), venue_dir()));
        } catch (const std::exception&) {
            // a venue file that has since moved: its units cannot be checked
        }
        if (read_as && (read_as->inverse != contract.inverse || read_as->contract_size != contract.contract_size))
            throw std::runtime_error(request.book_path.toStdString() +
                                     " was imported in the contract units of venue '" +
                                     request.book_venue.toStdString() + "', which differ from '" + venue.name +
                                     "': choose a venue with the same units, or import the file again for it");
        if (book_ != request.book) {
            book_ = request.book;
            book_given_ = request.book;
            book_path_ = request.book_path;
            prepared_.reset();
            emit bookLoaded(request.book_path, book_->positions(), 0);
        }
        return *book_;
    }
    if (book_ && !book_given_ && book_path_ == request.book_path && book_read_ == request.read &&
        book_contract_.inverse == contract.inverse && book_contract_.contract_size == contract.contract_size)
        return *book_;
    book_.reset();
    prepared_.reset();
    PositionCsvOptions options;
    options.contract = contract;
    options.delimiter = request.read.delimiter;
    options.policy = request.read.skip_bad_rows ? BadRowPolicy::SkipBadRows : BadRowPolicy::Strict;
    options.column_overrides = request.read.column_overrides;
    const std::uint64_t generation = request.generation;
    options.progress = [this, generation](double fraction) {
        emit readProgress(fraction);
        return newest_.load() == generation;
    };
    PositionCsvResult result = read_positions_csv(request.book_path.toStdString(), options);
    if (result.cancelled)
        throw std::runtime_error("cancelled");
    if (!result.ok) {
        const Issue* error = result.first_error();
        throw DataError(error ? *error
                              : Issue{Severity::Error, request.book_path.toStdString(), 0, 0, "",
                                      "expected a positions CSV, found nothing to read"});
    }
    book_ = std::make_shared<const PositionBook>(std::move(result.book));
    book_given_.reset();
    book_path_ = request.book_path;
    book_read_ = request.read;
    book_contract_ = contract;
    emit bookLoaded(request.book_path, book_->positions(), result.skipped.size());
    return *book_;
}

void SimulationWorker::run(const SimulationRequest& request) {
    const RunParameters& params = request.params;
    const VenueProfile venue = load_venue_profile(request.venue.toStdString(), venue_dir());
    const PositionBook& book = book_for(request, venue);
    // The app shocks the symbol with the largest open interest unless one is named (docs/formats.md §1).
    const std::size_t symbol =
        params.symbol.empty() && book.symbols() > 1 ? book.largest_symbol() : resolve_symbol(book, params.symbol);
    if (std::isnan(params.mark) && std::isnan(book.symbol_mark[symbol])) // the core's message names a CLI flag
        throw std::runtime_error("the book gives no mark_price for " + book.symbol_names[symbol] +
                                 ": type the start price in the Mark price box");
    const double mark = resolve_mark(book, symbol, params);

    auto live = std::make_shared<LiveRun>();
    live->generation = request.generation;
    live->params = params;
    live->symbol = book.symbol_names[symbol];
    live->venue = request.venue.toStdString();
    live->position_book = book_;
    live->started_at = utc_now_iso8601();
    const auto t0 = std::chrono::steady_clock::now();
    const MarginSettings settings{params.leverage_mult, params.mmr_scale};
    live->reused_prepared_book = prepared_ && prepared_venue_ == request.venue && prepared_symbol_ == symbol &&
                                 prepared_mark_ == mark && prepared_settings_.leverage_mult == settings.leverage_mult &&
                                 prepared_settings_.mmr_scale == settings.mmr_scale;
    if (!live->reused_prepared_book) {
        prepared_.reset();
        prepared_ = prepare_book(book, venue, settings, symbol, mark);
        prepared_venue_ = request.venue;
        prepared_settings_ = settings;
        prepared_symbol_ = symbol;
        prepared_mark_ = mark;
    }
    live->prepare_ms = ms_since(t0);
    const MarketInputs market = read_market_inputs(params);
    const BookDepth depth = build_depth(params, mark, market.l2_book ? &*market.l2_book : nullptr);
    const std::vector<double> path = build_index_path(params, market.price_series);

    live->capacity = path.size();
    live->bins = std::max<std::size_t>(params.bins, 2);
    for (auto* series_ : {&live->index, &live->book, &live->mark, &live->liquidated_long, &live->liquidated_short})
        series_->assign(live->capacity, 0.0);
    for (auto* h : {&live->open_long, &live->open_short, &live->executed_long, &live->executed_short})
        h->assign(live->capacity * live->bins, 0.0);
    {
        std::lock_guard lock(mutex_);
        current_ = live;
    }
    emit runStarted(request.generation);

    const std::uint64_t generation = request.generation;
    LiveRun& out = *live;
    const auto t1 = std::chrono::steady_clock::now();
    RunResult result = run_cascade(*prepared_, depth, path, params, [&](std::size_t t, const RunFrames& frames) {
        if (newest_.load() != generation)
            return false; // a newer request is waiting: this run is stale
        if (t == 0)
            out.edges = frames.edges;
        out.index[t] = frames.index[t];
        out.book[t] = frames.book[t];
        out.mark[t] = frames.mark[t];
        out.liquidated_long[t] = frames.liquidated_notional_long[t];
        out.liquidated_short[t] = frames.liquidated_notional_short[t];
        const std::size_t bins = out.bins;
        std::copy_n(frames.row(frames.open_long, t), bins, out.open_long.data() + t * bins);
        std::copy_n(frames.row(frames.open_short, t), bins, out.open_short.data() + t * bins);
        std::copy_n(frames.row(frames.executed_long, t), bins, out.executed_long.data() + t * bins);
        std::copy_n(frames.row(frames.executed_short, t), bins, out.executed_short.data() + t * bins);
        out.ready.store(t + 1, std::memory_order_release);
        return true;
    });
    out.run_ms = ms_since(t1);
    out.cancelled = result.cancelled;
    out.summary = result.summary;
    // Per book row: the computed liquidation price and the step of its first liquidation, for the
    // positions table (rows of other symbols keep NaN and "never").
    out.liquidation_by_row.assign(book.positions(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t k = 0; k < prepared_->positions(); ++k)
        out.liquidation_by_row[prepared_->book_index[k]] = prepared_->liquidation[k];
    out.first_step_by_row.assign(book.positions(), LiveRun::kNever);
    for (const LiquidationEvent& e : result.log)
        out.first_step_by_row[e.position] = std::min(out.first_step_by_row[e.position], e.step);
    out.log = std::move(result.log);
    out.frames = std::make_shared<const RunFrames>(std::move(result.frames));
    out.finished.store(true, std::memory_order_release);
    emit runFinished(request.generation);
}

} // namespace levex::ui
