// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/NumberFormat.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace levex {

void append_plain(std::string& out, double x) {
    if (std::isinf(x)) {
        out += x > 0 ? "inf" : "-inf";
        return;
    }
    if (x == 0.0)
        x = 0.0; // never print "-0"
    // Plain decimals for everyday magnitudes (100000, not 1e+05); exponents only at the extremes.
    char buffer[400];
    const double magnitude = std::abs(x);
    const auto format = magnitude >= 1e-6 && magnitude < 1e21 ? std::chars_format::fixed : std::chars_format::general;
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, x, format);
    out.append(buffer, result.ptr);
}

std::string format_plain(double x) {
    std::string out;
    append_plain(out, x);
    return out;
}

std::optional<double> parse_finite(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    if (text.front() == '+')
        text.remove_prefix(1);
    double value = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace levex
