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
    if (book_file_kind(request.path) == BookKind::Lending) {
        if (request.protocol.empty())
            throw ParameterError({"protocol", "the protocol profile of the lending book " + request.path, "none"});
        const ProtocolProfile profile = load_protocol(request.protocol);
        ImportableBook out;
        out.kind = BookKind::Lending;
        out.venue = protocol_reference(request.protocol);
        out.name = request.name.value_or("");
        out.lending = read_lending_book_file(request.path, &profile, request.read, true, progress);
        out.file.path = request.path;
        out.cancelled = out.lending.cancelled;
        return out;
    }
    const VenueProfile venue = load_venue_profile(request.venue, venue_dir());
    ImportableBook out;
    out.venue = venue_reference(request.venue);
    out.name = request.name.value_or("");
    out.file = read_book_file(request.path, contract_of(venue), request.read, true, progress);
    out.cancelled = out.file.cancelled;
    return out;
}

ImportResult store_importable_book(Workspace& workspace, const ImportableBook& book, const StoreProgress& progress) {
    if (book.kind == BookKind::Lending) {
        if (book.cancelled || !book.lending.book)
            return ImportResult{{}, false, true};
        return workspace.import_lending_snapshot(
            *book.lending.book, {book.name, book.lending.path, book.lending.sha256, book.venue}, progress);
    }
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
