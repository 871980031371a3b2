// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/JsonSource.h"

#include "core/base/Issue.h"
#include "core/base/TextFile.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

namespace levex {
namespace {

constexpr int kMaxDepth = 64;

// A forward scanner over JSON text that only needs to find members, not to validate: it runs
// after nlohmann has accepted the text.
class Scanner {
public:
    explicit Scanner(std::string_view text) : t_(text) {}

    std::size_t pos() const { return i_; }
    bool done() const { return i_ >= t_.size(); }
    char peek() {
        skip_space();
        return done() ? '\0' : t_[i_];
    }
    void advance() { ++i_; }

    // The string starting at the cursor (which is on its opening quote), with the common escapes
    // undone; \u escapes are kept as written.
    std::string read_string() {
        std::string out;
        ++i_;
        while (!done() && t_[i_] != '"') {
            if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
                ++i_;
                const char c = t_[i_];
                out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'u' ? (out += '\\', 'u') : c;
            } else {
                out += t_[i_];
            }
            ++i_;
        }
        ++i_;
        return out;
    }

    void skip_value() {
        const char c = peek();
        if (c == '"') {
            read_string();
            return;
        }
        if (c != '{' && c != '[') {
            while (!done() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' &&
                   !std::isspace(static_cast<unsigned char>(t_[i_])))
                ++i_;
            return;
        }
        int depth = 0;
        while (!done()) {
            const char d = t_[i_];
            if (d == '"') {
                read_string();
                continue;
            }
            ++i_;
            if (d == '{' || d == '[')
                ++depth;
            else if ((d == '}' || d == ']') && --depth == 0)
                return;
        }
    }

private:
    void skip_space() {
        while (!done() && std::isspace(static_cast<unsigned char>(t_[i_])))
            ++i_;
    }

    std::string_view t_;
    std::size_t i_ = 0;
};

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    return parts;
}

// Byte offset of the member at parts[k..] inside the value at the cursor, or of that value itself.
std::size_t find_member(Scanner& s, const std::vector<std::string_view>& parts, std::size_t k) {
    const std::size_t here = (s.peek(), s.pos());
    if (k == parts.size())
        return here;
    const char open = s.peek();
    if (open == '{') {
        s.advance();
        while (s.peek() == '"') {
            const std::size_t key_at = s.pos();
            const std::string key = s.read_string();
            if (s.peek() != ':')
                return here;
            s.advance();
            if (key == parts[k])
                return k + 1 == parts.size() ? key_at : find_member(s, parts, k + 1);
            s.skip_value();
            if (s.peek() != ',')
                return here;
            s.advance();
        }
        return here;
    }
    if (open == '[') {
        std::size_t wanted = 0;
        const auto [end, ec] = std::from_chars(parts[k].data(), parts[k].data() + parts[k].size(), wanted);
        if (ec != std::errc() || end != parts[k].data() + parts[k].size())
            return here;
        s.advance();
        for (std::size_t n = 0; s.peek() != ']' && !s.done(); ++n) {
            if (n == wanted)
                return find_member(s, parts, k + 1);
            s.skip_value();
            if (s.peek() != ',')
                return here;
            s.advance();
        }
    }
    return here;
}

} // namespace

void JsonSource::check_depth() const {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) {
                const auto [line, column] = line_column_at(text, i);
                throw DataError(
                    {Severity::Error, file, line, column, "",
                     "expected JSON nested at most " + std::to_string(kMaxDepth) + " levels deep, found deeper nesting",
                     IssueCode::JsonSyntax});
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

void JsonSource::syntax_error(std::size_t byte, const std::string& what) const {
    const auto [line, column] = line_column_at(text, byte > 0 ? byte - 1 : 0);
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 1, column 2: syntax
    // error while parsing value - invalid literal; last read: 'x'": keep what follows the position.
    std::string reason = what;
    if (const auto pos = reason.find("syntax error"); pos != std::string::npos)
        reason = reason.substr(pos);
    throw DataError(
        {Severity::Error, file, line, column, "", "expected valid JSON, found a " + reason, IssueCode::JsonSyntax});
}

void JsonSource::number_overflow(const std::string& what) const {
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
    const auto open = what.find('\'');
    const auto close = what.rfind('\'');
    const std::string token = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    std::size_t at = token.empty() ? std::string_view::npos : text.find(token);
    // The token as a value, not inside a string or a longer number.
    while (at != std::string_view::npos && at > 0 &&
           (text[at - 1] == '"' || std::isdigit(static_cast<unsigned char>(text[at - 1]))))
        at = text.find(token, at + 1);
    const auto [line, column] = line_column_at(text, at == std::string_view::npos ? 0 : at);
    throw DataError({Severity::Error, file, line, column, "",
                     "expected a number within ±1.8e308, found " + (token.empty() ? what : token),
                     IssueCode::OutOfRange});
}

void JsonSource::fail(const std::string& path, const std::string& message, IssueCode code) const {
    const auto [line, column] = locate(path);
    throw DataError({Severity::Error, file, line, column, path, path.empty() ? message : path + ": " + message, code});
}

std::pair<std::size_t, std::size_t> JsonSource::locate(std::string_view path) const {
    Scanner scanner(text);
    const std::size_t offset = find_member(scanner, split_path(path), 0);
    return line_column_at(text, offset);
}

} // namespace levex
