// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/LendingBookInput.h"

#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"

namespace levex {

LendingBookSource parse_lending_book_argument(const std::string& text) {
    LendingBookSource source;
    const std::size_t at = text.rfind('@');
    if (at == std::string::npos || at + 1 == text.size() || at == 0) {
        source.csv = text;
        return source;
    }
    source.csv = text.substr(0, at);
    source.protocol = text.substr(at + 1);
    return source;
}

BookKind book_file_kind(const std::string& path) {
    const MappedFile file(path);
    return detect_book_kind(file.bytes());
}

LendingBookFile read_lending_book_file(const std::string& path, const ProtocolProfile* profile,
                                       const BookReadOptions& read, bool hash, const ProgressCallback& progress) {
    LendingCsvOptions options;
    options.policy = read.skip_bad_rows ? BadRowPolicy::SkipBadRows : BadRowPolicy::Strict;
    options.delimiter = read.delimiter;
    options.column_overrides = read.column_overrides;
    options.profile = profile;
    options.progress = progress;
    const MappedFile file(path);
    LendingCsvResult result = parse_lending_csv(file.bytes(), path, options);
    LendingBookFile out;
    out.path = path;
    if (result.cancelled) {
        out.cancelled = true;
        return out;
    }
    if (!result.ok || result.book.accounts() == 0) {
        if (const Issue* error = result.first_error())
            throw DataError(*error);
        throw DataError({Severity::Error, path, 0, 0, "", "expected a lending book with accounts, found none"});
    }
    for (Issue& issue : result.issues)
        if (issue.severity != Severity::Error)
            out.notices.push_back(std::move(issue));
    out.skipped = std::move(result.skipped);
    if (hash)
        out.sha256 = sha256_hex(file.bytes());
    out.book = std::make_shared<const LendingBook>(std::move(result.book));
    return out;
}

std::string protocol_reference(const std::string& name_or_path) {
    return venue_reference(name_or_path); // the same rule tells a file from a bundled name
}

ProtocolProfile load_protocol(const std::string& name_or_path) {
    return load_protocol_profile(name_or_path, protocol_dir());
}

} // namespace levex
