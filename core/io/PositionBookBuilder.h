// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/FlatHashIndex.h"
#include "core/base/Issue.h"
#include "core/io/PositionRowParser.h"
#include "core/model/BookNormalisation.h"
#include "core/model/ContractSpec.h"
#include "core/model/PositionBook.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// Adds parsed rows to a PositionBook in file order, with the checks that need the rows before:
/// unique ids, one mark per symbol, one cross balance (collateral or account_equity) per account.
/// Accounts and symbols are interned as they first appear; isolated margin and leverage are
/// completed from each other.
class PositionBookBuilder {
public:
    /// How repeated ids are found (when the file has an id column).
    enum class IdCheck {
        None,    ///< ids are the row numbers
        PerRow,  ///< each row is checked as it is added (one hash lookup per row)
        Deferred ///< rows are not checked; repeated_ids() tells afterwards whether any id came twice
    };
    /// `expected_rows` and `text_bytes` (the file's size: its ids and accounts cannot be longer)
    /// size the columns up front, so that none moves while it grows.
    PositionBookBuilder(PositionBook& book, const ContractSpec& contract, IdCheck id_check, std::size_t expected_rows,
                        std::size_t text_bytes);

    /// Adds the row read from `line` (the `data_row`-th data row, its id when the file has none).
    /// Returns false, with an error in `issues`, when it contradicts an earlier row; a notice may
    /// be added either way.
    bool add(const PositionRow& row, std::size_t line, std::size_t data_row, std::vector<Issue>& issues);

    /// Start loading the index slots that a later add() of a row with this account (or id) text,
    /// hashed with FlatHashIndex::hash_text, will read: the indexes outgrow the caches on large books.
    void prefetch_account(std::uint64_t hash) const { accounts_.prefetch(hash); }
    void prefetch_id(std::uint64_t hash) const {
        if (id_check_ == IdCheck::PerRow)
            ids_.prefetch(hash);
    }

    /// With IdCheck::Deferred: whether two rows that reached add() had the same id (then the rows
    /// must be added again with IdCheck::PerRow to report it as one pass would). A lookup per row
    /// in an index of a million ids misses the caches each time; checking their hashes at once is fast.
    bool repeated_ids() const;

    /// The equities cross accounts gave instead of a wallet, for convert_equity_to_wallet().
    const GivenEquity& given_equity() const { return equity_; }
    /// Per position: the column of its margin_mode field, for net_one_way_positions().
    const std::vector<std::uint32_t>& mode_columns() const { return mode_column_; }

private:
    template <typename Names> // TextColumn or std::vector<std::string>
    std::uint32_t intern(FlatHashIndex& index, Names& names, std::uint64_t& last_hash, std::string_view name,
                         std::uint64_t hash, bool& created);
    std::uint32_t account_of(std::string_view name, std::uint64_t hash);
    std::uint32_t symbol_of(std::string_view name);
    // The checks against earlier rows; false with an error.
    bool check_mark(const PositionRow& row, std::uint32_t symbol, std::size_t line, std::vector<Issue>& issues) const;
    bool check_cross_balance(const PositionRow& row, std::uint32_t account, std::size_t line,
                             std::vector<Issue>& issues) const;
    void record_shared_values(const PositionRow& row, std::uint32_t account, std::uint32_t symbol, std::size_t line);
    void append(const PositionRow& row, std::string_view id, std::uint32_t account, std::uint32_t symbol,
                std::size_t line, std::vector<Issue>& issues);

    PositionBook& book_;
    ContractSpec contract_;
    IdCheck id_check_;
    FlatHashIndex accounts_, symbols_;
    std::uint64_t last_account_hash_ = 0, last_symbol_hash_ = 0; // of the last account (symbol) added
    FlatHashIndex ids_;                                          // PerRow: over book_.id, the rows added so far
    std::vector<std::uint64_t> id_hashes_; // Deferred: the id hash of every row that reached add()
    GivenEquity equity_; // its line and column say where each account's cross balance was given (line 0: not yet)
    std::vector<std::size_t> symbol_mark_line_;
    std::vector<std::uint32_t> mode_column_;
};

} // namespace levex
