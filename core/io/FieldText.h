// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <string>
#include <string_view>

namespace levex {

/// `s` without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view s);

/// trimmed(s) with ASCII letters lower-cased (header names, keywords such as "cross").
std::string lower_trimmed(std::string_view s);

/// `s` in single quotes for a message, cut to 40 bytes (never inside a UTF-8 character) with "…".
std::string quoted(std::string_view s);

/// Why `text` (trimmed) is not a finite number: MissingValue when empty, NotFinite for nan/inf,
/// OutOfRange beyond a double's range (1e400, 1e-400), else NotANumber.
IssueCode bad_number_code(std::string_view text);

} // namespace levex
