// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/MonteCarlo.h"

#include "core/base/Issue.h"
#include "core/base/Parallel.h"
#include "core/engine/DepthCurveMarket.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/engine/SummaryMetric.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

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

namespace {

// What each path leaves behind: its summary and its book price per step (path-major; a path that
// settled early keeps its last price).
struct PathOutcomes {
    std::vector<RunSummary> summaries;
    std::vector<double> prices;
};

// Runs the paths in parallel, each into its own slot. Returns false when the progress callback
// cancelled.
bool run_paths(const PreparedBook& prepared, const BookDepth& depth, const RunParameters& params,
               const MonteCarloSpec& spec, const MonteCarloProgress& progress, PathOutcomes& out) {
    const std::size_t n = spec.paths, steps = params.steps;
    out.summaries.assign(n, RunSummary{});
    out.prices.assign(n * steps, 0.0);
    std::atomic<std::size_t> done{0};
    std::mutex report;
    Cancellation cancel;
    return parallel_each(n, thread_count(spec.threads, n), cancel, [&](std::size_t i) {
        // Each path its own market, as simulate() builds it (stress withdrawal included).
        DepthCurveMarket market(depth, prepared.start_mark, params, withdrawal_parameters(params));
        const RunResult r =
            run_cascade(prepared, market, build_index_path(params, std::nullopt, i + 1), params, {}, kSummaryOnly);
        out.summaries[i] = r.summary;
        double* row = out.prices.data() + i * steps;
        for (std::size_t t = 0; t < steps; ++t)
            row[t] = r.frames.book[std::min(t, r.frames.steps - 1)];
        const std::size_t finished = ++done;
        if (progress) {
            const std::lock_guard lock(report);
            if (!progress(finished, n))
                cancel.request();
        }
    });
}

} // namespace

MonteCarloResult run_monte_carlo(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                                 const MonteCarloSpec& spec, const MarketInputs& market,
                                 const MonteCarloProgress& progress) {
    if (spec.paths == 0)
        throw UsageError("paths: expected at least one path, found 0");
    if (params.depth_model == DepthModel::Amm)
        throw UsageError("amm_kind: expected a book's depth for Monte Carlo paths, found a pool");
    const std::size_t symbol = resolve_symbol(book, params.symbol);
    const double mark = resolve_mark(book, symbol, params);
    const PreparedBook prepared = prepare_book(book, venue, {params.leverage_mult, params.mmr_scale}, symbol, mark);
    const BookDepth depth = build_depth(params, mark, market.l2_book ? &*market.l2_book : nullptr);

    PathOutcomes paths;
    const bool complete = run_paths(prepared, depth, params, spec, progress, paths);
    MonteCarloResult out;
    out.paths = spec.paths;
    out.step_seconds = params.step_seconds;
    out.cancelled = !complete;
    if (out.cancelled)
        return out;
    // The endogenous move is the sweep's, from the fixed point: a path has none of its own.
    const PathMetric metric = [&](std::size_t i, const std::string& name) {
        return name == "endogenous_move" ? std::nullopt : summary_metric(paths.summaries[i], name);
    };
    fill_percentiles(spec.paths, params.steps, sweep_metric_names(), metric, paths.prices, out);
    for (const RunSummary& s : paths.summaries)
        out.liquidated_notional.push_back(s.liquidated_notional_long + s.liquidated_notional_short);
    return out;
}

void fill_percentiles(std::size_t paths, std::size_t steps, const std::vector<std::string>& names,
                      const PathMetric& metric, const std::vector<double>& prices, MonteCarloResult& out) {
    std::vector<double> column(paths);
    for (const std::string& name : names) {
        bool everywhere = true;
        for (std::size_t i = 0; i < paths && everywhere; ++i) {
            const std::optional<double> v = metric(i, name);
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
        for (std::size_t i = 0; i < paths; ++i)
            column[i] = prices[i * steps + t];
        for (std::size_t k = 0; k < 5; ++k)
            out.price_fan[t][k] = percentile(column, kMonteCarloPercentiles[k]);
    }
}

} // namespace levex
