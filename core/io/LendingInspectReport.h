// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"

#include <string>

namespace levex {

struct LendingInspectOptions {
    /// The asset whose liquidation price each row shows; empty: each account's largest collateral asset.
    std::string symbol;
    /// Units of the profile's base currency per unit of the book's (see LiquidationOptions).
    double protocol_base_per_book_unit = 1.0;
};

/// The inspect table of a lending book (docs/lending.md §4): one CSV row per account with its computed
/// health factor beside the protocol's own, its collateral and debt in the base currency, the liquidation
/// price of one asset with every other price held, and the debt one liquidation could repay at today's
/// prices. Empty cells mean "none". Throws UsageError when `symbol` is not an asset of the book, DataError
/// when the profile cannot price a row (resolve_lending_terms).
std::string write_lending_inspect_csv(const LendingBook& book, const ProtocolProfile& profile,
                                      const LendingInspectOptions& options = {});

} // namespace levex
