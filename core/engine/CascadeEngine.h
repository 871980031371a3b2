// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeMarket.h"
#include "core/engine/PreparedBook.h"
#include "core/market/DepthCurve.h"
#include "core/model/RunParameters.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// Where a liquidated quantity went (docs/model.md §4).
enum class LiquidationPath : std::uint8_t { Book, Adl, Backstop, Takeover };
const char* liquidation_path_name(LiquidationPath path);

/// One row of the liquidation log (docs/model.md §6).
struct LiquidationEvent {
    std::uint32_t step = 0;
    std::uint32_t position = 0; ///< row in the PositionBook
    std::int8_t side = 0;
    LiquidationPath path = LiquidationPath::Book;
    double size = 0.0;       ///< base (contracts for inverse)
    double trigger = 0.0;    ///< the liquidation price that fired
    double fill_price = 0.0; ///< VWAP in the book, or the ADL/takeover/backstop price
    double fee = 0.0;        ///< margin currency
    double fund_pnl = 0.0;   ///< margin currency: remaining margin kept (+) or loss covered (−)
};

/// Per-step series and price-binned histograms (docs/model.md §6). Histograms are steps × bins,
/// row-major, in quote at each position's liquidation price; bins are fixed for the run,
/// log-spaced, and the first and last bins also catch everything beyond them.
struct RunFrames {
    std::size_t steps = 0;
    std::size_t bins = 0;
    std::vector<double> edges; ///< bins + 1 prices, ascending

    std::vector<double> index, book, mark;
    std::vector<double> liquidated_notional_long, liquidated_notional_short; ///< quote, at fill prices
    std::vector<std::uint32_t> liquidated_count_long, liquidated_count_short;
    std::vector<double> backstop_notional, adl_notional; ///< quote
    std::vector<double> open_interest;                   ///< quote at the mark
    std::vector<double> fund_balance;                    ///< margin currency; inf = unlimited
    std::vector<double> withdrawal; ///< w: the factor resting depth is scaled by (1 = none withdrawn)

    std::vector<double> open_long, open_short;         ///< liquidation levels still open
    std::vector<double> executed_long, executed_short; ///< liquidated during the step

    std::size_t bin_of(double price) const;
    /// Sizes every per-step series to `steps` (zeros) and, with `histograms`, the four histograms
    /// to steps × bins: what every engine that fills frames does first.
    void allocate(std::size_t steps, bool histograms);
    /// Keeps the first `run` steps of everything allocate() sized.
    void trim(std::size_t run, bool histograms);
    const double* row(const std::vector<double>& histogram, std::size_t step) const {
        return histogram.data() + step * bins;
    }
};

/// Summary metrics (docs/model.md §6); keys with units as written by summary_json().
struct RunSummary {
    std::size_t liquidated_count_long = 0, liquidated_count_short = 0, liquidated_count = 0;
    double liquidated_notional_long = 0.0, liquidated_notional_short = 0.0; ///< quote
    double liquidated_share_of_oi = 0.0;
    double start_price = 0.0, final_price = 0.0, min_price = 0.0, max_price = 0.0; ///< book price
    double max_drawdown = 0.0;           ///< largest fall from a running peak, as a fraction
    std::optional<double> amplification; ///< none at zero shock
    double cascade_duration_s = 0.0;     ///< first to last step with a liquidation
    double peak_liquidation_rate_quote_per_s = 0.0;
    double insurance_fund_min = 0.0;                    ///< margin currency; inf = unlimited
    double fund_loss = 0.0;                             ///< losses the fund covered, margin currency
    double adl_notional = 0.0, backstop_notional = 0.0; ///< quote
    double exhaustion_price = 0.0;
    std::size_t steps_run = 0;
    std::size_t leverage_capped = 0;
    double ledger_max_imbalance = 0.0; ///< largest |Σ flows| of any step (0 up to rounding)
    bool price_floor_hit = false;      ///< a price reached the floor (kPriceFloorFraction of the start)
};

struct RunResult {
    bool cancelled = false;
    RunFrames frames;
    RunSummary summary;
    std::vector<LiquidationEvent> log;
};

/// Called after each step (its frame is complete); return false to cancel the run.
using StepCallback = std::function<bool(std::size_t step, const RunFrames& frames)>;

/// What a run records besides the summary and the per-step series: the price-binned histograms
/// and the liquidation log cost memory and time that sweeps and Monte Carlo do not need.
struct RunOutputs {
    bool histograms = true;
    bool log = true;
};
inline constexpr RunOutputs kSummaryOnly{false, false};

/// The time-stepped cascade (docs/model.md §4) on a prepared book, a depth (in base at the start
/// price) and an exogenous index path (log offsets per step): run_cascade on a DepthCurveMarket.
RunResult run_cascade(const PreparedBook& book, const BookDepth& depth, const std::vector<double>& index_path,
                      const RunParameters& params, const StepCallback& on_step = {}, RunOutputs outputs = {});

/// The cascade against any market: `market` is fresh (no fills, no time passed) and starts at the
/// book's start mark (else std::invalid_argument); the run moves it, so one market serves one run.
RunResult run_cascade(const PreparedBook& book, CascadeMarket& market, const std::vector<double>& index_path,
                      const RunParameters& params, const StepCallback& on_step = {}, RunOutputs outputs = {});

/// The exhaustion fixed point (docs/model.md §5) from index price `shocked` in one pass over the
/// sorted triggers: down (longs) when `down`, else up (shorts).
double exhaustion_price(const PreparedBook& book, const BookDepth& depth, double shocked, bool down);

} // namespace levex
