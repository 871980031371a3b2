// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionCsvWriter.h"

#include "core/base/NumberFormat.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace levex {

void append_csv_field(std::string& out, std::string_view text, char delimiter) {
    const bool plain = std::none_of(text.begin(), text.end(),
                                    [&](char c) { return c == '"' || c == '\r' || c == '\n' || c == delimiter; });
    if (plain) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

char* write_csv_field(char* out, std::string_view text, char delimiter) {
    const bool plain = std::none_of(text.begin(), text.end(),
                                    [&](char c) { return c == '"' || c == '\r' || c == '\n' || c == delimiter; });
    if (plain) {
        std::memcpy(out, text.data(), text.size());
        return out + text.size();
    }
    *out++ = '"';
    for (char c : text) {
        if (c == '"')
            *out++ = '"';
        *out++ = c;
    }
    *out++ = '"';
    return out;
}

std::string write_positions_csv(const PositionBook& book) {
    const std::size_t n = book.positions();
    // Margin is written only where leverage alone would not give it back exactly.
    auto margin_needed = [&](std::size_t i) {
        return book.mode[i] == MarginMode::Isolated &&
               (std::isnan(book.leverage[i]) ||
                book.size[i] * book.entry_price[i] / book.leverage[i] != book.margin[i]);
    };
    bool any_cross = false, any_mmr = false, any_liq = false, any_margin = false;
    for (std::size_t i = 0; i < n; ++i) {
        any_margin |= margin_needed(i);
        any_cross |= book.mode[i] == MarginMode::Cross;
        any_mmr |= !std::isnan(book.maint_margin_rate[i]);
        any_liq |= !std::isnan(book.exchange_liquidation_price[i]);
    }
    bool any_mark = false;
    for (double m : book.symbol_mark)
        any_mark |= !std::isnan(m);

    std::string out;
    out.reserve(n * 96 + 128);
    out += "id,account,symbol,side,size,entry_price,leverage";
    if (any_margin)
        out += ",margin";
    if (any_cross)
        out += ",margin_mode,collateral";
    if (any_mmr)
        out += ",maint_margin_rate,maint_amount";
    if (any_mark)
        out += ",mark_price";
    if (any_liq)
        out += ",liquidation_price";
    out += '\n';
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const bool cross = book.mode[i] == MarginMode::Cross;
        append_csv_field(out, book.id[i]);
        out += ',';
        append_csv_field(out, book.account_names[book.account[i]]);
        out += ',';
        append_csv_field(out, book.symbol_names[book.symbol[i]]);
        out += book.side[i] > 0 ? ",long" : ",short";
        number(book.size[i]);
        number(book.entry_price[i]);
        number(book.leverage[i]);
        if (any_margin)
            number(margin_needed(i) ? book.margin[i] : std::nan(""));
        if (any_cross) {
            out += cross ? ",cross" : ",isolated";
            number(cross ? book.account_collateral[book.account[i]] : std::nan(""));
        }
        if (any_mmr) {
            number(book.maint_margin_rate[i]);
            number(book.maint_amount[i]);
        }
        if (any_mark)
            number(book.symbol_mark[book.symbol[i]]);
        if (any_liq)
            number(book.exchange_liquidation_price[i]);
        out += '\n';
    }
    return out;
}

} // namespace levex
