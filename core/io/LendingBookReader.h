// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

struct LendingCsvOptions {
    BadRowPolicy policy = BadRowPolicy::Strict;
    char delimiter = 0;       ///< 0 = detect from the header
    std::size_t max_rows = 0; ///< 0 = all; N = a preview of the first N data rows
    /// Canonical column (e.g. "collateral") -> header name in the file; an empty name unmaps the column.
    std::map<std::string, std::string> column_overrides;
    /// When given, every asset must be one of its assets (or aliases) and every e-mode category one of its
    /// categories; the book itself is read the same either way.
    const ProtocolProfile* profile = nullptr;
    ProgressCallback progress;
};

struct LendingCsvResult {
    bool ok = false; ///< a book was produced (false in strict mode after an error, or on cancel)
    bool cancelled = false;
    LendingBook book;
    std::vector<Issue> issues;       ///< errors, warnings and notices, in the order found
    std::vector<SkippedRow> skipped; ///< skip-bad-rows mode: every row of every account left out
    char delimiter = ',';
    std::vector<std::string> header;        ///< header names as written
    std::vector<std::string> column_fields; ///< per header column: its canonical column, or "" (ignored)
    std::size_t rows_read = 0;

    /// The first error, or nullptr.
    const Issue* first_error() const;
};

/// A canonical column of the lending book CSV (docs/lending.md §1) with its aliases.
struct LendingColumn {
    const char* name;
    std::vector<const char*> aliases;
    bool required;
    const char* meaning;
};
const std::vector<LendingColumn>& lending_columns();

/// Whether a header (names as written, any case) is a lending book's: it names an asset column and a
/// debt column, which a positions header never has.
bool is_lending_header(const std::vector<std::string>& names);

enum class BookKind { Positions, Lending };
/// Which reader a CSV file's header calls for (its first record, after the encoding check); a file
/// that is not a lending book is handed to the positions reader, which reports what is wrong with it.
BookKind detect_book_kind(std::string_view bytes);

/// Reads a lending book CSV. Never throws for bad data: problems come back as issues, with
/// `FILE:LINE:COLUMN`. Strict mode stops at the first error; skip-bad-rows mode leaves out every row of
/// an account with a bad row and lists them. Nothing is half-read: ok is false and the book empty
/// after a strict-mode error. Throws IoError when the file cannot be read.
LendingCsvResult read_lending_csv(const std::string& path, const LendingCsvOptions& options = {});

/// The same, over bytes already in memory; `file` names them in messages.
LendingCsvResult parse_lending_csv(std::string_view bytes, const std::string& file,
                                   const LendingCsvOptions& options = {});

} // namespace levex
