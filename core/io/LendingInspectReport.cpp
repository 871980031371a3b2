// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingInspectReport.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingLiquidation.h"
#include "core/model/LendingTerms.h"

#include <cmath>

namespace levex {

std::string write_lending_inspect_csv(const LendingBook& book, const ProtocolProfile& profile,
                                      const LendingInspectOptions& options) {
    std::size_t fixed_asset = LendingBook::npos;
    if (!options.symbol.empty()) {
        fixed_asset = book.find_asset(options.symbol);
        if (fixed_asset == LendingBook::npos) {
            std::string names;
            for (const std::string& n : book.asset_names)
                names += (names.empty() ? "" : ", ") + n;
            throw UsageError("unknown symbol '" + options.symbol +
                             "' for this lending book; expected one of: " + names);
        }
    }
    const LendingTerms terms = resolve_lending_terms(book, &profile);
    const LendingState state = LendingState::of(book);
    LiquidationOptions plan;
    plan.protocol_base_per_book_unit = options.protocol_base_per_book_unit;
    plan.require_liquidatable = false;

    std::string out;
    out.reserve(book.accounts() * 200 + 256);
    out += "account,emode,collateral_base,debt_base,health_factor,protocol_health_factor,difference,"
           "liquidation_asset,liquidation_price,price,distance_to_liquidation,max_repay_base\n";
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    for (std::size_t a = 0; a < book.accounts(); ++a) {
        const AccountHealth h = account_health(book, terms, state, a);
        const double hf = h.health_factor();
        const double protocol = book.account_protocol_health_factor[a];
        std::size_t asset = fixed_asset;
        if (asset == LendingBook::npos) {
            const std::size_t row = largest_collateral_row(book, terms, state, a);
            asset = row == LendingBook::npos ? LendingBook::npos : book.row_asset[row];
        }
        const double liq = asset == LendingBook::npos ? NAN : liquidation_price(book, terms, state, a, asset);
        const double price = asset == LendingBook::npos ? NAN : state.price[asset];
        const LiquidationStep step = plan_liquidation(book, terms, profile, state, a, plan);

        append_csv_field(out, book.account_names[a]);
        out += ',' + std::to_string(book.account_emode[a]);
        number(h.collateral_base);
        number(h.debt_base);
        number(hf);
        number(protocol);
        number(std::isfinite(hf) && std::isfinite(protocol) ? hf - protocol : NAN);
        out += ',';
        if (asset != LendingBook::npos)
            append_csv_field(out, book.asset_names[asset]);
        number(liq);
        number(price);
        number(std::isnan(liq) ? NAN : liq / price - 1.0);
        number(step.outcome == LiquidationOutcome::Liquidated ? step.debt_repaid_base : 0.0);
        out += '\n';
    }
    return out;
}

} // namespace levex
