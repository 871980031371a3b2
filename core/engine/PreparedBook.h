// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/ExhaustionSolver.h"
#include "core/model/ContractSpec.h"
#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace levex {

/// The positions of the shocked symbol laid out for the cascade engine: compact columns (about
/// 70 bytes a position), their liquidation levels, and the trigger ladders (longs by falling,
/// shorts by rising liquidation price). Built once per book, venue, leverage multiplier and mmr
/// scale; many runs (other shocks, depths, half-lives, paths) reuse it.
///
/// This is the seam for other position kinds: the engine needs only a trigger price, a side, a
/// size, an entry and a cushion per position (a lending position's health factor maps onto the
/// same columns).
struct PreparedBook {
    std::size_t symbol = 0;
    double start_mark = 0.0;
    ContractSpec contract;
    VenueProfile venue;
    MarginSettings settings;
    std::size_t capped_count = 0;

    // Per position of the symbol (index k), in trigger order: the long ladder's positions, then the
    // short ladder's, then those never liquidated.
    std::vector<std::uint32_t> book_index; ///< row in the PositionBook
    std::vector<std::int8_t> side;
    std::vector<double> size;
    std::vector<double> entry;
    std::vector<double> cushion;     ///< margin, or the cross wallet plus the account's other PnL at mark
    std::vector<double> liquidation; ///< NaN: never liquidated
    // Maintenance terms, for the backstop test at the mark (single precision is plenty for a threshold).
    std::vector<float> mmr;          ///< rate in force at the liquidation price
    std::vector<float> maint_amount; ///< deduction in force there
    std::vector<float> other_maint;  ///< maintenance of a cross account's other symbols

    TriggerLadder long_ladder;  ///< longs with a liquidation price, highest first
    TriggerLadder short_ladder; ///< shorts with a liquidation price, lowest first

    std::size_t positions() const { return side.size(); }
    /// Price at which the position's equity is zero (cushion + PnL = 0); NaN when there is none.
    double bankruptcy(std::size_t k) const;
    /// Open interest at the start mark, in quote.
    double open_interest_quote() const;
    /// Bytes the columns and ladders hold.
    std::size_t memory_bytes() const;
};

/// Prepares `symbol` of `book` for runs at start mark `mark`. Throws DataError/UsageError as the
/// margin model does. With `audit`, also audits every position of the book from the same levels
/// (`symbol` at `mark`, the others at their book marks), for a positions table.
PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark, LeverageAudit* audit = nullptr);

} // namespace levex
