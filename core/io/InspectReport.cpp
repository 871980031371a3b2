// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/InspectReport.h"

#include "core/base/NumberFormat.h"
#include "core/io/PositionCsvWriter.h"

#include <cmath>

namespace levex {

std::string write_inspect_csv(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels) {
    const std::size_t n = book.positions();
    std::string out;
    out.reserve(n * 200 + 256);
    out += "id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,maint_amount,"
           "liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,"
           "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped\n";
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    // Account notional at entry, for a cross account's leverage.
    std::vector<double> account_notional(book.accounts(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (book.mode[i] == MarginMode::Cross)
            account_notional[book.account[i]] += venue.contract == ContractKind::Inverse
                                                     ? book.size[i] * venue.contract_size / book.entry_price[i]
                                                     : book.size[i] * book.entry_price[i];
    for (std::size_t i = 0; i < n; ++i) {
        const bool cross = book.mode[i] == MarginMode::Cross;
        const std::uint32_t a = book.account[i];
        const double liq = levels.liquidation_price[i];
        const double exchange = book.exchange_liquidation_price[i];
        const double mark = book.symbol_mark[book.symbol[i]];
        const double margin = levels.margins.margin[i];
        const double collateral = levels.margins.account_collateral[a];
        append_csv_field(out, book.id[i]);
        out += ',';
        append_csv_field(out, book.account_names[a]);
        out += ',';
        append_csv_field(out, book.symbol_names[book.symbol[i]]);
        out += book.side[i] > 0 ? ",long" : ",short";
        number(book.size[i]);
        number(book.entry_price[i]);
        number(cross ? std::nan("") : margin);
        // Effective leverage after the multiplier: the position's, or its cross account's.
        number(cross ? (collateral > 0 ? account_notional[a] / collateral : std::nan(""))
                     : book.leverage[i] * book.margin[i] / margin);
        number(levels.maint_margin_rate[i]);
        number(levels.maint_amount[i]);
        number(liq);
        number(levels.bankruptcy_price[i]);
        number(exchange);
        number(std::isnan(exchange) || std::isnan(liq) ? std::nan("") : liq - exchange);
        out += cross ? ",cross" : ",isolated";
        number(cross ? collateral : std::nan(""));
        number(mark);
        number(std::isnan(mark) || std::isnan(liq) || std::isinf(liq) ? std::nan("") : liq / mark - 1.0);
        out += levels.margins.capped[i] ? ",yes" : ",no";
        out += '\n';
    }
    return out;
}

} // namespace levex
