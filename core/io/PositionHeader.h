// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/PositionColumns.h"

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace levex {

/// Which column of a positions CSV holds which field (docs/formats.md §1).
struct PositionHeader {
    std::size_t line = 0;                      ///< the header's line
    std::vector<std::string> names;            ///< header names as written
    std::vector<std::string> fields;           ///< per column: its canonical field, or "" (ignored)
    std::array<int, kPositionFields> column{}; ///< per field: its column, or -1 when absent

    int column_of(PositionField f) const { return column[static_cast<std::size_t>(f)]; }
    bool has(PositionField f) const { return column_of(f) >= 0; }
};

/// Maps the header record (at `line`) to fields: the user's column overrides first (canonical field
/// or alias -> header name; an empty name unmaps the field), then each column by its name or an
/// alias, case-insensitive and trimmed. Errors (a bad override, a field in two columns, a missing
/// required column) go to `issues` and return false; unknown columns are a notice.
bool map_position_header(const std::vector<CsvField>& record, std::size_t line,
                         const std::map<std::string, std::string>& overrides, const std::string& file,
                         PositionHeader& header, std::vector<Issue>& issues);

} // namespace levex
