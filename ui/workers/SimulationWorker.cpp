// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SimulationWorker.h"

#include "ui/models/ParameterNames.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/engine/MarketFactory.h"
#include "core/engine/RunSeries.h"
#include "core/market/IndexPath.h"
#include "core/model/ParameterTable.h"
#include "core/store/Workspace.h"
#include "core/usecase/LendingRun.h"
#include "core/usecase/MarketFiles.h"
#include "core/usecase/RunInputs.h"

#include <chrono>
#include <fstream>
#include <limits>

namespace levex::ui {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

bool same_units(const ContractSpec& a, const ContractSpec& b) {
    return a.inverse == b.inverse && a.contract_size == b.contract_size;
}
} // namespace

std::string default_protocol_of(const std::string& path) {
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    for (char& c : header)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    const bool emode = header.find("emode") != std::string::npos || header.find("e_mode") != std::string::npos;
    return emode ? "aave-v3-ethereum" : "aave-v2-ethereum";
}

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
        const quint64 generation = request->generation;
        try {
            if (run(*request) == Outcome::Cancelled)
                emit runCancelled(generation);
        } catch (const ParameterError& e) {
            const QString message = phrase_for_app(e);
            emit parameterFailed(generation, QString::fromStdString(e.key()), message);
            emit runFailed(generation, message);
        } catch (const LiquidityError& e) { // a pool's value or a trade it cannot take: beside its control
            const QString message = phrase_for_app(e);
            emit parameterFailed(generation, QString::fromStdString(e.problem().key), message);
            emit runFailed(generation, message);
        } catch (const std::exception& e) {
            emit runFailed(generation, phrase_for_app(e));
        }
    }
}

std::shared_ptr<const PositionBook> SimulationWorker::book_for(const SimulationRequest& request,
                                                               const VenueProfile& venue) {
    const ContractSpec contract = contract_of(venue);
    if (request.book) { // a stored snapshot, already read in the units it was imported with
        if (!request.book_venue.isEmpty())
            check_contract_units(request.book_venue.toStdString(), venue,
                                 "snapshot '" + request.book_path.toStdString() + "'");
        if (book_ != request.book) {
            book_ = request.book;
            book_given_ = request.book;
            book_path_ = request.book_path;
            prepared_.reset();
            emit bookLoaded(request.book_path, book_->positions(), 0);
        }
        return book_;
    }
    if (book_ && !book_given_ && book_path_ == request.book_path && book_read_ == request.read &&
        same_units(book_contract_, contract))
        return book_;
    book_.reset();
    prepared_.reset();
    const std::uint64_t generation = request.generation;
    BookFile file = read_book_file(request.book_path.toStdString(), contract, request.read, false,
                                   [this, generation](double fraction) {
                                       emit readProgress(fraction);
                                       return newest_.load() == generation;
                                   });
    if (file.cancelled)
        return nullptr;
    book_ = std::move(file.book);
    book_given_.reset();
    book_path_ = request.book_path;
    book_read_ = request.read;
    book_contract_ = contract;
    emit bookLoaded(request.book_path, book_->positions(), file.skipped.size());
    return book_;
}

bool SimulationWorker::prepare(const SimulationRequest& request, const VenueProfile& venue, const PositionBook& book,
                               const RunStart& start) {
    const MarginSettings settings{request.params.leverage_mult, request.params.mmr_scale};
    const bool reuse = prepared_ && prepared_venue_ == request.venue && prepared_symbol_ == start.symbol &&
                       prepared_mark_ == start.mark && prepared_settings_.leverage_mult == settings.leverage_mult &&
                       prepared_settings_.mmr_scale == settings.mmr_scale;
    if (!reuse) {
        prepared_.reset();
        audit_.reset();
        auto audit = std::make_shared<LeverageAudit>();
        prepared_ = prepare_book(book, venue, settings, start.symbol, start.mark, audit.get());
        audit_ = std::move(audit);
        prepared_venue_ = request.venue;
        prepared_settings_ = settings;
        prepared_symbol_ = start.symbol;
        prepared_mark_ = start.mark;
    }
    return reuse;
}

