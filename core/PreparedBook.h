// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ContractSpec.h"
#include "core/ExhaustionSolver.h"
#include "core/MarginModel.h"
#include "core/PositionBook.h"
#include "core/VenueProfile.h"

#include <cstdint>
#include <vector>

namespace levex {

/// The positions of the shocked symbol laid out for the cascade engine: compact columns, their
/// liquidation levels, and the trigger orders (longs by falling, shorts by rising liquidation
/// price). Built once per book, venue, leverage multiplier and mmr scale; many runs (other shocks,
/// depths, half-lives, paths) reuse it.
///
/// This is the seam for other position kinds: the engine needs only a trigger price, a side, a
/// size, a cushion and a bankruptcy price per position (a lending position's health factor maps
/// onto the same columns).
struct PreparedBook {
    std::size_t symbol = 0;
    double start_mark = 0.0;
    ContractSpec contract;
    VenueProfile venue;
    MarginSettings settings;
    std::size_t capped_count = 0;

    // Per position of the symbol (index k), in book order.
    std::vector<std::uint32_t> book_index; ///< row in the PositionBook
    std::vector<std::int8_t> side;
    std::vector<double> size;
    std::vector<double> entry;
    std::vector<double> cushion;     ///< margin, or the cross wallet plus the account's other PnL at mark
    std::vector<double> other_maint; ///< maintenance of the account's other symbols (cross), else 0
    std::vector<double> liquidation; ///< NaN: never liquidated
    std::vector<double> bankruptcy;  ///< NaN: never bankrupt
    std::vector<double> mmr;         ///< rate in force at the liquidation price
    std::vector<double> maint_amount;

    std::vector<std::uint32_t> long_order;   ///< longs with a liquidation price, highest first
    std::vector<std::uint32_t> short_order;  ///< shorts with a liquidation price, lowest first
    TriggerLadder long_ladder, short_ladder; ///< the same orders as contiguous (price, size) columns

    std::size_t positions() const { return side.size(); }
    /// Open interest at the start mark, in quote.
    double open_interest_quote() const;
};

/// Prepares `symbol` of `book` for runs at start mark `mark`. Throws DataError/UsageError as the
/// margin model does.
PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark);

} // namespace levex
