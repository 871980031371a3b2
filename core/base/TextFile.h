// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/TextSink.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace levex {

/// An input file that could not be read at all (missing, a folder, no permission): CLI exit 1.
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Reads a whole file as bytes; throws IoError with the path and the system's reason.
std::string read_text_file(const std::string& path);

/// A whole file's bytes, memory-mapped read-only where the system allows (no copy for the
/// hundred-megabyte books), else read into memory. Throws IoError like read_text_file.
class MappedFile {
public:
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return bytes_; }

    /// Lets the system take back the pages of bytes [0, offset) that were read, so that reading a
    /// large file does not keep all of it resident. The bytes stay readable (they come back from
    /// the file on the next access); a no-op for a file that was copied into memory.
    void release_before(std::size_t offset) const;

private:
    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    std::string copy_; // when the file could not be mapped (empty files, pipes)
    std::string_view bytes_;
};

/// Writes `bytes` to `path` (via a temporary file renamed into place, so a failed write never
/// leaves a truncated file); throws IoError.
void write_text_file(const std::string& path, const std::string& bytes);

/// Writes the pieces that `produce` passes to its sink, as they come, to `path`, with the same
/// guarantee: the file appears whole or not at all. A failed write throws IoError
/// ("PATH: write failed: REASON"); an exception from `produce` removes the partial file and is
/// rethrown as it is.
void write_text_file(const std::string& path, const TextProducer& produce);

/// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column_at(std::string_view text, std::size_t offset);

} // namespace levex
