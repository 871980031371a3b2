// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/MonteCarlo.h"

#include "core/base/Issue.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/engine/SummaryMetric.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

namespace levex {

double percentile(std::vector<double>& values, double pct) {
    if (values.empty())
        return 0.0;
    const double rank = pct / 100.0 * double(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    std::nth_element(values.begin(), values.begin() + long(lo), values.end());
    const double a = values[lo];
    if (lo + 1 >= values.size())
        return a;
    const double b = *std::min_element(values.begin() + long(lo) + 1, values.end());
    return a + (rank - double(lo)) * (b - a);
}

MonteCarloResult run_monte_carlo(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                                 const MonteCarloSpec& spec, const MarketInputs& market,
                                 const MonteCarloProgress& progress) {
    if (spec.paths == 0)
        throw UsageError("--paths: expected at least one path");
    const std::size_t symbol = resolve_symbol(book, params.symbol);
    const double mark = resolve_mark(book, symbol, params);
    const PreparedBook prepared = prepare_book(book, venue, {params.leverage_mult, params.mmr_scale}, symbol, mark);
    const BookDepth depth = build_depth(params, mark, market.l2_book ? &*market.l2_book : nullptr);

    const std::size_t n = spec.paths, steps = params.steps;
    std::vector<RunSummary> summaries(n);
    std::vector<double> prices(n * steps); // path-major; a path that settled early keeps its last price
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> cancel{false};
    std::mutex report;
    std::exception_ptr failure;
    auto work = [&] {
        for (std::size_t i; !cancel && (i = next++) < n;) {
            try {
                const RunResult r = run_cascade(prepared, depth, build_index_path(params, std::nullopt, i + 1), params,
                                                {}, kSummaryOnly);
                summaries[i] = r.summary;
                double* row = prices.data() + i * steps;
                for (std::size_t t = 0; t < steps; ++t)
                    row[t] = r.frames.book[std::min(t, r.frames.steps - 1)];
            } catch (...) {
                std::lock_guard lock(report);
                if (!failure)
                    failure = std::current_exception();
                cancel = true;
            }
            const std::size_t finished = ++done;
            if (progress) {
                std::lock_guard lock(report);
                if (!progress(finished, n))
                    cancel = true;
            }
        }
    };
    const unsigned threads = std::max(
        1u, std::min<unsigned>(spec.threads ? spec.threads : std::thread::hardware_concurrency(), unsigned(n)));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(work);
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);

    MonteCarloResult out;
    out.paths = n;
    out.step_seconds = params.step_seconds;
    out.cancelled = cancel;
    if (cancel)
        return out;
    std::vector<double> column(n);
    for (const std::string& name : sweep_metric_names()) {
        bool everywhere = true;
        for (std::size_t i = 0; i < n && everywhere; ++i) {
            const auto v = name == "endogenous_move" ? std::nullopt : summary_metric(summaries[i], name);
            everywhere = v.has_value() && std::isfinite(*v);
            if (everywhere)
                column[i] = *v;
        }
        if (!everywhere)
            continue;
        std::array<double, 5> band{};
        for (std::size_t k = 0; k < band.size(); ++k)
            band[k] = percentile(column, kMonteCarloPercentiles[k]);
        out.metrics.push_back(name);
        out.metric_bands.push_back(band);
    }
    out.price_fan.resize(steps);
    for (std::size_t t = 0; t < steps; ++t) {
        for (std::size_t i = 0; i < n; ++i)
            column[i] = prices[i * steps + t];
        for (std::size_t k = 0; k < 5; ++k)
            out.price_fan[t][k] = percentile(column, kMonteCarloPercentiles[k]);
    }
    for (const RunSummary& s : summaries)
        out.liquidated_notional.push_back(s.liquidated_notional_long + s.liquidated_notional_short);
    return out;
}

} // namespace levex
