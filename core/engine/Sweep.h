// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/engine/SummaryMetric.h"
#include "core/market/MarketInputs.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"
#include "core/model/VenueProfile.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace levex {

enum class SweepAxis { Shock, LeverageMult, DepthScale, MmrScale, HalfLife };

/// `count` values from `from` to `to`, evenly spaced (inclusive).
struct AxisRange {
    SweepAxis axis = SweepAxis::Shock;
    double from = 0.0, to = 0.0;
    std::size_t count = 1;
    std::vector<double> values() const;
};

/// Parses "name:from:to:count" (names: shock, leverage-mult, depth-scale, mmr-scale, half-life);
/// throws UsageError.
AxisRange parse_axis(const std::string& text);
const char* axis_name(SweepAxis axis);
/// The run parameter an axis sets ("half_life_s" for half-life).
const char* axis_parameter_key(SweepAxis axis);

struct SweepSpec {
    AxisRange x, y;
    std::string metric = "amplification";
    double critical_threshold = 0.02; ///< endogenous move |ln(P*/S)| that makes a shock critical
    unsigned threads = 0;             ///< 0 = every core
};

struct SweepResult {
    std::vector<double> xs, ys;
    std::vector<double> values;                        ///< ys.size() × xs.size(), row-major (row = y)
    std::vector<std::uint8_t> defined;                 ///< 0 where the metric is undefined (written null)
    std::vector<std::optional<double>> critical_shock; ///< per row; only when x is the shock axis
    bool cancelled = false;
};

/// Called as cells complete (from any of the sweep's threads, the calling one included, one at a
/// time); return false to cancel: the result then says cancelled.
using SweepProgress = std::function<bool(std::size_t cells_done, std::size_t cells_total, std::size_t row)>;

/// Runs the grid on every core. Each cell is computed on its own and written to its own slot, so
/// results are identical for any thread count.
SweepResult run_sweep(const PositionBook& book, const VenueProfile& venue, const RunParameters& base,
                      const SweepSpec& spec, const MarketInputs& market = {}, const SweepProgress& progress = {});

} // namespace levex
