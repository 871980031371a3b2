// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace levex {

/// `s` without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view s);

/// trimmed(s) with ASCII letters lower-cased (header names, keywords such as "cross").
std::string lower_trimmed(std::string_view s);

/// `s` in single quotes for a message, cut to 40 bytes (never inside a UTF-8 character) with "…".
std::string quoted(std::string_view s);

} // namespace levex
