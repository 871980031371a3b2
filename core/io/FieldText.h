// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <optional>
#include <string>
#include <string_view>

namespace levex {

/// `s` without leading and trailing spaces and tabs. Inline: several calls per field of every row.
inline std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// trimmed(s) with ASCII letters lower-cased (header names, keywords such as "cross").
std::string lower_trimmed(std::string_view s);

/// `s` in single quotes for a message, cut to 40 bytes (never inside a UTF-8 character) with "…".
std::string quoted(std::string_view s);

/// parse_finite(text), several times faster for the plain decimals that fill a book ("-0.002",
/// "104635.2"): up to 19 digits with at most 22 after the point are read into an integer and
/// divided by a power of ten once, which rounds correctly (both are exact doubles) and so gives
/// the same double as from_chars. Anything else (exponents, long digit strings) goes the slow way.
std::optional<double> parse_number(std::string_view text);

/// Whether `text` equals `word` (lower case) ignoring ASCII case: "Cross", "NULL".
inline bool equals_lower(std::string_view text, std::string_view word) {
    if (text.size() != word.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != word[i])
            return false;
    }
    return true;
}

/// Why `text` (trimmed) is not a finite number: MissingValue when empty, NotFinite for nan/inf,
/// OutOfRange beyond a double's range (1e400, 1e-400), else NotANumber.
IssueCode bad_number_code(std::string_view text);

} // namespace levex
