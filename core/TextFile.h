// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace levex {

/// An input file that could not be read at all (missing, a folder, no permission): CLI exit 1.
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Reads a whole file as bytes; throws IoError with the path and the system's reason.
std::string read_text_file(const std::string& path);

/// Writes `bytes` to `path` (via a temporary file renamed into place, so a failed write never
/// leaves a truncated file); throws IoError.
void write_text_file(const std::string& path, const std::string& bytes);

/// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column_at(const std::string& text, std::size_t offset);

} // namespace levex
