// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/model/ContractSpec.h"
#include "core/model/PositionBook.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace levex {

/// What normalising a book found, and what it is allowed to do about it. Books from any source
/// (a positions CSV today, lending books later) go through the same steps after reading, so the
/// engine sees one convention: cross wallets, not equities, and one position per account and symbol.
struct NormalisationLog {
    /// Strict reading: the first error ends normalisation. Otherwise an account with an error is
    /// marked in `excluded` and left alone, and the caller drops its rows.
    bool stop_at_first_error = true;
    std::vector<Issue> issues; ///< errors and notices, in the order found (Issue::file is book.source)
    /// Per account: left alone (its rows are being dropped). The caller may mark accounts before;
    /// accounts that fail here are marked too.
    std::vector<std::uint8_t> excluded;
    /// The accounts that failed here, each with the index of its first error in `issues`.
    std::vector<std::pair<std::uint32_t, std::size_t>> failed;
};

/// Cross accounts that gave their equity at the mark (wallet + unrealised PnL) rather than their
/// wallet, and where each was given, so that an error can point there. Per account up to the last
/// one with a cross row (an account past the end, like one with NaN, gave none): empty for a book
/// without cross rows, which then costs nothing per account.
struct GivenEquity {
    std::vector<double> value;               ///< NaN when the account gave a wallet (or nothing)
    std::vector<std::uint32_t> line, column; ///< where its balance was given
};

/// Turns each given equity into a wallet balance (wallet = equity - unrealised PnL of the account's
/// cross positions at their symbols' marks), stored in book.account_collateral. An account with a
/// cross position in a symbol without a mark cannot be converted: an error (MissingValue).
/// Returns false when it stopped at an error.
bool convert_equity_to_wallet(PositionBook& book, const GivenEquity& equity, const ContractSpec& contract,
                              NormalisationLog& log);

/// One-way mode: an account holds at most one position per symbol, so the positions of one account
/// and symbol (hedged long and short rows, or one position split over rows) are netted into one, at
/// the size-weighted (inverse: harmonic) mean entry of the side that remains, with that side's
/// margin scaled to what remains; the overlap's PnL is realised into a cross wallet. Each netting is
/// a notice (Netted); rows of one account and symbol in both margin modes are an error (MixedValues)
/// pointed at `mode_column[position]`. Returns false when it stopped at an error.
bool net_one_way_positions(PositionBook& book, const std::vector<std::uint32_t>& mode_column,
                           const ContractSpec& contract, NormalisationLog& log);

} // namespace levex
