// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/FieldText.h"

#include "core/base/NumberFormat.h"

#include <charconv>
#include <cstdint>

namespace levex {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

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
    std::uint64_t mantissa = 0;
    int digits = 0, decimals = 0;
    bool point = false;
    for (; p != end; ++p) {
        const unsigned d = static_cast<unsigned>(*p - '0');
        if (d < 10) {
            mantissa = mantissa * 10 + d;
            ++digits;
            decimals += point;
        } else if (*p == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    constexpr std::uint64_t kExact = std::uint64_t(1) << 53; // every integer below is a double
    if (p != end || digits == 0 || digits > 19 || decimals > 22 || mantissa > kExact)
        return parse_finite(text);
    const double x = static_cast<double>(mantissa) / kPow10[decimals];
    return negative ? -x : x;
}

bool equals_lower(std::string_view text, std::string_view word) {
    if (text.size() != word.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != word[i])
            return false;
    }
    return true;
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
