// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/BookInput.h"

#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/model/ParameterError.h"

#include <filesystem>

namespace levex {

BookFile read_book_file(const std::string& path, const ContractSpec& contract, const BookReadOptions& read, bool hash,
                        const ProgressCallback& progress) {
    PositionCsvOptions options;
    options.policy = read.skip_bad_rows ? BadRowPolicy::SkipBadRows : BadRowPolicy::Strict;
    options.delimiter = read.delimiter;
    options.column_overrides = read.column_overrides;
    options.contract = contract;
    options.progress = progress;
    const MappedFile file(path);
    PositionCsvResult result = parse_positions_csv(file, path, options); // gives back the pages it has read
    BookFile out;
    out.path = path;
    if (result.cancelled) {
        out.cancelled = true;
        return out;
    }
    if (!result.ok) {
        if (const Issue* error = result.first_error())
            throw DataError(*error);
        throw DataError({Severity::Error, path, 0, 0, "", "expected a positions CSV, found nothing to read"});
    }
    for (Issue& issue : result.issues)
        if (issue.severity != Severity::Error)
            out.notices.push_back(std::move(issue));
    out.skipped = std::move(result.skipped);
    if (hash)
        out.sha256 = sha256_hex(file.bytes());
    out.book = std::make_shared<const PositionBook>(std::move(result.book));
    return out;
}

SnapshotInfo find_named_snapshot(Workspace& workspace, const std::string& name) {
    std::optional<SnapshotInfo> info = workspace.find_snapshot(name);
    if (!info) {
        std::string names;
        for (const SnapshotInfo& s : workspace.snapshots())
            names += (names.empty() ? "" : ", ") + ("'" + s.name + "'");
        throw ParameterError(
            {"snapshot", "the name of a snapshot",
             "no snapshot named '" + name + "' in " + workspace.path() +
                 (names.empty() ? std::string(" (it holds none: import a book first)") : " (it holds " + names + ")")});
    }
    return std::move(*info);
}

SnapshotBook load_snapshot_book(Workspace& workspace, const std::string& name) {
    SnapshotInfo info = find_named_snapshot(workspace, name);
    auto book = std::make_shared<const PositionBook>(workspace.load_book(info.id));
    return {std::move(info), std::move(book)};
}

void check_contract_units(const std::string& read_venue, const VenueProfile& run_venue, const std::string& book_label) {
    ContractSpec read_as;
    try {
        read_as = contract_of(load_venue_profile(read_venue, venue_dir()));
    } catch (const std::exception& e) {
        // Not skipped: without the profile nobody knows what the stored sizes mean.
        throw ParameterError({"venue", "the venue " + book_label + " was read with, to check its contract units",
                              "a profile that cannot be loaded (" + std::string(e.what()) + ")",
                              "import the book again with a venue profile that can be found"});
    }
    const ContractSpec run_as = contract_of(run_venue);
    if (read_as.inverse == run_as.inverse && read_as.contract_size == run_as.contract_size)
        return;
    throw ParameterError(
        {"venue", "a venue in the contract units " + book_label + " was read in", "'" + run_venue.name + "'",
         book_label + " was read with venue '" + read_venue + "', whose contract units differ from '" + run_venue.name +
             "': choose a venue with the same units, or import the book again "
             "for venue '" +
             run_venue.name + "'"});
}

std::string venue_reference(const std::string& name_or_path) {
    // As load_venue_profile tells a file from a bundled name.
    const bool file_like =
        name_or_path.find('/') != std::string::npos || (name_or_path.size() > 5 && name_or_path.ends_with(".json"));
    if (file_like && std::filesystem::is_regular_file(name_or_path))
        return std::filesystem::absolute(name_or_path).string();
    return name_or_path;
}

} // namespace levex
