// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/BookNormalisation.h"

#include "core/base/FlatHashIndex.h"
#include "core/base/NumberFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace levex {
namespace {

// Records an account's error; true when normalisation goes on (the account is then excluded).
bool account_error(NormalisationLog& log, const PositionBook& book, std::uint32_t account, std::size_t line,
                   std::size_t column, const char* field, IssueCode code, std::string message) {
    log.issues.push_back({Severity::Error, book.source, line, column, field, std::move(message), code});
    if (log.stop_at_first_error)
        return false;
    if (!log.excluded[account]) {
        log.excluded[account] = 1;
        log.failed.emplace_back(account, log.issues.size() - 1);
    }
    return true;
}

// Rows sharing an account and symbol, as (first row, later row) pairs ordered by first row, then
// in file order.
std::vector<std::pair<std::uint32_t, std::uint32_t>> repeated_positions(const PositionBook& book) {
    const std::size_t n = book.positions();
    auto key_of = [&](std::size_t i) { return (std::uint64_t(book.account[i]) << 32) | book.symbol[i]; };
    FlatHashIndex first(n);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t key = key_of(i), hash = FlatHashIndex::mix(key);
        const std::uint32_t head = first.find(hash, [&](std::uint32_t k) { return key_of(k) == key; });
        if (head == FlatHashIndex::kNone)
            first.insert(hash, static_cast<std::uint32_t>(i));
        else
            repeats.emplace_back(head, static_cast<std::uint32_t>(i));
    }
    std::stable_sort(repeats.begin(), repeats.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return repeats;
}

std::string line_list(const PositionBook& book, const std::vector<std::uint32_t>& rows) {
    std::string lines;
    for (std::uint32_t r : rows)
        lines += (lines.empty() ? "" : ", ") + std::to_string(book.line[r]);
    return lines;
}

// Nets one group of rows (same account and symbol, one margin mode) into at most one position:
// the rows to keep are marked in `keep`; a notice says what happened.
void net_group(PositionBook& book, const std::vector<std::uint32_t>& rows, const ContractSpec& contract,
               std::vector<std::uint8_t>& keep, NormalisationLog& log) {
    const std::uint32_t head = rows.front();
    const std::uint32_t account_index = book.account[head];
    const std::string account(book.account_names[account_index]);
    const std::string& symbol = book.symbol_names[book.symbol[head]];
    const std::string lines = line_list(book, rows);
    auto notice = [&](std::string message) {
        log.issues.push_back(
            {Severity::Notice, book.source, book.line[head], 0, "", std::move(message), IssueCode::Netted});
    };
    // Each side's total size, average entry (size-weighted; harmonic for inverse) and margin.
    double qty[2] = {0, 0}, weight[2] = {0, 0}, margin[2] = {0, 0};
    for (std::uint32_t r : rows) {
        const int k = book.side[r] > 0 ? 0 : 1;
        qty[k] += book.size[r];
        margin[k] += book.margin[r];
        weight[k] += contract.inverse ? book.size[r] / book.entry_price[r] : book.size[r] * book.entry_price[r];
        keep[r] = 0;
    }
    auto average_entry = [&](int k) { return contract.inverse ? qty[k] / weight[k] : weight[k] / qty[k]; };
    // The overlap closes: its PnL (long closed at the short's entry) is realised into a cross wallet,
    // so the account's equity at mark is what the file said.
    const double closed = std::min(qty[0], qty[1]);
    const double realised = closed > 0 ? contract.pnl(+1, closed, average_entry(0), average_entry(1)) : 0.0;
    std::string realised_note;
    if (closed > 0 && book.mode[head] == MarginMode::Cross) {
        book.account_collateral[account_index] += realised;
        realised_note = "; realised PnL " + format_plain(realised) + " moved into the cross wallet";
    }
    if (qty[0] == qty[1])
        return notice("netted the rows of account " + account + " in " + symbol + " (lines " + lines +
                      ") to zero: no position left" + realised_note);
    const int k = qty[0] > qty[1] ? 0 : 1;
    std::uint32_t s = head;
    for (std::uint32_t r : rows)
        if ((book.side[r] > 0 ? 0 : 1) == k) {
            s = r;
            break;
        }
    const double remaining = qty[k] - closed;
    book.entry_price[s] = average_entry(k);
    book.size[s] = remaining;
    book.margin[s] = margin[k] * remaining / qty[k]; // same leverage as the surviving side had
    if (book.mode[s] == MarginMode::Isolated)
        book.leverage[s] = contract.notional(remaining, book.entry_price[s]) / book.margin[s];
    // The exchange's figure was for rows that no longer exist.
    book.exchange_liquidation_price[s] = std::numeric_limits<double>::quiet_NaN();
    keep[s] = 1;
    notice("netted " + std::to_string(rows.size()) + " rows of account " + account + " in " + symbol + " (lines " +
           lines + ") into one " + (k == 0 ? "long" : "short") + " of " + format_plain(remaining) + " (id " +
           std::string(book.id[s]) + "): positions are one-way" + realised_note);
}

} // namespace

