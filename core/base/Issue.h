// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace levex {

/// How bad a reported problem is: errors reject input, warnings and notices only inform.
enum class Severity { Notice, Warning, Error };

/// One problem found in an input file, located precisely enough for a user to fix it.
/// `line` and `column` are 1-based; 0 means "not tied to a line/column" (e.g. a whole-file problem).
struct Issue {
    Severity severity = Severity::Error;
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string field;
    std::string message;
};

/// `FILE:LINE:COLUMN: message` (parts that are 0 or empty are left out).
std::string format_issue(const Issue& issue);

/// Thrown where a value-returning API cannot continue: bad input data (CLI exit 3).
class DataError : public std::runtime_error {
public:
    explicit DataError(Issue issue);
    const Issue& issue() const noexcept { return issue_; }

private:
    Issue issue_;
};

/// Thrown for a bad parameter or name given by the user (CLI exit 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

const char* severity_name(Severity severity);

} // namespace levex
