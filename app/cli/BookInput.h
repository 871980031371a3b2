// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/PositionCsvReader.h"
#include "core/usecase/RunInputs.h"

#include <string>
#include <vector>

namespace levex::cli {

/// ',' ';' or tab from the --delimiter option's text; UsageError otherwise.
char parse_delimiter(const std::string& text);

/// Prints what reading a book reported besides errors: its notices and warnings, the rows it
/// skipped and how many, to stderr.
void report_book_reading(const std::string& path, const std::vector<Issue>& notices,
                         const std::vector<SkippedRow>& skipped, std::size_t positions,
                         const char* noun = "position(s)");

/// The books of a run as the command line names them: one BOOK.csv (a position or a lending book,
/// told apart by its header), or lending books BOOK.csv@PROTOCOL ... (docs/lending.md §9). A single
/// file whose own name holds an '@' is that file.
void set_book_sources(const std::vector<std::string>& books, RunRequest& request);

/// report_book_reading() for what resolving a run read: its book, or each of its lending books.
void report_run_books(const RunInputs& in);

} // namespace levex::cli
