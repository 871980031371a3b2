// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/market/MarketInputs.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"
#include "core/model/VenueProfile.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// Percentiles reported by Monte Carlo (docs/model.md §6).
inline constexpr std::array<double, 5> kMonteCarloPercentiles = {5, 25, 50, 75, 95};

struct MonteCarloSpec {
    std::size_t paths = 100;
    unsigned threads = 0; ///< 0 = every core
};

struct MonteCarloResult {
    std::size_t paths = 0;
    double step_seconds = 1.0;
    std::vector<std::string> metrics;                ///< summary keys with a value on every path
    std::vector<std::array<double, 5>> metric_bands; ///< per metric: the percentiles above
    std::vector<std::array<double, 5>> price_fan;    ///< per step: percentiles of the book price
    std::vector<double> liquidated_notional;         ///< per path, quote (long + short)
    bool cancelled = false;
};

/// Called as paths complete (from any of its threads, the calling one included, one at a time);
/// return false to cancel: the result then says cancelled and holds no percentiles.
using MonteCarloProgress = std::function<bool(std::size_t paths_done, std::size_t paths_total)>;

/// N runs of `params` whose random returns come from streams 1..N of the seed: reproducible from
/// the seed and identical for any thread count (each path is independent and stored in its slot;
/// percentiles are taken after all paths are in).
MonteCarloResult run_monte_carlo(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                                 const MonteCarloSpec& spec, const MarketInputs& market = {},
                                 const MonteCarloProgress& progress = {});

/// Linear-interpolation percentile (type 7) of `values`, which it reorders.
double percentile(std::vector<double>& values, double pct);

/// A path's value of a summary metric by name (none where it has none).
using PathMetric = std::function<std::optional<double>(std::size_t path, const std::string& name)>;

/// The percentile bands of each of `names` that is finite on every one of `paths`, and the
/// per-step fan of `prices` (paths × steps, path-major): the part of a Monte Carlo result that
/// perpetual and lending books share.
void fill_percentiles(std::size_t paths, std::size_t steps, const std::vector<std::string>& names,
                      const PathMetric& metric, const std::vector<double>& prices, MonteCarloResult& out);

} // namespace levex
