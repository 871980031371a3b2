// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LendingAccounts.h"

#include "core/engine/PreparedLendingBook.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingTerms.h"

#include <algorithm>

namespace levex::ui {

std::vector<LendingAccountRow> lending_account_rows(const std::vector<LendingBookInput>& books,
                                                    const std::string& symbol, const std::vector<LendingEvent>& log) {
    std::vector<LendingAccountRow> rows;
    std::vector<std::size_t> first_row; // of each book
    for (std::uint32_t b = 0; b < books.size(); ++b) {
        const LendingBook& book = *books[b].book;
        const LendingTerms terms = resolve_lending_terms(book, &books[b].profile);
        const LendingState state = LendingState::of(book);
        const std::size_t asset = find_book_asset(book, books[b].profile, symbol);
        first_row.push_back(rows.size());
        for (std::uint32_t a = 0; a < book.accounts(); ++a) {
            const AccountHealth health = account_health(book, terms, state, a);
            LendingAccountRow row;
            row.book = b;
            row.account = a;
            row.health_factor = health.health_factor();
            row.protocol_health_factor = book.account_protocol_health_factor[a];
            row.collateral_base = health.collateral_base;
            row.debt_base = health.debt_base;
            row.liquidation_price = asset == LendingBook::npos ? std::numeric_limits<double>::quiet_NaN()
                                                               : liquidation_price(book, terms, state, a, asset);
            rows.push_back(row);
        }
    }
    for (const LendingEvent& e : log) {
        LendingAccountRow& row = rows[first_row[e.book] + e.account];
        row.first_step = std::min(row.first_step, e.step);
        ++row.liquidations;
        row.bad_debt_base += e.bad_debt_base;
    }
    return rows;
}

} // namespace levex::ui
