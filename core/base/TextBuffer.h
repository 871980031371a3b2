// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace levex {

/// A growing text written through a pointer, for writers of rows of many short fields (large CSV
/// tables): ask for room for the most bytes a row can take, write the row at the pointer given, and
/// mark where it ends. Appending each field to a std::string instead checks the size and calls a
/// copy for every field, which costs about as much as formatting the field. Bytes past the end are
/// never initialised, and the memory is kept by clear() for the next text.
class TextBuffer {
public:
    /// The end of the text, with room for at least `n` bytes after it (the text is kept).
    char* room(std::size_t n) {
        if (capacity_ - size_ < n)
            grow(n);
        return bytes_.get() + size_;
    }
    /// The text now ends at `end`, a pointer within the room last given.
    void end_at(const char* end) { size_ = static_cast<std::size_t>(end - bytes_.get()); }
    void clear() { size_ = 0; }
    std::string_view text() const { return {bytes_.get(), size_}; }

private:
    void grow(std::size_t n) {
        const std::size_t capacity = std::max(size_ + n, 2 * capacity_);
        auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
        if (size_ > 0)
            std::memcpy(bytes.get(), bytes_.get(), size_);
        bytes_ = std::move(bytes);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> bytes_;
    std::size_t size_ = 0, capacity_ = 0;
};

} // namespace levex