std::shared_ptr<LiveRun> SimulationWorker::start_live_run(const SimulationRequest& request, const RunStart& start,
                                                          const MarketStart& market, std::size_t capacity, bool reused,
                                                          double prepare_ms) {
    auto live = std::make_shared<LiveRun>();
    live->market_notice = market_start_notice(request.params, market).value_or(std::string());
    live->snapshot_ends = market.snapshot_ends;
    live->reused_prepared_book = reused;
    live->prepare_ms = prepare_ms;
    live->generation = request.generation;
    live->params = request.params;
    live->symbol = start.symbol_name;
    live->venue = request.venue.toStdString();
    live->position_book = book_;
    live->started_at = utc_now_iso8601();
    live->allocate(capacity, request.params.bins);
    publish(live);
    return live;
}

void SimulationWorker::publish(const std::shared_ptr<LiveRun>& live) {
    {
        std::lock_guard lock(mutex_);
        current_ = live;
    }
    emit runStarted(live->generation);
}

bool SimulationWorker::is_lending(const SimulationRequest& request) {
    if (request.book)
        return false; // a snapshot of positions
    if (kind_path_ != request.book_path) {
        kind_path_ = request.book_path;
        kind_ = BookKind::Positions;
        try {
            kind_ = book_file_kind(request.book_path.toStdString());
        } catch (const std::exception&) {
            // Not readable: reading it as a positions book reports why, as it always has.
            kind_path_.clear();
        }
    }
    return kind_ == BookKind::Lending;
}

void SimulationWorker::finish_live_run(LiveRun& live, RunResult result, const PositionBook& book) {
    live.cancelled = result.cancelled;
    live.summary = result.summary;
    // Per book row: the computed liquidation price and the step of its first liquidation, for the
    // positions table (rows of other symbols keep NaN and "never").
    live.liquidation_by_row.assign(book.positions(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t k = 0; k < prepared_->positions(); ++k)
        live.liquidation_by_row[prepared_->book_index[k]] = prepared_->liquidation[k];
    live.audit = audit_;
    live.log = std::move(result.log);
    live.index_first_steps(book.positions());
    live.frames = std::make_shared<const RunFrames>(std::move(result.frames));
    live.finished.store(true, std::memory_order_release);
}

SimulationWorker::Outcome SimulationWorker::run(const SimulationRequest& request) {
    if (is_lending(request))
        return run_lending_books(request);
    const RunParameters& params = request.params;
    require_valid_parameters(params);
    const VenueProfile venue = load_venue_profile(request.venue.toStdString(), venue_dir());
    const std::shared_ptr<const PositionBook> book = book_for(request, venue);
    if (!book)
        return Outcome::Cancelled;
    // The app shocks the symbol with the largest open interest unless one is named (docs/formats.md §1).
    RunStart start = resolve_run_start(*book, params, UnnamedSymbol::Largest);
    const MarketFiles market = load_market_files(params, false);
    // The market simulate() runs: a pool's own price is the start, withdrawal as the parameters say.
    const MarketStart market_at = market_start(params, start.mark, market.market);
    start.mark = market_at.price;
    const std::unique_ptr<CascadeMarket> venue_market = make_cascade_market(params, start.mark, market.market);
    const std::vector<double> path = build_index_path(params, market.market.price_series);

    const auto t_prepare = std::chrono::steady_clock::now();
    const bool reused = prepare(request, venue, *book, start);
    const double prepare_ms = ms_since(t_prepare);
    const std::shared_ptr<LiveRun> live = start_live_run(request, start, market_at, path.size(), reused, prepare_ms);
    live->fund_assumed = std::isnan(params.fund) && venue.is_user_default("insurance_fund");
    const std::uint64_t generation = request.generation;
    LiveRun& out = *live;
    const auto t0 = std::chrono::steady_clock::now();
    RunResult result =
        run_cascade(*prepared_, *venue_market, path, params, [&](std::size_t t, const RunFrames& frames) {
            if (newest_.load() != generation)
                return false; // a newer request is waiting: this run is stale
            if (t == 0)
                out.edges = frames.edges;
            copy_step(frames, out.live, t);
            out.ready.store(t + 1, std::memory_order_release);
            return true;
        });
    out.run_ms = ms_since(t0);
    const bool cancelled = result.cancelled;
    finish_live_run(out, std::move(result), *book);
    emit runFinished(request.generation);
    return cancelled ? Outcome::Cancelled : Outcome::Finished;
}

} // namespace levex::ui
