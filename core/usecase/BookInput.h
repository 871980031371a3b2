// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"
#include "core/store/Workspace.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace levex {

/// How a positions CSV is read: the command line's --delimiter and --skip-bad-rows, the app's
/// import dialog.
struct BookReadOptions {
    char delimiter = 0; ///< 0 = detect from the header
    bool skip_bad_rows = false;
    std::map<std::string, std::string> column_overrides; ///< canonical field -> header name
    bool operator==(const BookReadOptions&) const = default;
};

/// A positions book read from a file, for a run or an import.
struct BookFile {
    std::shared_ptr<const PositionBook> book; ///< null when cancelled
    std::string path;
    std::string sha256;              ///< of the file's bytes, when asked for ("" otherwise)
    std::vector<Issue> notices;      ///< the reader's warnings and notices (an error throws)
    std::vector<SkippedRow> skipped; ///< rows left out under skip_bad_rows
    bool cancelled = false;          ///< `progress` said stop: no book
};

/// Reads a positions CSV in the contract units of `contract`, and when `hash` its SHA-256 from the
/// same mapping of the file (one read for both). Throws DataError with the first error (strict
/// mode) or when there is nothing to read, IoError when the file cannot be read.
BookFile read_book_file(const std::string& path, const ContractSpec& contract, const BookReadOptions& read, bool hash,
                        const ProgressCallback& progress = {});

/// A workspace snapshot with its book.
struct SnapshotBook {
    SnapshotInfo info;
    std::shared_ptr<const PositionBook> book;
};

/// The snapshot called `name`. Throws ParameterError (key "snapshot") listing the names there are
/// when none is called so.
SnapshotInfo find_named_snapshot(Workspace& workspace, const std::string& name);

/// The snapshot called `name` with its book. Throws ParameterError (key "snapshot") listing the
/// names there are when none is called so.
SnapshotBook load_snapshot_book(Workspace& workspace, const std::string& name);

/// A stored book holds sizes in the contract units of the venue it was read with: a run with a
/// venue of other units would misread every size. Throws ParameterError (key "venue") when
/// `run_venue`'s units differ from those of `read_venue` (a bundled name or a profile file).
/// `book_label` names the book in the message ("snapshot 'desk'").
void check_contract_units(const std::string& read_venue, const VenueProfile& run_venue, const std::string& book_label);

/// The name a book's venue is remembered by: a profile file by its absolute path (so later runs
/// find it from any folder), a bundled profile by its name.
std::string venue_reference(const std::string& name_or_path);

} // namespace levex
