// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/InspectReport.h"

#include "core/base/NumberFormat.h"
#include "core/io/PositionCsvWriter.h"

#include "core/base/Parallel.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace levex {

namespace {

// Appends rows [begin, end) of the inspect table to `out`.
void append_inspect_rows(std::string& out, const PositionBook& book, const LiquidationLevels& levels,
                         const LeverageAudit& audit, std::size_t begin, std::size_t end) {
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    for (std::size_t i = begin; i < end; ++i) {
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
        number(audit.effective_leverage[i]); // after the multiplier: the position's, or its cross account's
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
}

} // namespace

std::string write_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit) {
    const std::size_t n = book.positions();
    std::string out;
    out.reserve(n * 150 + 256);
    out += "id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,maint_amount,"
           "liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,"
           "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped\n";
    // Rows are written in blocks on every core, a round of blocks at a time (so that the text of
    // only one round is held twice), and joined in order: the same text for any number of cores.
    constexpr std::size_t kBlockRows = 32768;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t blocks = (n + kBlockRows - 1) / kBlockRows;
    std::vector<std::string> parts(2 * cores);
    for (std::size_t first = 0; first < blocks; first += parts.size()) {
        const std::size_t round = std::min(parts.size(), blocks - first);
        parallel_for(
            round,
            [&](std::size_t begin, std::size_t end) {
                for (std::size_t b = begin; b < end; ++b) {
                    const std::size_t row = (first + b) * kBlockRows;
                    parts[b].clear();
                    append_inspect_rows(parts[b], book, levels, audit, row, std::min(n, row + kBlockRows));
                }
            },
            1);
        for (std::size_t b = 0; b < round; ++b)
            out += parts[b];
    }
    return out;
}

std::string write_inspect_csv(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels) {
    return write_inspect_csv(book, levels, audit_leverage(book, venue, levels, book.symbol_mark));
}

} // namespace levex
