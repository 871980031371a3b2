// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/engine/CascadeMarket.h"
#include "core/engine/PreparedLendingBook.h"
#include "core/model/RunParameters.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// One liquidation call of a lending cascade (docs/lending.md §8): a row of the log.
struct LendingEvent {
    std::uint32_t step = 0;
    std::uint32_t book = 0;                             ///< index of the book in the run
    std::uint32_t account = 0;                          ///< index of the account in its book
    std::uint32_t collateral_asset = 0, debt_asset = 0; ///< asset indexes in its book
    double debt_repaid = 0.0;                           ///< units of the debt asset
    double collateral_seized = 0.0;                     ///< units of the collateral asset, the protocol's fee included
    double protocol_fee = 0.0;                          ///< units of the collateral asset
    double collateral_sold = 0.0;                       ///< units the liquidator sold into the run's market (0: none)
    double health_factor_before = 0.0, health_factor_after = 0.0;
    double sale_price = 0.0;    ///< VWAP of that sale in the market's quote; NaN when nothing was sold
    double bad_debt_base = 0.0; ///< debt written off when the account's collateral ran out (book base)
};

/// What a run did to the accounts of one book, or to all of them (docs/lending.md §8). Amounts in
/// `*_base` are in the book's base currency at the oracle prices of the moment; totals add the books'.
struct LendingTotals {
    std::size_t accounts = 0;
    std::size_t accounts_liquidated = 0; ///< accounts with at least one liquidation
    std::size_t liquidations = 0;        ///< liquidation calls
    std::size_t accounts_with_bad_debt = 0;
    double collateral_seized = 0.0; ///< units of the shocked asset seized (protocol fees included)
    double collateral_sold = 0.0;   ///< units of the shocked asset liquidators sold into the market
    double debt_bought = 0.0;       ///< units of the shocked asset liquidators bought to repay it
    double collateral_seized_base = 0.0, debt_repaid_base = 0.0, bonus_base = 0.0, protocol_fee_base = 0.0,
           bad_debt_base = 0.0;
};

/// A book's part of the summary: its totals and its oracle's path.
struct LendingBookSummary {
    std::string label, protocol;
    LendingTotals totals;
    double start_oracle_price = 0.0, final_oracle_price = 0.0, min_oracle_price = 0.0; ///< the shocked asset's
};

/// The summary of a lending cascade: the totals of every book, the prices of the shocked asset's market
/// (the keys of docs/model.md §6 they share with position books), and each book's part.
struct LendingSummary {
    std::string symbol;
    LendingTotals totals;
    double start_price = 0.0, final_price = 0.0, min_price = 0.0, max_price = 0.0; ///< market price
    double max_drawdown = 0.0;
    std::optional<double> amplification; ///< none at zero shock
    double cascade_duration_s = 0.0;
    double exhaustion_price = 0.0;
    std::size_t steps_run = 0;
    bool price_floor_hit = false;
    std::vector<LendingBookSummary> books;
    /// Largest imbalance of either ledger in any step (kept in memory, not written): collateral seized
    /// − sold − kept − fees, in units; debt removed − repaid − bad debt, in base.
    double ledger_max_imbalance = 0.0;
};

struct LendingRunResult {
    bool cancelled = false;
    RunFrames frames; ///< the shape of a position book's run; levels are collateral at stake (§8)
    LendingSummary summary;
    std::vector<LendingEvent> log;
};

/// The exogenous flow of a run, per step, in units of the shocked asset (> 0 sold into the market,
/// < 0 bought from it): empty for none.
using ExogenousFlow = std::vector<double>;

/// The lending cascade (docs/lending.md §7) of `books` sharing one market: `market` is fresh and
/// prices the shocked asset (its start price is where the books' oracles start from); `index_path`
/// is the exogenous index (log offsets per step). Each book keeps its own profile, terms and
/// balances; the market and its impact state are shared. Throws std::invalid_argument for a run
/// without books or a book that does not hold the asset.
LendingRunResult run_lending_cascade(const std::vector<const PreparedLendingBook*>& books, CascadeMarket& market,
                                     const std::vector<double>& index_path, const RunParameters& params,
                                     const ExogenousFlow& flow = {}, const StepCallback& on_step = {},
                                     RunOutputs outputs = {});

/// The triggers of lending books for the exhaustion price (docs/lending.md §7), in the order a move
/// from `start_price` reaches them: each account's first liquidation flow at its liquidation price
/// (in market terms), accounts already below the threshold first. `down`: the accounts a fall
/// liquidates (their sales), else those a rise does (their liquidators' purchases).
TriggerLadder lending_exhaustion_ladder(const std::vector<const PreparedLendingBook*>& books, double start_price,
                                        bool down);

/// The exhaustion price of lending books: the fixed point of docs/model.md §5 over that ladder in
/// `market`, from the shocked price, with the exogenous volume (units of the asset) walking first.
double lending_exhaustion_price(const std::vector<const PreparedLendingBook*>& books, const CascadeMarket& market,
                                double shocked, bool down, double exogenous_volume = 0.0);

} // namespace levex
