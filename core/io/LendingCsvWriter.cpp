// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingCsvWriter.h"

#include "core/base/NumberFormat.h"
#include "core/io/PositionCsvWriter.h"

#include <algorithm>
#include <cmath>

namespace levex {

namespace {

bool any_set(const std::vector<double>& v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return !std::isnan(x); });
}

} // namespace

std::string write_lending_csv(const LendingBook& book) {
    const bool lt = any_set(book.liquidation_threshold), bonus = any_set(book.liquidation_bonus),
               fee = any_set(book.liquidation_protocol_fee), hf = any_set(book.account_protocol_health_factor);
    const bool emode = std::any_of(book.account_emode.begin(), book.account_emode.end(), [](auto e) { return e != 0; });
    std::string out;
    out.reserve(book.rows() * 64 + 128);
    out += "account,asset,collateral,debt,price";
    out += lt ? ",liquidation_threshold" : "";
    out += bonus ? ",liquidation_bonus" : "";
    out += fee ? ",liquidation_protocol_fee" : "";
    out += emode ? ",emode" : "";
    out += hf ? ",health_factor" : "";
    out += '\n';
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    for (std::size_t r = 0; r < book.rows(); ++r) {
        const std::size_t a = book.row_account[r], asset = book.row_asset[r];
        append_csv_field(out, book.account_names[a]);
        out += ',';
        append_csv_field(out, book.asset_names[asset]);
        number(book.collateral[r]);
        number(book.debt[r]);
        number(book.asset_price[asset]);
        if (lt)
            number(book.liquidation_threshold[r]);
        if (bonus)
            number(book.liquidation_bonus[r]);
        if (fee)
            number(book.liquidation_protocol_fee[r]);
        if (emode)
            number(double(book.account_emode[a]));
        if (hf)
            number(book.account_protocol_health_factor[a]);
        out += '\n';
    }
    return out;
}

} // namespace levex
