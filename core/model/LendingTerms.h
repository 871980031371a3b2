// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"

#include <vector>

namespace levex {

/// The liquidation terms of every row of a book once the profile, the account's e-mode category and
/// the row's own overrides are applied (docs/lending.md §3): a row's own value wins, then the e-mode
/// category's (for member collateral of an account in it), then the asset's. Computed once per book.
struct LendingTerms {
    std::vector<double> liquidation_threshold; ///< 0 for an asset that backs no debt
    std::vector<double> liquidation_bonus;     ///< NaN on rows whose collateral can never be seized
    std::vector<double> protocol_fee;          ///< share of the bonus; NaN as above
};

/// Resolves the terms with a profile (nullptr: every collateral row must carry its own). Throws
/// DataError `FILE:LINE: …` for a row whose asset or e-mode category the profile does not know, or a
/// collateral row left without a threshold, bonus or fee.
LendingTerms resolve_lending_terms(const LendingBook& book, const ProtocolProfile* profile);

} // namespace levex
