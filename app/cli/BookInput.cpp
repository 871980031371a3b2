// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"

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

void report_book_reading(const std::string& path, const std::vector<Issue>& notices,
                         const std::vector<SkippedRow>& skipped, std::size_t positions, const char* noun) {
    for (const Issue& issue : notices) {
        Issue shown = issue;
        shown.message = std::string(severity_name(issue.severity)) + ": " + issue.message;
        std::cerr << format_issue(shown) << '\n';
    }
    if (skipped.empty())
        return;
    for (const SkippedRow& s : skipped)
        std::cerr << path << ':' << s.line << ": skipped: " << s.reason << '\n';
    std::cerr << path << ": skipped " << skipped.size() << " row(s); read " << positions << ' ' << noun << '\n';
}

} // namespace levex::cli
