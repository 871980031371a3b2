// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Issue.h"

namespace levex {

std::string format_issue(const Issue& issue) {
    std::string out;
    if (!issue.file.empty()) {
        out += issue.file;
        if (issue.line > 0) {
            out += ':' + std::to_string(issue.line);
            if (issue.column > 0)
                out += ':' + std::to_string(issue.column);
        }
        out += ": ";
    }
    out += issue.message;
    return out;
}

DataError::DataError(Issue issue) : std::runtime_error(format_issue(issue)), issue_(std::move(issue)) {}

const char* issue_code_name(IssueCode code) {
    switch (code) {
    case IssueCode::Unspecified: return "unspecified";
    case IssueCode::IoError: return "io_error";
    case IssueCode::BadEncoding: return "bad_encoding";
    case IssueCode::EmptyInput: return "empty_input";
    case IssueCode::CsvSyntax: return "csv_syntax";
    case IssueCode::JsonSyntax: return "json_syntax";
    case IssueCode::MissingColumn: return "missing_column";
    case IssueCode::DuplicateColumn: return "duplicate_column";
    case IssueCode::UnknownColumn: return "unknown_column";
    case IssueCode::FieldCount: return "field_count";
    case IssueCode::NotANumber: return "not_a_number";
    case IssueCode::NotFinite: return "not_finite";
    case IssueCode::OutOfRange: return "out_of_range";
    case IssueCode::BadSide: return "bad_side";
    case IssueCode::BadMarginMode: return "bad_margin_mode";
    case IssueCode::MissingValue: return "missing_value";
    case IssueCode::DuplicateId: return "duplicate_id";
    case IssueCode::MixedValues: return "mixed_values";
    case IssueCode::OutOfOrder: return "out_of_order";
    case IssueCode::CrossedBook: return "crossed_book";
    case IssueCode::UnknownKey: return "unknown_key";
    case IssueCode::MissingKey: return "missing_key";
    case IssueCode::WrongType: return "wrong_type";
    case IssueCode::BadValue: return "bad_value";
    case IssueCode::Netted: return "netted";
    case IssueCode::Adjusted: return "adjusted";
    }
    return "unspecified";
}

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::Notice: return "notice";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    }
    return "error";
}

} // namespace levex
