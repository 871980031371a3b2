// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/TextColumn.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace levex {

TextColumn::TextColumn(std::initializer_list<std::string_view> texts) {
    for (std::string_view text : texts)
        push_back(text);
}

void TextColumn::push_back(std::string_view text) {
    if (text.size() > std::numeric_limits<std::uint32_t>::max() - chars_.size())
        throw std::length_error("a text column (ids or account names) would pass 4 GiB of characters");
    chars_.append(text);
    offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
}

void TextColumn::reserve(std::size_t texts, std::size_t chars) {
    offsets_.reserve(texts + 1);
    chars_.reserve(chars);
}

void TextColumn::keep_only(const std::vector<std::uint8_t>& keep) {
    std::size_t kept = 0, to = 0;
    for (std::size_t i = 0; i < size(); ++i) {
        if (!keep[i])
            continue;
        const std::uint32_t from = offsets_[i], length = offsets_[i + 1] - from;
        // Moves left (to <= from), so std::copy may overlap: nothing not yet read is overwritten.
        std::copy(chars_.begin() + from, chars_.begin() + from + length, chars_.begin() + std::ptrdiff_t(to));
        to += length;
        offsets_[++kept] = static_cast<std::uint32_t>(to);
    }
    chars_.resize(to);
    offsets_.resize(kept + 1);
}

TextColumn TextColumn::reordered(const std::vector<std::uint32_t>& order) const {
    TextColumn out;
    out.reserve(order.size(), chars_.size());
    for (std::uint32_t old : order)
        out.push_back((*this)[old]);
    return out;
}

} // namespace levex
