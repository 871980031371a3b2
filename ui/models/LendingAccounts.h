// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/LendingCascade.h"
#include "core/usecase/LendingBookInput.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace levex::ui {

/// One account of a lending run as the Accounts table and the health-factor histogram show it: its
/// figures in the book as read (docs/lending.md §3–4) and what the run did to it (§8).
struct LendingAccountRow {
    std::uint32_t book = 0, account = 0;
    double health_factor = 0.0;          ///< LevEx's, at the book's prices (inf: no debt)
    double protocol_health_factor = 0.0; ///< the book's own column (NaN: not given)
    double collateral_base = 0.0;        ///< collateral with a threshold above 0, in the book's base
    double debt_base = 0.0;
    double liquidation_price = 0.0;    ///< of the shocked asset, in the book's base (NaN: none)
    std::uint32_t first_step = kNever; ///< the step of its first liquidation
    std::uint32_t liquidations = 0;
    double bad_debt_base = 0.0; ///< written off in the run
    static constexpr std::uint32_t kNever = 0xFFFFFFFFu;
};

/// The accounts of `books`, in book order, for a run that shocked `symbol` and logged `log`. Linear
/// in the rows and the log: the worker computes it once a run has finished.
std::vector<LendingAccountRow> lending_account_rows(const std::vector<LendingBookInput>& books,
                                                    const std::string& symbol, const std::vector<LendingEvent>& log);

} // namespace levex::ui
