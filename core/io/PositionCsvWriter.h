// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"

#include <string>
#include <string_view>

namespace levex {

/// Writes a book as a positions CSV that PositionCsvReader reads back to the same positions
/// (docs/formats.md §1 columns; optional columns only when some row has a value).
std::string write_positions_csv(const PositionBook& book);

/// RFC 4180 quoting of one field when it needs it (delimiter, quote, CR or LF inside).
void append_csv_field(std::string& out, std::string_view text, char delimiter = ',');
/// The same written at `out`, which has room for 2 * text.size() + 2 bytes; returns the end.
char* write_csv_field(char* out, std::string_view text, char delimiter = ',');

} // namespace levex
