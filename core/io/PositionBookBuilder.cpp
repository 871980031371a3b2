// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionBookBuilder.h"

#include "core/base/NumberFormat.h"
#include "core/base/RepeatedKeys.h"
#include "core/io/FieldText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace levex {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Issue row_error(const PositionBook& book, std::size_t line, std::size_t column, PositionField field, IssueCode code,
                std::string message) {
    return {Severity::Error, book.source, line, column, position_field_name(field), std::move(message), code};
}

} // namespace

PositionBookBuilder::PositionBookBuilder(PositionBook& book, const ContractSpec& contract, IdCheck id_check,
                                         std::size_t expected_rows, std::size_t text_bytes)
    : book_(book), contract_(contract), id_check_(id_check), accounts_(expected_rows),
      ids_(id_check == IdCheck::PerRow ? expected_rows : 16) {
    // Reserved address space, so that no column moves (copied, its pages faulted again) while it
    // grows: only the pages written to become memory. At most as many accounts as rows.
    book_.reserve(expected_rows);
    book_.id.reserve(expected_rows, text_bytes);
    book_.account_names.reserve(expected_rows, text_bytes);
    book_.account_collateral.reserve(expected_rows);
    mode_column_.reserve(expected_rows);
    if (id_check == IdCheck::Deferred)
        id_hashes_.reserve(expected_rows);
}

bool PositionBookBuilder::repeated_ids() const {
    return any_repeated(id_hashes_);
}

template <typename Names>
std::uint32_t PositionBookBuilder::intern(FlatHashIndex& index, Names& names, std::uint64_t& last_hash,
                                          std::string_view name, std::uint64_t hash, bool& created) {
    // Rows of one account (or symbol) often follow each other: check the last one first (its hash
    // first, which spares a comparison of texts on books of one position per account).
    if (hash == last_hash && !names.empty() && names.back() == name) {
        created = false;
        return static_cast<std::uint32_t>(names.size() - 1);
    }
    const std::uint32_t found = index.find(hash, [&](std::uint32_t k) { return names[k] == name; });
    created = found == FlatHashIndex::kNone;
    if (!created)
        return found;
    const auto k = static_cast<std::uint32_t>(names.size());
    if constexpr (std::is_same_v<Names, TextColumn>)
        names.push_back(name);
    else
        names.emplace_back(name);
    index.insert(hash, k);
    last_hash = hash;
    return k;
}

std::uint32_t PositionBookBuilder::account_of(std::string_view name, std::uint64_t hash) {
    bool created = false;
    const std::uint32_t account = intern(accounts_, book_.account_names, last_account_hash_, name, hash, created);
    if (created) {
        book_.account_collateral.push_back(kNaN);
    }
    return account;
}

std::uint32_t PositionBookBuilder::symbol_of(std::string_view name) {
    if (!book_.symbol_names.empty() && book_.symbol_names.back() == name) // the usual case: one symbol
        return static_cast<std::uint32_t>(book_.symbol_names.size() - 1);
    bool created = false;
    const std::uint32_t symbol =
        intern(symbols_, book_.symbol_names, last_symbol_hash_, name, FlatHashIndex::hash_text(name), created);
    if (created) {
        book_.symbol_mark.push_back(kNaN);
        symbol_mark_line_.push_back(0);
    }
    return symbol;
}

bool PositionBookBuilder::add(const PositionRow& row, std::size_t line, std::size_t data_row,
                              std::vector<Issue>& issues) {
    char row_number[24]; // the id of a book without an id column: its data row
    std::string_view id = row.id;
    if (id.empty())
        id = {row_number,
              std::size_t(std::to_chars(row_number, row_number + sizeof row_number, data_row).ptr - row_number)};
    const std::uint64_t id_hash = row.id.empty() ? FlatHashIndex::hash_text(id) : row.id_hash;
    const std::uint32_t account =
        row.account.empty() ? account_of(id, id_hash) : account_of(row.account, row.account_hash);
    const std::uint32_t symbol = symbol_of(row.symbol.empty() ? std::string_view("DEFAULT") : row.symbol);
    // Checks that need what earlier rows said; nothing is recorded until the row has passed them all.
    if (id_check_ == IdCheck::Deferred)
        id_hashes_.push_back(id_hash);
    if (id_check_ == IdCheck::PerRow) {
        const std::uint32_t twin = ids_.find(id_hash, [&](std::uint32_t k) { return book_.id[k] == id; });
        if (twin != FlatHashIndex::kNone) {
            issues.push_back(row_error(book_, line, row.id_column, PositionField::Id, IssueCode::DuplicateId,
                                       "expected a unique id, found " + quoted(id) + " again (first on line " +
                                           std::to_string(book_.line[twin]) + ")"));
            return false;
        }
    }
    if (row.cross && equity_.value.size() <= account) { // the cross balances, kept from the first cross row on
        equity_.value.resize(book_.accounts(), kNaN);
        equity_.line.resize(book_.accounts(), 0);
        equity_.column.resize(book_.accounts(), 0);
    }
    if (!check_mark(row, symbol, line, issues) || !check_cross_balance(row, account, line, issues))
        return false;
    record_shared_values(row, account, symbol, line);
    append(row, id, account, symbol, line, issues);
    if (id_check_ == IdCheck::PerRow)
        ids_.insert(id_hash, static_cast<std::uint32_t>(book_.id.size() - 1));
    return true;
}

