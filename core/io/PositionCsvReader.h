// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/base/TextFile.h"
#include "core/io/PositionColumns.h"
#include "core/model/ContractSpec.h"
#include "core/model/PositionBook.h"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

enum class BadRowPolicy { Strict, SkipBadRows };

/// Progress in [0, 1]; return false to cancel.
using ProgressCallback = std::function<bool(double fraction)>;

struct PositionCsvOptions {
    BadRowPolicy policy = BadRowPolicy::Strict;
    char delimiter = 0;       ///< 0 = detect from the header
    std::size_t max_rows = 0; ///< 0 = all; N = a preview of the first N data rows
    bool keep_raw_rows = false;
    /// Canonical field (e.g. "entry_price") -> header name in the file, for files whose headers
    /// differ; an empty name unmaps the field.
    std::map<std::string, std::string> column_overrides;
    ContractSpec contract;
    ProgressCallback progress;
    /// Threads that tokenize and parse a large file beside the one building the book (0: one per
    /// core). The result is the same for any number.
    std::size_t threads = 0;
};

/// A row (or a whole cross account) left out in skip-bad-rows mode.
struct SkippedRow {
    std::size_t line = 0;
    std::string id;
    std::string account;
    std::string reason;
};

struct PositionCsvResult {
    bool ok = false; ///< a book was produced (false in strict mode after an error, or on cancel)
    bool cancelled = false;
    PositionBook book;
    std::vector<Issue> issues; ///< errors, warnings and notices, in the order found
    std::vector<SkippedRow> skipped;
    char delimiter = ',';
    std::vector<std::string> header;                ///< header names as written
    std::vector<std::string> column_fields;         ///< per header column: its canonical field, or "" (ignored)
    std::vector<std::vector<std::string>> raw_rows; ///< with keep_raw_rows: each data row's fields
    std::vector<std::size_t> raw_lines;             ///< and its line
    std::size_t rows_read = 0;

    /// The first error, or nullptr.
    const Issue* first_error() const;
};

/// Reads a positions CSV (docs/formats.md §1). Never throws for bad data: problems come back as issues.
/// Throws IoError when the file cannot be read.
PositionCsvResult read_positions_csv(const std::string& path, const PositionCsvOptions& options = {});

/// The same, over bytes already in memory; `file` names them in messages.
PositionCsvResult parse_positions_csv(std::string_view bytes, const std::string& file,
                                      const PositionCsvOptions& options = {});

/// The same, over a file the caller has mapped (to hash it too): the pages already read are given
/// back as reading goes on (MappedFile::release_before), so a large book is not resident twice.
PositionCsvResult parse_positions_csv(const MappedFile& mapped, const std::string& file,
                                      const PositionCsvOptions& options = {});

} // namespace levex
