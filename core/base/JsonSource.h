// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace levex {

/// A number as LevEx writes it in JSON (docs/command-line.md): infinities as the strings "inf" and "-inf",
/// NaN (a parameter left to its default) as null.
inline nlohmann::ordered_json json_number(double x) {
    if (std::isnan(x))
        return nullptr;
    if (std::isinf(x))
        return x > 0 ? "inf" : "-inf";
    return x;
}

/// The text of a JSON file (venue profile, scenario) kept beside its parsed value, so that an
/// error about a key can say where the key is: nlohmann's values carry no source positions.
struct JsonSource {
    std::string_view text;
    std::string file;

    /// Throws DataError when the text nests deeper than 64 levels: nlohmann's parser recurses once
    /// per level, so absurd nesting would exhaust the stack instead of failing cleanly.
    void check_depth() const;

    /// Parses the text (nlohmann::json or ordered_json) after check_depth(); every failure is a
    /// DataError `FILE:LINE:COLUMN: expected …, found …`.
    template <typename Json>
    Json parse() const {
        check_depth();
        try {
            return Json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            syntax_error(e.byte, e.what());
        } catch (const nlohmann::json::out_of_range& e) {
            number_overflow(e.what());
        }
    }

    /// Throws DataError for a syntax error nlohmann reported at byte `byte`.
    [[noreturn]] void syntax_error(std::size_t byte, const std::string& what) const;

    /// Throws DataError for a number too large for a double (nlohmann names the token, not where).
    [[noreturn]] void number_overflow(const std::string& what) const;

    /// Throws DataError `FILE:LINE:COLUMN: PATH: message`, at the member named by `path`
    /// ("tiers/2/maint_amount"), or at the nearest enclosing value when it does not exist.
    [[noreturn]] void fail(const std::string& path, const std::string& message,
                           IssueCode code = IssueCode::BadValue) const;

    /// 1-based line and column of the member (its key) or array element at `path`, or of the
    /// nearest enclosing value that exists; (1, 1) for the empty path.
    std::pair<std::size_t, std::size_t> locate(std::string_view path) const;
};

} // namespace levex
