// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"

#include "core/base/Issue.h"
#include "core/base/TextFile.h"
#include "core/io/PositionCsvReader.h"

#include <iostream>

namespace levex::cli {

char parse_delimiter(const std::string& text) {
    if (text == "," || text == "comma")
        return ',';
    if (text == ";" || text == "semicolon")
        return ';';
    if (text == "\t" || text == "tab")
        return '\t';
    throw UsageError("--delimiter: expected ',', ';' or 'tab', found '" + text + "'");
}

PositionBook read_book_or_throw(const std::string& path, const VenueProfile& venue, bool skip_bad_rows, char delimiter,
                                std::optional<std::string_view> bytes) {
    PositionCsvOptions options;
    options.policy = skip_bad_rows ? BadRowPolicy::SkipBadRows : BadRowPolicy::Strict;
    options.delimiter = delimiter;
    options.contract = contract_of(venue);
    PositionCsvResult result = bytes ? parse_positions_csv(*bytes, path, options) : read_positions_csv(path, options);
    for (const Issue& issue : result.issues)
        if (issue.severity != Severity::Error) {
            Issue shown = issue;
            shown.message = std::string(severity_name(issue.severity)) + ": " + issue.message;
            std::cerr << format_issue(shown) << '\n';
        }
    if (!result.ok) {
        if (const Issue* error = result.first_error())
            throw DataError(*error);
        throw DataError({Severity::Error, path, 0, 0, "", "expected a positions CSV, found nothing to read"});
    }
    if (!result.skipped.empty()) {
        for (const SkippedRow& s : result.skipped)
            std::cerr << path << ':' << s.line << ": skipped: " << s.reason << '\n';
        std::cerr << path << ": skipped " << result.skipped.size() << " row(s); read " << result.book.positions()
                  << " position(s)\n";
    }
    return std::move(result.book);
}

} // namespace levex::cli
