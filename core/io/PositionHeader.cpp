// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionHeader.h"

#include "core/io/FieldText.h"

#include <algorithm>

namespace levex {
namespace {

// The mapping under way: what is known about the header, and where its problems go.
class HeaderMapper {
public:
    HeaderMapper(const std::vector<CsvField>& record, std::size_t line, const std::string& file, PositionHeader& header,
                 std::vector<Issue>& issues)
        : record_(record), line_(line), file_(file), header_(header), issues_(issues), taken_(record.size(), -1) {
        header_.line = line;
        header_.column.fill(-1);
        header_.names.clear();
        for (const CsvField& f : record) {
            header_.names.emplace_back(f.text);
            lowered_.push_back(lower_trimmed(f.text));
        }
        header_.fields.assign(record.size(), "");
    }

    bool apply_overrides(const std::map<std::string, std::string>& overrides);
    bool match_names();
    bool check_required();
    void note_unknown();

private:
    static int field_named(const std::string& lowered);
    bool error(std::size_t line, std::size_t column, const char* field, IssueCode code, std::string message) {
        issues_.push_back({Severity::Error, file_, line, column, field, std::move(message), code});
        return false;
    }
    std::string header_list() const { return summarize_header(header_.names); }

    const std::vector<CsvField>& record_;
    std::size_t line_;
    const std::string& file_;
    PositionHeader& header_;
    std::vector<Issue>& issues_;
    std::vector<std::string> lowered_;
    std::vector<int> taken_;                // header column -> the field an override mapped to it
    bool overridden_[kPositionFields] = {}; // mapped by an override (to a column or to nothing)
    std::vector<std::string> unknown_;
};

int HeaderMapper::field_named(const std::string& lowered) {
    const auto& columns = position_columns();
    for (std::size_t k = 0; k < kPositionFields; ++k) {
        if (lowered == columns[k].name)
            return int(k);
        for (const char* alias : columns[k].aliases)
            if (lowered == lower_trimmed(alias))
                return int(k);
    }
    return -1;
}

// Overrides first: a mapped header name wins over the automatic match.
bool HeaderMapper::apply_overrides(const std::map<std::string, std::string>& overrides) {
    const auto& columns = position_columns();
    for (const auto& [field_name, header_name] : overrides) {
        const int c = field_named(lower_trimmed(field_name));
        if (c < 0) {
            std::string all;
            for (const PositionColumn& pc : columns)
                all += std::string(all.empty() ? "" : ", ") + pc.name;
            return error(0, 0, "", IssueCode::UnknownColumn,
                         "expected a column override for one of " + all + ", found " + quoted(field_name));
        }
        const char* name = columns[std::size_t(c)].name;
        overridden_[c] = true;
        const std::string wanted = lower_trimmed(header_name);
        if (wanted.empty())
            continue;
        const auto it = std::find(lowered_.begin(), lowered_.end(), wanted);
        if (it == lowered_.end())
            return error(line_, 1, name, IssueCode::MissingColumn,
                         "expected a column " + quoted(header_name) + " in the header (mapped to " + name +
                             "), found: " + header_list());
        const std::size_t i = std::size_t(it - lowered_.begin());
        if (taken_[i] >= 0)
            return error(line_, record_[i].column, name, IssueCode::DuplicateColumn,
                         "expected each column mapped to one field, found " + quoted(record_[i].text) + " mapped to " +
                             columns[std::size_t(taken_[i])].name + " and " + name);
        header_.column[std::size_t(c)] = int(i);
        taken_[i] = c;
    }
    return true;
}

bool HeaderMapper::match_names() {
    const auto& columns = position_columns();
    for (std::size_t i = 0; i < lowered_.size(); ++i) {
        if (taken_[i] >= 0)
            continue;
        const int match = field_named(lowered_[i]);
        if (match < 0) {
            unknown_.emplace_back(record_[i].text);
            continue;
        }
        if (overridden_[match])
            continue; // the user mapped this field to another column (or to nothing)
        int& column = header_.column[std::size_t(match)];
        if (column >= 0)
            return error(line_, record_[i].column, columns[std::size_t(match)].name, IssueCode::DuplicateColumn,
                         std::string("expected one column for ") + columns[std::size_t(match)].name +
                             ", found it twice: " + quoted(record_[std::size_t(column)].text) + " and " +
                             quoted(record_[i].text));
        column = int(i);
    }
    for (std::size_t k = 0; k < kPositionFields; ++k)
        if (header_.column[k] >= 0)
            header_.fields[std::size_t(header_.column[k])] = columns[k].name;
    return true;
}

bool HeaderMapper::check_required() {
    const auto& columns = position_columns();
    for (std::size_t k = 0; k < kPositionFields; ++k) {
        const PositionColumn& pc = columns[k];
        if (!pc.required || header_.column[k] >= 0)
            continue;
        std::string also;
        for (const char* a : pc.aliases)
            also += std::string(also.empty() ? " (or " : ", ") + a;
        if (!also.empty())
            also += ")";
        return error(line_, 1, pc.name, IssueCode::MissingColumn,
                     std::string("expected a column ") + pc.name + also + " in the header" +
                         (overridden_[k] ? " (a column override unmaps it)" : "") + ", found: " + header_list() +
                         (record_.size() == 1 ? " (one column: check the delimiter)" : ""));
    }
    return true;
}

void HeaderMapper::note_unknown() {
    if (unknown_.empty())
        return;
    std::string list;
    for (const std::string& u : unknown_)
        list += (list.empty() ? "" : ", ") + quoted(u);
    issues_.push_back(
        {Severity::Notice, file_, line_, 0, "", "ignored unknown columns: " + list, IssueCode::UnknownColumn});
}

} // namespace

bool map_position_header(const std::vector<CsvField>& record, std::size_t line,
                         const std::map<std::string, std::string>& overrides, const std::string& file,
                         PositionHeader& header, std::vector<Issue>& issues) {
    HeaderMapper mapper(record, line, file, header, issues);
    if (!mapper.apply_overrides(overrides) || !mapper.match_names() || !mapper.check_required())
        return false;
    mapper.note_unknown();
    return true;
}

} // namespace levex
