// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <optional>
#include <string>
#include <string_view>

namespace levex {

/// `s` without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view s);

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
bool equals_lower(std::string_view text, std::string_view word);

/// Why `text` (trimmed) is not a finite number: MissingValue when empty, NotFinite for nan/inf,
/// OutOfRange beyond a double's range (1e400, 1e-400), else NotANumber.
IssueCode bad_number_code(std::string_view text);

} // namespace levex
