// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LeverageMultiplier.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <memory>
#include <vector>

namespace levex {

/// Per-position liquidation and bankruptcy prices (docs/model.md §1), struct of arrays.
/// NaN means "none": a position that can never be liquidated (or go bankrupt) at any positive price.
struct LiquidationLevels {
    std::vector<double> liquidation_price;
    std::vector<double> bankruptcy_price;
    std::vector<double> maint_margin_rate; ///< the rate in force at the liquidation price (fee and scale included)
    std::vector<double> maint_amount;      ///< the tier deduction in force there (scale included)
    EffectiveMargins margins;              ///< the cushions the prices were computed from
};

struct MarginSettings {
    double leverage_mult = 1.0; ///< docs/model.md §7
    double mmr_scale = 1.0;     ///< scales every position's whole maintenance requirement
};

/// The terms of one position, as its row of LiquidationLevels gives them.
struct PositionLevel {
    double liquidation_price, bankruptcy_price, maint_margin_rate, maint_amount;
};

/// compute_liquidation_levels one position at a time, holding per-account totals only: preparing
/// one symbol of a large book needs each position's terms once, and book-wide columns of them would
/// cost as much memory again as the prepared positions. Gives the same bits (it is what
/// compute_liquidation_levels runs). Throws as compute_liquidation_levels does.
class PositionLevelSolver {
public:
    PositionLevelSolver(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings);
    ~PositionLevelSolver();
    PositionLevelSolver(const PositionLevelSolver&) = delete;
    PositionLevelSolver& operator=(const PositionLevelSolver&) = delete;

    /// Position i's terms. Thread-safe.
    PositionLevel at(std::size_t i) const;
    /// The cushions the terms are computed from.
    const LeverageMultiplier& multiplier() const;

private:
    struct State; // the margin solver and the cross accounts' totals
    std::unique_ptr<State> state_;
};

/// Computes every position's liquidation and bankruptcy price. Isolated positions stand alone;
/// a cross position's price solves its account's equity = maintenance with the account's other
/// symbols held at their marks. Throws DataError when a cross account holds a symbol with no mark.
LiquidationLevels compute_liquidation_levels(const PositionBook& book, const VenueProfile& venue,
                                             const MarginSettings& settings = {});

/// Liquidation prices of one symbol's positions for many leverage multipliers and mmr scales (the
/// sweeps of the fixed point): what does not depend on them is computed once, and each solve
/// writes only the prices.
class LiquidationPriceSolver {
public:
    LiquidationPriceSolver(const PositionBook& book, const VenueProfile& venue, std::size_t symbol);

    /// The symbol's positions in book order; NaN = never liquidated. Thread-safe.
    void solve(const MarginSettings& settings, std::vector<double>& out) const;
    /// Book rows of the symbol's positions, in the order solve() writes them.
    const std::vector<std::uint32_t>& rows() const { return rows_; }

private:
    const PositionBook& book_;
    const VenueProfile& venue_;
    std::vector<std::uint32_t> rows_;
    std::vector<double> floor_margin_;  ///< per row: entry notional / the tier's max leverage
    std::vector<double> account_floor_; ///< per account: the same summed over its cross rows
    std::vector<double> other_pnl_;     ///< per row (cross): the account's other symbols' PnL at mark
    std::vector<double> other_maint_;   ///< per row (cross): their maintenance at mmr scale 1
};

} // namespace levex
