// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Workspace.h"
#include "core/usecase/BookInput.h"
#include "core/usecase/LendingBookInput.h"

#include <optional>
#include <string>

namespace levex {

/// A positions CSV, or a lending book CSV (told apart by its header), to store in the workspace as a
/// snapshot.
struct ImportRequest {
    std::string path;
    std::string venue = "generic";   ///< whose contract units the book is read in
    std::optional<std::string> name; ///< none: the file's stem, made unique
    BookReadOptions read;
    std::string protocol; ///< a lending book's protocol profile (required for one): checks its assets
};

/// A book read whole and checked, ready to store: nothing touches the database before this
/// succeeds, so bad data leaves no trace (not even a new database file).
struct ImportableBook {
    BookFile file;          ///< hashed: a snapshot's identity is its file's SHA-256
    std::string venue;      ///< as remembered (venue_reference); a lending book's protocol (protocol_reference)
    std::string name;       ///< "" = the file's stem, made unique
    bool cancelled = false; ///< reading was cancelled: nothing to store
    BookKind kind = BookKind::Positions;
    LendingBookFile lending; ///< a lending book (kind Lending; `file` is then empty)
};

/// Reads and checks the book of `request` (progress: the fraction read). Throws ParameterError
/// (key "name") for an empty name, (key "protocol") for a lending book without one, DataError for bad
/// data, IoError, UsageError for an unknown venue or protocol.
ImportableBook read_importable_book(const ImportRequest& request, const ProgressCallback& progress = {});

/// Stores it in one transaction (nothing on an error or a cancel); identical content (hash and
/// venue) is recognised, not stored twice. Throws ParameterError (key "name") for a name in use.
ImportResult store_importable_book(Workspace& workspace, const ImportableBook& book,
                                   const StoreProgress& progress = {});

/// A book already read (the app's shown run) stored under its file's SHA-256 (hashes the file),
/// or the snapshot that already holds it.
SnapshotInfo store_read_book(Workspace& workspace, const PositionBook& book, const std::string& path,
                             const std::string& venue);

} // namespace levex