bool convert_equity_to_wallet(PositionBook& book, const GivenEquity& equity, const ContractSpec& contract,
                              NormalisationLog& log) {
    log.excluded.resize(book.accounts(), 0);
    if (equity.value.empty()) // no cross rows
        return true;
    std::vector<double> upnl(book.accounts(), 0.0);
    std::vector<std::size_t> missing_mark(book.accounts(), PositionBook::npos); // first position without one
    for (std::size_t i = 0; i < book.positions(); ++i) {
        const std::uint32_t a = book.account[i];
        if (book.mode[i] != MarginMode::Cross || std::isnan(equity.value[a]))
            continue;
        const double mark = book.symbol_mark[book.symbol[i]];
        if (std::isnan(mark)) {
            if (missing_mark[a] == PositionBook::npos)
                missing_mark[a] = i;
            continue;
        }
        upnl[a] += contract.pnl(book.side[i], book.size[i], book.entry_price[i], mark);
    }
    for (std::uint32_t a = 0; a < equity.value.size(); ++a) {
        if (std::isnan(equity.value[a]) || log.excluded[a])
            continue;
        if (missing_mark[a] != PositionBook::npos) {
            const std::size_t i = missing_mark[a];
            if (!account_error(log, book, a, equity.line[a], equity.column[a], "account_equity",
                               IssueCode::MissingValue,
                               "expected a mark_price for " + book.symbol_names[book.symbol[i]] + " (line " +
                                   std::to_string(book.line[i]) +
                                   ") to turn account_equity into a wallet balance (wallet = equity - unrealised "
                                   "PnL), found none"))
                return false;
            continue;
        }
        book.account_collateral[a] = equity.value[a] - upnl[a];
    }
    return true;
}

bool net_one_way_positions(PositionBook& book, const std::vector<std::uint32_t>& mode_column,
                           const ContractSpec& contract, NormalisationLog& log) {
    log.excluded.resize(book.accounts(), 0);
    if (book.accounts() == book.positions())
        return true; // every position has an account of its own: nothing to net
    const auto repeats = repeated_positions(book);
    if (repeats.empty())
        return true;
    std::vector<std::uint8_t> keep(book.positions(), 1);
    std::vector<std::uint32_t> rows; // one group: its first row, then the later ones
    for (std::size_t g = 0; g < repeats.size();) {
        const std::uint32_t head = repeats[g].first;
        rows.assign(1, head);
        for (; g < repeats.size() && repeats[g].first == head; ++g)
            rows.push_back(repeats[g].second);
        const std::uint32_t account = book.account[head];
        for (std::uint32_t r : rows)
            if (book.mode[r] != book.mode[head]) {
                if (!account_error(log, book, account, book.line[r], mode_column[r], "margin_mode",
                                   IssueCode::MixedValues,
                                   "expected one margin_mode for account " + std::string(book.account_names[account]) +
                                       " in " + book.symbol_names[book.symbol[head]] +
                                       " (one-way positions are netted), found isolated and cross (lines " +
                                       line_list(book, rows) + ")"))
                    return false;
                break;
            }
        if (!log.excluded[account])
            net_group(book, rows, contract, keep, log);
    }
    book.filter(keep);
    return true;
}

} // namespace levex
