// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/PositionCsvReader.h"

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

} // namespace levex::cli
