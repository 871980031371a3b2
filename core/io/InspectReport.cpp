// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/InspectReport.h"

#include "core/base/BlockPipeline.h"
#include "core/base/NumberFormat.h"
#include "core/base/Parallel.h"
#include "core/base/TextBuffer.h"
#include "core/io/PositionCsvWriter.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace levex {

namespace {

// Writes a literal (its size known at compile time, so the copy is a move or two).
template <std::size_t N>
char* write_literal(char* p, const char (&text)[N]) {
    std::memcpy(p, text, N - 1);
    return p + N - 1;
}

// Appends rows [begin, end) of the inspect table to `out`.
void append_inspect_rows(TextBuffer& out, const PositionBook& book, const LiquidationLevels& levels,
                         const LeverageAudit& audit, std::size_t begin, std::size_t end) {
    constexpr std::size_t kNumbers = 12, kLiterals = 32; // ",short" ",isolated" ",yes" and the commas
    for (std::size_t i = begin; i < end; ++i) {
        const bool cross = book.mode[i] == MarginMode::Cross;
        const std::uint32_t a = book.account[i];
        const std::string_view id = book.id[i];
        const std::string_view account = book.account_names[a];
        const std::string_view symbol = book.symbol_names[book.symbol[i]];
        const double liq = levels.liquidation_price[i];
        const double exchange = book.exchange_liquidation_price[i];
        const double mark = book.symbol_mark[book.symbol[i]];
        const double margin = levels.margins.margin[i];
        const double collateral = levels.margins.account_collateral[a];
        // The most the row can take: every text quoted with every character doubled.
        char* p = out.room(2 * (id.size() + account.size() + symbol.size()) + 6 + kNumbers * (1 + kPlainMaxChars) +
                           kLiterals);
        auto number = [&](double x) {
            *p++ = ',';
            if (!std::isnan(x))
                p = write_plain(p, x);
        };
        p = write_csv_field(p, id);
        *p++ = ',';
        p = write_csv_field(p, account);
        *p++ = ',';
        p = write_csv_field(p, symbol);
        p = book.side[i] > 0 ? write_literal(p, ",long") : write_literal(p, ",short");
        number(book.size[i]);
        number(book.entry_price[i]);
        number(cross ? std::nan("") : margin);
        number(audit.effective_leverage[i]); // after the multiplier: the position's, or its cross account's
        number(levels.maint_margin_rate[i]);
        number(levels.maint_amount[i]);
        number(liq);
        number(levels.bankruptcy_price[i]);
        number(exchange);
        number(std::isnan(exchange) || std::isnan(liq) ? std::nan("") : liq - exchange);
        p = cross ? write_literal(p, ",cross") : write_literal(p, ",isolated");
        number(cross ? collateral : std::nan(""));
        number(mark);
        number(std::isnan(mark) || std::isnan(liq) || std::isinf(liq) ? std::nan("") : liq / mark - 1.0);
        p = levels.margins.capped[i] ? write_literal(p, ",yes\n") : write_literal(p, ",no\n");
        out.end_at(p);
    }
}

} // namespace

void stream_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit,
                        const TextSink& sink, const InspectStreamOptions& options) {
    sink("id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,maint_amount,"
         "liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,"
         "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped\n");
    // Each block's text depends on its rows alone and the blocks reach the sink in order: the same
    // text for any number of threads. A block's buffer is reused once the sink is done with it.
    const std::size_t n = book.positions();
    const std::size_t rows = std::max<std::size_t>(1, options.block_rows);
    const std::size_t blocks = (n + rows - 1) / rows;
    run_in_order<TextBuffer>(
        blocks,
        [&](std::size_t b, TextBuffer& text) {
            text.clear();
            append_inspect_rows(text, book, levels, audit, b * rows, std::min(n, (b + 1) * rows));
        },
        [&](std::size_t, TextBuffer& text) {
            sink(text.text());
            return true;
        },
        thread_count(options.threads, blocks));
}

std::string write_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit) {
    std::string out;
    out.reserve(book.positions() * 150 + 256);
    stream_inspect_csv(book, levels, audit, [&](std::string_view piece) { out += piece; });
    return out;
}

std::string write_inspect_csv(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels) {
    return write_inspect_csv(book, levels, audit_leverage(book, venue, levels, book.symbol_mark));
}

} // namespace levex
