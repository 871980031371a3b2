// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/LendingBookReader.h"
#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"
#include "core/store/Workspace.h"
#include "core/usecase/BookInput.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// A lending book as a run names it (docs/lending.md §9): a CSV or a workspace snapshot, and the
/// protocol profile it is judged by ("": the scenario's, else the run's `protocol`, else the
/// snapshot's).
struct LendingBookSource {
    std::string csv;
    std::string snapshot;
    std::string protocol; ///< a bundled name or a profile file
    bool operator==(const LendingBookSource&) const = default;
};

/// "BOOK.csv@PROTOCOL" (the command line's way of naming both; the part after the last '@' is the
/// protocol when it is not empty), or a plain file name.
LendingBookSource parse_lending_book_argument(const std::string& text);

/// Which kind of book a file holds, from its header (a lending book names an asset and a debt
/// column). Throws IoError when it cannot be read.
BookKind book_file_kind(const std::string& path);

/// A lending book read from a file, for a run or an import.
struct LendingBookFile {
    std::shared_ptr<const LendingBook> book; ///< null when cancelled
    std::string path;
    std::string sha256;              ///< of the file's bytes, when asked for
    std::vector<Issue> notices;      ///< the reader's warnings and notices (an error throws)
    std::vector<SkippedRow> skipped; ///< accounts left out under skip_bad_rows
    bool cancelled = false;
};

/// Reads a lending book CSV, checking its assets and e-mode categories against `profile` when given,
/// and hashes it from the same mapping when `hash`. Throws DataError with the first error (strict
/// mode) or when there is nothing to read: nothing is half-read. IoError when it cannot be read.
LendingBookFile read_lending_book_file(const std::string& path, const ProtocolProfile* profile,
                                       const BookReadOptions& read, bool hash, const ProgressCallback& progress = {});

/// One lending book of a run, resolved and loaded.
struct LendingBookInput {
    std::shared_ptr<const LendingBook> book;
    ProtocolProfile profile;
    std::string protocol;                 ///< as remembered (a bundled name, or a profile file's absolute path)
    std::string path;                     ///< the CSV, or the file its snapshot was imported from
    std::string label;                    ///< as messages and summaries name it: the path, or "snapshot 'desk'"
    std::string sha256;                   ///< "" unless hashed (a snapshot's is stored with it)
    std::optional<SnapshotInfo> snapshot; ///< when it came from the workspace
    std::vector<Issue> notices;
    std::vector<SkippedRow> skipped;
};

/// The name a protocol profile is remembered by: a file by its absolute path, a bundled one by its name.
std::string protocol_reference(const std::string& name_or_path);

/// Loads a bundled protocol profile by name or a profile file (UsageError for an unknown name,
/// DataError for a bad file).
ProtocolProfile load_protocol(const std::string& name_or_path);

} // namespace levex
