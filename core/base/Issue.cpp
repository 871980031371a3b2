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

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::Notice: return "notice";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    }
    return "error";
}

} // namespace levex
