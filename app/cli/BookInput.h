// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <optional>
#include <string>
#include <string_view>

namespace levex::cli {

/// ',' ';' or tab from the --delimiter option's text; UsageError otherwise.
char parse_delimiter(const std::string& text);

/// Reads a positions CSV for a command (from `bytes` when given, else from the file), printing
/// notices and skipped rows to stderr; throws DataError with the first error in strict mode.
PositionBook read_book_or_throw(const std::string& path, const VenueProfile& venue, bool skip_bad_rows, char delimiter,
                                std::optional<std::string_view> bytes = std::nullopt);

} // namespace levex::cli
