// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/ImportBook.h"

#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/model/ParameterError.h"

namespace levex {

ImportableBook read_importable_book(const ImportRequest& request, const ProgressCallback& progress) {
    if (request.name && request.name->empty())
        throw ParameterError({"name", "a name for the snapshot", "none"});
    const VenueProfile venue = load_venue_profile(request.venue, venue_dir());
    ImportableBook out;
    out.venue = venue_reference(request.venue);
    out.name = request.name.value_or("");
    out.file = read_book_file(request.path, contract_of(venue), request.read, true, progress);
    out.cancelled = out.file.cancelled;
    return out;
}

ImportResult store_importable_book(Workspace& workspace, const ImportableBook& book, const StoreProgress& progress) {
    if (book.cancelled || !book.file.book)
        return ImportResult{{}, false, true};
    return workspace.import_snapshot(*book.file.book, {book.name, book.file.path, book.file.sha256, book.venue},
                                     progress);
}

SnapshotInfo store_read_book(Workspace& workspace, const PositionBook& book, const std::string& path,
                             const std::string& venue) {
    const MappedFile file(path);
    return workspace.import_snapshot(book, {"", path, sha256_hex(file.bytes()), venue_reference(venue)}).snapshot;
}

} // namespace levex
