// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace levex {

/// How bad a reported problem is: errors reject input, warnings and notices only inform.
enum class Severity { Notice, Warning, Error };

/// What kind of problem an issue is, for programs and tests: the message is for people and may be
/// reworded, the code is not. issue_code_name() gives each its stable snake_case name.
enum class IssueCode : std::uint8_t {
    Unspecified,     ///< not classified (a front end's own message)
    IoError,         ///< the file could not be read at all
    BadEncoding,     ///< not UTF-8 text: UTF-16/32 or binary data
    EmptyInput,      ///< no header, no data where some is needed
    CsvSyntax,       ///< an unclosed quote, a quote inside an unquoted field, text after a closing quote
    JsonSyntax,      ///< not valid JSON, or nested too deeply
    MissingColumn,   ///< a required column is not in the header
    DuplicateColumn, ///< two columns for one field, or one column mapped to two fields
    UnknownColumn,   ///< a header column (or a column override) that names no field
    FieldCount,      ///< a record with more or fewer fields than the header
    NotANumber,      ///< text where a number belongs (including a decimal comma)
    NotFinite,       ///< nan or inf where a finite number belongs
    OutOfRange,      ///< a number outside its allowed range (or beyond a double's)
    BadSide,         ///< a side that is not long/short/buy/sell/1/-1 (bid/ask in order books)
    BadMarginMode,   ///< a margin_mode that is not isolated or cross
    MissingValue,    ///< a value a row or key needs is absent (e.g. leverage or margin)
    DuplicateId,     ///< a position id seen before
    MixedValues,     ///< rows that must agree do not (one mark per symbol, one balance per account)
    OutOfOrder,      ///< values that must increase do not (price series times)
    CrossedBook,     ///< an order book whose best bid is not below its best ask
    UnknownKey,      ///< a JSON key that the format does not have
    MissingKey,      ///< a JSON key that the format needs
    WrongType,       ///< a JSON value of the wrong type or shape
    BadValue,        ///< a value of the right type that is not allowed (an unknown name, inconsistent tiers)
    Netted,          ///< notice: one-way rows of an account and symbol were netted into one position
    Adjusted,        ///< notice: a given value was replaced by one derived from the others
};

/// The stable snake_case name of a code ("missing_column").
const char* issue_code_name(IssueCode code);

/// One problem found in an input file, located precisely enough for a user to fix it.
/// `line` and `column` are 1-based; 0 means "not tied to a line/column" (e.g. a whole-file problem).
struct Issue {
    Severity severity = Severity::Error;
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string field;
    std::string message;
    IssueCode code = IssueCode::Unspecified;
};

/// `FILE:LINE:COLUMN: message` (parts that are 0 or empty are left out).
std::string format_issue(const Issue& issue);

/// Thrown where a value-returning API cannot continue: bad input data (CLI exit 3).
class DataError : public std::runtime_error {
public:
    explicit DataError(Issue issue);
    const Issue& issue() const noexcept { return issue_; }
    IssueCode code() const noexcept { return issue_.code; }

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
