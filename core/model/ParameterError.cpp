// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ParameterError.h"

namespace levex {

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace

std::string phrase_parameter_problem(const ParameterProblem& problem, const std::string& name,
                                     const std::string& hint_name, const std::string& hint_name_with_value) {
    std::string out = name + ": expected " + problem.expected + ", found " + problem.found;
    if (!problem.hint.empty()) {
        std::string hint = problem.hint;
        replace_all(hint, "{name VALUE}", hint_name_with_value);
        replace_all(hint, "{name}", hint_name);
        out += "; " + hint;
    }
    return out;
}

ParameterError::ParameterError(ParameterProblem problem)
    : UsageError(phrase_parameter_problem(problem, problem.key, problem.key, problem.key)),
      problem_(std::move(problem)) {}

} // namespace levex
