// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/LendingStudies.h"

#include "core/base/Issue.h"
#include "core/base/Parallel.h"
#include "core/engine/LendingSimulation.h"
#include "core/engine/LendingSummaryMetric.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

namespace levex {

namespace {

using Books = std::vector<const PreparedLendingBook*>;

void apply(RunParameters& p, SweepAxis axis, double v) {
    switch (axis) {
    case SweepAxis::Shock: p.shock = v; break;
    case SweepAxis::DepthScale: p.depth_scale = v; break;
    case SweepAxis::HalfLife: p.half_life_s = v; break;
    case SweepAxis::LeverageMult:
    case SweepAxis::MmrScale: break;
    }
}

void check_spec(const SweepSpec& spec) {
    for (const AxisRange* axis : {&spec.x, &spec.y})
        if (axis->axis == SweepAxis::LeverageMult || axis->axis == SweepAxis::MmrScale)
            throw UsageError(std::string(axis == &spec.x ? "x" : "y") +
                             ": expected shock, depth-scale or half-life for lending books, found " +
                             axis_name(axis->axis));
    if (spec.x.axis == spec.y.axis)
        throw UsageError(std::string("y: expected a parameter other than x's (") + axis_name(spec.x.axis) +
                         "), found the same");
    const auto& names = lending_metric_names();
    if (std::find(names.begin(), names.end(), spec.metric) == names.end()) {
        std::string list;
        for (const std::string& n : names)
            list += (list.empty() ? "" : ", ") + n;
        throw UsageError("metric: expected one of " + list + ", found '" + spec.metric + "'");
    }
}

bool is_fixed_point_metric(const std::string& m) {
    return m == "exhaustion_price" || m == "endogenous_move";
}

// One cell: the fixed point alone, or a whole run.
std::optional<double> cell_metric(const Books& books, const RunParameters& cell, const std::string& metric,
                                  const MarketInputs& market) {
    if (is_fixed_point_metric(metric)) {
        const std::unique_ptr<CascadeMarket> venue = make_lending_market(books, cell, market);
        const double s0 = venue->start_price(), shocked = s0 * (1.0 + cell.shock);
        const double p_star = lending_exhaustion_price(books, *venue, shocked, cell.shock <= 0);
        return metric == "exhaustion_price" ? p_star : std::abs(std::log(p_star / shocked));
    }
    return lending_summary_metric(simulate_lending(books, cell, market, {}, kSummaryOnly).summary, metric);
}

// The first |shock| (0.1 % steps toward the axis end farther from zero, at most 99 %) whose endogenous
// move exceeds the threshold.
std::optional<double> critical_shock(const Books& books, const RunParameters& row, const SweepSpec& spec,
                                     const MarketInputs& market) {
    const double extreme = std::abs(spec.x.from) > std::abs(spec.x.to) ? spec.x.from : spec.x.to;
    const bool falling = extreme < 0;
    const std::unique_ptr<CascadeMarket> venue = make_lending_market(books, row, market);
    const double s0 = venue->start_price();
    const TriggerLadder ladder = lending_exhaustion_ladder(books, s0, falling);
    const std::unique_ptr<ExhaustionSearch> search = venue->exhaustion_search(ladder, falling);
    const double reach = std::min(std::abs(extreme), 0.99);
    for (std::size_t i = 0; double(i) / 1000.0 <= reach + 1e-12; ++i) {
        const double m = double(i) / 1000.0;
        const double shocked = s0 * (falling ? 1.0 - m : 1.0 + m);
        if (std::abs(std::log(search->at(shocked) / shocked)) > spec.critical_threshold)
            return falling ? -m : m;
    }
    return std::nullopt;
}

} // namespace

SweepResult run_lending_sweep(const Books& books, const RunParameters& base, const SweepSpec& spec,
                              const MarketInputs& market, const SweepProgress& progress) {
    check_spec(spec);
    SweepResult result;
    result.xs = spec.x.values();
    result.ys = spec.y.values();
    const std::size_t nx = result.xs.size(), ny = result.ys.size();
    result.values.assign(nx * ny, 0.0);
    result.defined.assign(nx * ny, 0);
    result.critical_shock.assign(ny, std::nullopt);
    std::atomic<std::size_t> done{0};
    std::mutex report;
    Cancellation cancel;
    const bool complete = parallel_each(ny, thread_count(spec.threads, ny), cancel, [&](std::size_t iy) {
        RunParameters row = base;
        apply(row, spec.y.axis, result.ys[iy]);
        for (std::size_t ix = 0; ix < nx && !cancel.requested(); ++ix) {
            RunParameters cell = row;
            apply(cell, spec.x.axis, result.xs[ix]);
            const std::optional<double> value = cell_metric(books, cell, spec.metric, market);
            result.values[iy * nx + ix] = value.value_or(0.0);
            result.defined[iy * nx + ix] = value.has_value();
            const std::size_t finished = ++done;
            if (progress) {
                const std::lock_guard lock(report);
                if (!progress(finished, nx * ny, iy))
                    cancel.request();
            }
        }
        if (spec.x.axis == SweepAxis::Shock && !cancel.requested())
            result.critical_shock[iy] = critical_shock(books, row, spec, market);
    });
    result.cancelled = !complete;
    return result;
}

MonteCarloResult run_lending_monte_carlo(const Books& books, const RunParameters& params, const MonteCarloSpec& spec,
                                         const MarketInputs& market, const MonteCarloProgress& progress) {
    if (spec.paths == 0)
        throw UsageError("paths: expected at least one path, found 0");
    const std::size_t n = spec.paths, steps = params.steps;
    std::vector<LendingSummary> summaries(n);
    std::vector<double> prices(n * steps, 0.0);
    std::atomic<std::size_t> done{0};
    std::mutex report;
    Cancellation cancel;
    const bool complete = parallel_each(n, thread_count(spec.threads, n), cancel, [&](std::size_t i) {
        const LendingRunResult r = simulate_lending(books, params, market, {}, kSummaryOnly, i + 1);
        summaries[i] = r.summary;
        double* row = prices.data() + i * steps;
        for (std::size_t t = 0; t < steps; ++t)
            row[t] = r.frames.book[std::min(t, r.frames.steps - 1)];
        const std::size_t finished = ++done;
        if (progress) {
            const std::lock_guard lock(report);
            if (!progress(finished, n))
                cancel.request();
        }
    });
    MonteCarloResult out;
    out.paths = n;
    out.step_seconds = params.step_seconds;
    out.cancelled = !complete;
    if (out.cancelled)
        return out;
    // The endogenous move is the sweep's, from the fixed point: a path has none of its own.
    const PathMetric metric = [&](std::size_t i, const std::string& name) {
        return name == "endogenous_move" ? std::nullopt : lending_summary_metric(summaries[i], name);
    };
    fill_percentiles(n, steps, lending_metric_names(), metric, prices, out);
    for (const LendingSummary& s : summaries)
        out.liquidated_notional.push_back(s.totals.collateral_seized_base);
    return out;
}

} // namespace levex
