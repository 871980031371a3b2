// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// A column of short texts (position ids, account names) held in one buffer: a million ids cost
/// their characters and 4 bytes each, where a std::string each costs 32 bytes (and a heap block
/// past 15 characters). Texts are read as views, valid until the column next changes.
class TextColumn {
public:
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        const_iterator() = default;
        const_iterator(const TextColumn* column, std::size_t i) : column_(column), i_(i) {}
        std::string_view operator*() const { return (*column_)[i_]; }
        const_iterator& operator++() {
            ++i_;
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator before = *this;
            ++i_;
            return before;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }

    private:
        const TextColumn* column_ = nullptr;
        std::size_t i_ = 0;
    };
    using iterator = const_iterator;
    using value_type = std::string_view;

    TextColumn() = default;
    TextColumn(std::initializer_list<std::string_view> texts);

    std::size_t size() const { return offsets_.size() - 1; }
    bool empty() const { return size() == 0; }
    std::string_view operator[](std::size_t i) const {
        return {chars_.data() + offsets_[i], std::size_t(offsets_[i + 1] - offsets_[i])};
    }
    std::string_view back() const { return (*this)[size() - 1]; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

    /// Throws std::length_error past 4 GiB of characters (the offsets are 32-bit).
    void push_back(std::string_view text);
    void reserve(std::size_t texts, std::size_t chars);
    /// Keeps the texts with keep[i] != 0, in order.
    void keep_only(const std::vector<std::uint8_t>& keep);
    /// The texts in the order `order` names them (order[k] is the old index of text k).
    TextColumn reordered(const std::vector<std::uint32_t>& order) const;

    friend bool operator==(const TextColumn& a, const TextColumn& b) = default;

private:
    std::string chars_;
    std::vector<std::uint32_t> offsets_ = std::vector<std::uint32_t>(1, 0); // text i is [offsets_[i], offsets_[i+1])
};

} // namespace levex
