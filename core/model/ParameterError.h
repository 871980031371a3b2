// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Issue.h"

#include <string>

namespace levex {

/// A run parameter outside its valid range, or one a run cannot do without: `key` names it as a
/// scenario file does ("half_life_s"), `expected` says what is valid ("seconds > 0 or inf") and
/// `found` what was given ("0", or "none"). The core never names a command-line option or a
/// widget: each front end phrases the problem in its own words (`--half-life` on the command line,
/// the Half-life box in the app) through phrase_parameter_error().
struct ParameterProblem {
    std::string key;
    std::string expected;
    std::string found;
    /// Optional advice; "{name}" stands for the parameter as the front end names it ("--symbol",
    /// "the Symbol box") and "{name VALUE}" for it followed by a value to give ("--mark P").
    std::string hint = {};
};

/// Thrown for a parameter problem. A UsageError, so callers that do not phrase it still report it
/// as a usage error (CLI exit 2); what() is `KEY: expected …, found …[; hint]`.
class ParameterError : public UsageError {
public:
    explicit ParameterError(ParameterProblem problem);
    const ParameterProblem& problem() const noexcept { return problem_; }
    const std::string& key() const noexcept { return problem_.key; }

private:
    ParameterProblem problem_;
};

/// `NAME: expected …, found …[; hint]` with the parameter called `name` ("--mark", "Mark price")
/// and, in the hint, `hint_name` ("--mark", "the Mark price box") and `hint_name_with_value`
/// ("--mark P", "the Mark price box").
std::string phrase_parameter_problem(const ParameterProblem& problem, const std::string& name,
                                     const std::string& hint_name, const std::string& hint_name_with_value);

} // namespace levex