bool PositionBookBuilder::check_mark(const PositionRow& row, std::uint32_t symbol, std::size_t line,
                                     std::vector<Issue>& issues) const {
    const double known = book_.symbol_mark[symbol];
    if (std::isnan(row.mark) || std::isnan(known) || known == row.mark)
        return true;
    issues.push_back(row_error(book_, line, row.mark_column, PositionField::Mark, IssueCode::MixedValues,
                               "expected mark_price " + format_plain(known) + " for " + book_.symbol_names[symbol] +
                                   " as on line " + std::to_string(symbol_mark_line_[symbol]) +
                                   " (one mark per symbol), found " + format_plain(row.mark)));
    return false;
}

bool PositionBookBuilder::check_cross_balance(const PositionRow& row, std::uint32_t account, std::size_t line,
                                              std::vector<Issue>& issues) const {
    if (!row.cross)
        return true;
    const bool by_collateral = !std::isnan(row.collateral);
    const double known = by_collateral ? book_.account_collateral[account] : equity_.value[account];
    const double given = by_collateral ? row.collateral : row.equity;
    const char* name = by_collateral ? "collateral" : "account_equity";
    const PositionField field = by_collateral ? PositionField::Collateral : PositionField::Equity;
    const std::uint32_t column = by_collateral ? row.collateral_column : row.equity_column;
    const std::size_t first_line = equity_.line[account];
    if (std::isnan(known) && first_line != 0) {
        issues.push_back(row_error(book_, line, column, field, IssueCode::MixedValues,
                                   std::string("expected the same kind of cross balance on every row of account ") +
                                       std::string(book_.account_names[account]) + " (line " +
                                       std::to_string(first_line) +
                                       " gives the other of collateral/account_equity), found " + name));
        return false;
    }
    if (!std::isnan(known) && known != given) {
        issues.push_back(row_error(book_, line, column, field, IssueCode::MixedValues,
                                   std::string("expected ") + name + " " + format_plain(known) + " for cross account " +
                                       std::string(book_.account_names[account]) + " as on line " +
                                       std::to_string(first_line) + " (repeated on each cross row), found " +
                                       format_plain(given)));
        return false;
    }
    return true;
}

// The symbol's mark and the account's cross balance, from the first row that gives them.
void PositionBookBuilder::record_shared_values(const PositionRow& row, std::uint32_t account, std::uint32_t symbol,
                                               std::size_t line) {
    if (!std::isnan(row.mark) && std::isnan(book_.symbol_mark[symbol])) {
        book_.symbol_mark[symbol] = row.mark;
        symbol_mark_line_[symbol] = line;
    }
    if (row.cross && equity_.line[account] == 0) {
        const bool by_collateral = !std::isnan(row.collateral);
        (by_collateral ? book_.account_collateral[account] : equity_.value[account]) =
            by_collateral ? row.collateral : row.equity;
        equity_.line[account] = static_cast<std::uint32_t>(line);
        equity_.column[account] = by_collateral ? row.collateral_column : row.equity_column;
    }
}

void PositionBookBuilder::append(const PositionRow& row, std::string_view id, std::uint32_t account,
                                 std::uint32_t symbol, std::size_t line, std::vector<Issue>& issues) {
    double margin = 0.0, leverage = row.leverage;
    if (!row.cross) { // margin wins over leverage; the other is derived
        const double notional = contract_.notional(row.size, row.entry);
        if (!std::isnan(row.margin)) {
            margin = row.margin;
            const double implied = notional / margin;
            if (!std::isnan(row.leverage) && std::abs(implied / row.leverage - 1.0) > 0.01)
                issues.push_back({Severity::Notice, book_.source, line, 0, "",
                                  "leverage " + format_plain(row.leverage) +
                                      " differs by more than 1 % from notional/margin = " + format_plain(implied) +
                                      "; the margin is used",
                                  IssueCode::Adjusted});
            leverage = implied;
        } else {
            margin = notional / row.leverage;
        }
    }
    book_.id.push_back(id);
    book_.account.push_back(account);
    book_.symbol.push_back(symbol);
    book_.side.push_back(static_cast<std::int8_t>(row.side));
    book_.size.push_back(row.size);
    book_.entry_price.push_back(row.entry);
    book_.margin.push_back(margin);
    book_.leverage.push_back(leverage);
    book_.mode.push_back(row.cross ? MarginMode::Cross : MarginMode::Isolated);
    book_.maint_margin_rate.push_back(row.mmr);
    book_.maint_amount.push_back(std::isnan(row.mmr) ? kNaN : (std::isnan(row.maint_amount) ? 0.0 : row.maint_amount));
    book_.exchange_liquidation_price.push_back(row.liquidation);
    book_.line.push_back(static_cast<std::uint32_t>(line));
    mode_column_.push_back(row.mode_column);
}

} // namespace levex
