// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/FieldText.h"

#include <charconv>

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
