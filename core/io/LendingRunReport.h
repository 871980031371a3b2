// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/LendingCascade.h"
#include "core/model/LendingBook.h"

#include <string>
#include <vector>

namespace levex {

/// A book of a lending run as its reports name it.
struct NamedLendingBook {
    std::string label; ///< its file or snapshot
    const LendingBook* book = nullptr;
};

/// The summary of a lending run as JSON (docs/lending.md §8): the shocked asset, the totals of every
/// book, the market's price keys, and `books`, one object per book with its own totals and oracle path.
std::string lending_summary_json(const LendingSummary& summary);

/// Reads it back (the workspace stores runs that way). Throws DataError naming `what`.
LendingSummary parse_lending_summary_json(const std::string& text, const std::string& what);

/// The liquidation log, one row per liquidation call (docs/lending.md §8): `step,book,account,
/// collateral_asset,debt_asset,debt_repaid,collateral_seized,protocol_fee,collateral_sold,
/// health_factor_before,health_factor_after,sale_price,bad_debt_base` (empty sale_price: nothing was
/// sold into the market; inf: no debt left).
std::string lending_log_csv(const std::vector<LendingEvent>& log, const std::vector<NamedLendingBook>& books);

} // namespace levex
