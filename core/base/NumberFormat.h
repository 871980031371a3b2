// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace levex {

/// Shortest text that reads back to exactly `x` (locale-independent); `inf`/`-inf` for infinities.
std::string format_plain(double x);

/// Appends format_plain(x) to `out` without a temporary string (hot CSV writers).
void append_plain(std::string& out, double x);

/// The most characters format_plain writes (25, rounded up).
inline constexpr std::size_t kPlainMaxChars = 32;

/// Writes format_plain(x) at `out`, which has room for kPlainMaxChars, and returns the end of the
/// text (writers that fill a buffer through a pointer, many short fields a row).
char* write_plain(char* out, double x);

/// Locale-independent decimal parse of the whole of `text` (surrounding spaces allowed).
/// Returns nullopt for empty, partial, non-numeric, out-of-range (1e400), nan or inf text.
std::optional<double> parse_finite(std::string_view text);

} // namespace levex
