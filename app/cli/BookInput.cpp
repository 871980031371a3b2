// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"

#include <filesystem>
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

void set_book_sources(const std::vector<std::string>& books, RunRequest& request) {
    request.accept_lending = true;
    if (books.size() == 1 &&
        (std::filesystem::exists(books[0]) || parse_lending_book_argument(books[0]).protocol.empty())) {
        request.book_csv = books[0];
        return;
    }
    for (const std::string& book : books)
        request.lending_books.push_back(parse_lending_book_argument(book));
}

void report_run_books(const RunInputs& in) {
    if (in.kind != BookKind::Lending) {
        report_book_reading(in.book_label, in.notices, in.skipped, in.book->positions());
        return;
    }
    report_book_reading(in.book_label, in.notices, {}, 0);
    for (const LendingBookInput& b : in.lending_books)
        report_book_reading(b.label, {}, b.skipped, b.book->accounts(), "account(s)");
}

} // namespace levex::cli
