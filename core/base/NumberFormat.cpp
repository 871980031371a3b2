// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/NumberFormat.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace levex {
namespace {

// The shortest text of a value with at most 6 decimals, such as 0.002, 104635.2 or 100000, written
// without std::to_chars (most of the numbers in a book are of this kind). `a` > 0. The fewest
// decimals k for which an integer m with m / 10^k == a exists give the fewest significant digits,
// and the m nearest to a·10^k is the closest such text: what to_chars writes. Below 2^52 the
// doubles around a·10^k are at most half a unit apart, so no other integer reads back to a.
// Declines (false) for anything else.
bool append_short_decimal(std::string& out, double a) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    constexpr double kLimit = 4503599627370496.0; // 2^52
    const double y6 = a * 1e6;
    // Not within rounding of a whole number of millionths: more than 6 decimals.
    if (!(y6 < kLimit) || std::abs(y6 - std::nearbyint(y6)) > y6 * 0x1p-48 + 0x1p-20)
        return false;
    for (int k = 0; k <= 6; ++k) {
        const double r = std::nearbyint(a * kPow10[k]);
        if (r / kPow10[k] != a)
            continue;
        auto m = static_cast<std::uint64_t>(r);
        char text[32]; // written from the end: decimals, the point, then at least one digit before it
        char* p = text + sizeof text;
        for (int i = 0; i < k; ++i, m /= 10)
            *--p = static_cast<char>('0' + m % 10);
        if (k > 0)
            *--p = '.';
        do {
            *--p = static_cast<char>('0' + m % 10);
            m /= 10;
        } while (m > 0);
        out.append(p, text + sizeof text);
        return true;
    }
    return false;
}

} // namespace

void append_plain(std::string& out, double x) {
    if (std::isinf(x)) {
        out += x > 0 ? "inf" : "-inf";
        return;
    }
    if (x == 0.0)
        x = 0.0; // never print "-0"
    // Plain decimals for everyday magnitudes (100000, not 1e+05); exponents only at the extremes.
    const double magnitude = std::abs(x);
    if (magnitude >= 1e-6 && magnitude < 1e15) {
        const std::size_t size = out.size();
        if (x < 0)
            out += '-';
        if (append_short_decimal(out, magnitude))
            return;
        out.resize(size);
    }
    char buffer[400];
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
