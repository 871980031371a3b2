// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/FieldText.h"

#include "core/base/NumberFormat.h"

#include <charconv>
#include <cstdint>

namespace levex {

std::string lower_trimmed(std::string_view s) {
    std::string out(trimmed(s));
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string quoted(std::string_view s) {
    constexpr std::size_t kMax = 40;
    std::string out = "'";
    if (s.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut; // never cut a UTF-8 character in half
        out += std::string(s.substr(0, cut)) + "…";
    } else {
        out += s;
    }
    out += "'";
    return out;
}

std::optional<double> parse_number(std::string_view text) {
    // Exact powers of ten: 10^22 is the largest a double holds exactly.
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char* p = text.data();
    const char* const end = p + text.size();
    bool negative = false;
    if (p != end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    // The digits before and after the point in two tight loops (a point check per digit costs).
    std::uint64_t mantissa = 0; // wraps past 19 digits: those go the slow way below
    const char* const first_digit = p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10)
        mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    int digits = static_cast<int>(p - first_digit), decimals = 0;
    if (p != end && *p == '.') {
        const char* const first_decimal = ++p;
        while (p != end && static_cast<unsigned>(*p - '0') < 10)
            mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
        decimals = static_cast<int>(p - first_decimal);
        digits += decimals;
    }
    constexpr std::uint64_t kExact = std::uint64_t(1) << 53; // every integer below is a double
    if (p != end || digits == 0 || digits > 19 || decimals > 22 || mantissa > kExact)
        return parse_finite(text);
    // No division for whole numbers (leverage, marks): it is the slowest step here.
    const double x = decimals == 0 ? static_cast<double>(mantissa) : static_cast<double>(mantissa) / kPow10[decimals];
    return negative ? -x : x;
}

IssueCode bad_number_code(std::string_view text) {
    text = trimmed(text);
    if (text.empty())
        return IssueCode::MissingValue;
    if (text.front() == '+' || text.front() == '-')
        text.remove_prefix(1);
    const std::string word = lower_trimmed(text);
    if (word == "nan" || word == "inf" || word == "infinity")
        return IssueCode::NotFinite;
    double probe = 0.0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), probe);
    if (parsed.ec == std::errc::result_out_of_range && parsed.ptr == text.data() + text.size())
        return IssueCode::OutOfRange;
    return IssueCode::NotANumber;
}

} // namespace levex
