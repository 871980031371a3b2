// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/PositionHeader.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// One data row of a positions CSV, its values parsed and range-checked on their own; what needs
/// the other rows (unique ids, one mark per symbol, netting) comes later. Optional numbers the row
/// leaves empty are NaN; texts are views into the file (or the tokenizer's buffer).
struct PositionRow {
    static constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

    std::string_view id, account, symbol; ///< trimmed; empty when the file has no such column
    int side = 0;                         ///< +1 long, -1 short
    double size = 0.0, entry = 0.0;
    double leverage = kAbsent, margin = kAbsent, collateral = kAbsent, equity = kAbsent;
    double mmr = kAbsent, maint_amount = kAbsent, mark = kAbsent, liquidation = kAbsent;
    bool cross = false; ///< set as soon as the margin mode is read, so a failed cross row is known as one
    /// FlatHashIndex::hash_text of id and account (when not empty): computed with the parsing, which
    /// may run on another thread than the book's building.
    std::uint64_t id_hash = 0, account_hash = 0;
    // 1-based columns of the fields that later checks point at (1 when the file has no such column).
    std::uint32_t id_column = 1, mark_column = 1, collateral_column = 1, equity_column = 1, mode_column = 1;
};

/// Turns the fields of one record into a PositionRow (docs/formats.md §1): field count, margin
/// mode, side and size, each number and its range, and what a row of its mode needs. Every error
/// is located at its field (`FILE:LINE:COLUMN`) and carries an IssueCode. Holds no state between
/// rows, so each thread can have its own.
class PositionRowParser {
public:
    PositionRowParser(const PositionHeader& header, const std::string& file) : header_(header), file_(file) {}

    /// Parses the record that starts on `line`; `end_column` is just past its last field (where a
    /// missing field would start). Returns false after appending the row's errors to `issues`.
    bool parse(const std::vector<CsvField>& fields, std::size_t line, std::size_t end_column, PositionRow& row,
               std::vector<Issue>& issues);

private:
    bool check_width(std::size_t end_column);
    void read_texts_and_columns(PositionRow& row) const;
    bool parse_mode(PositionRow& row);
    bool parse_side_and_size(PositionRow& row);
    bool parse_numbers(PositionRow& row);
    bool check_mode_needs(const PositionRow& row);

    const CsvField* field(PositionField f) const {
        const int i = header_.column_of(f);
        return i >= 0 && std::size_t(i) < fields_->size() ? &(*fields_)[std::size_t(i)] : nullptr;
    }
    bool present(PositionField f) const;
    /// The field's number if it parses and lies in its range, else an error.
    bool number(PositionField f, double lo, bool lo_open, double hi, bool hi_open, const char* expectation,
                double& out);
    bool error(std::size_t column, PositionField f, IssueCode code, std::string message);
    bool error(std::size_t column, IssueCode code, std::string message); // not tied to a field

    const PositionHeader& header_;
    const std::string& file_;
    // The record being parsed.
    const std::vector<CsvField>* fields_ = nullptr;
    std::size_t line_ = 0;
    std::vector<Issue>* issues_ = nullptr;
};

} // namespace levex
