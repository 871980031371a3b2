// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionRowParser.h"

#include "core/base/FlatHashIndex.h"
#include "core/io/FieldText.h"

#include <cmath>
#include <utility>

namespace levex {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// What is wrong with `text` where a number belongs, said so that the user sees how to fix it.
std::string explain_bad_number(std::string_view text, IssueCode code, const char* name) {
    const std::string expected = std::string("expected a number for ") + name;
    switch (code) {
    case IssueCode::MissingValue: return expected + ", found an empty field";
    case IssueCode::NotFinite: return std::string("expected a finite number for ") + name + ", found " + quoted(text);
    case IssueCode::OutOfRange: {
        const std::string word = lower_trimmed(text);
        const std::size_t e = word.find('e');
        const bool tiny = e != std::string::npos && e + 1 < word.size() && word[e + 1] == '-';
        return tiny ? expected + ", found " + quoted(text) + " (too close to zero to represent)"
                    : expected + " within ±1.8e308, found " + quoted(text) + " (out of range)";
    }
    default: break;
    }
    if (text.find(',') != std::string_view::npos)
        return expected + " with a '.' decimal point and no thousands separators, found " + quoted(text);
    return expected + ", found " + quoted(text);
}

} // namespace

bool PositionRowParser::parse(const std::vector<CsvField>& fields, std::size_t line, std::size_t end_column,
                              PositionRow& row, std::vector<Issue>& issues) {
    fields_ = &fields;
    line_ = line;
    issues_ = &issues;
    row = PositionRow{};
    if (!check_width(end_column))
        return false;
    read_texts_and_columns(row);
    // Mode first, so a bad value anywhere on a cross row can skip its whole account.
    return parse_mode(row) && parse_side_and_size(row) && parse_numbers(row) && check_mode_needs(row);
}

bool PositionRowParser::check_width(std::size_t end_column) {
    const std::size_t expected = header_.names.size();
    const std::size_t found = fields_->size();
    if (found < expected) // point just past the last field, where the next one is missing
        return error(end_column, IssueCode::FieldCount,
                     "expected " + std::to_string(expected) + " fields as in the header, found " +
                         std::to_string(found) + " (check the delimiter and quoting)");
    if (found > expected)
        return error((*fields_)[expected].column, IssueCode::FieldCount,
                     "expected " + std::to_string(expected) + " fields as in the header, found " +
                         std::to_string(found) + " (an unquoted delimiter inside a value?)");
    return true;
}

void PositionRowParser::read_texts_and_columns(PositionRow& row) const {
    auto text = [&](PositionField f) { return header_.has(f) ? trimmed(field(f)->text) : std::string_view(); };
    row.id = text(PositionField::Id);
    row.account = text(PositionField::Account);
    row.symbol = text(PositionField::Symbol);
    row.id_hash = FlatHashIndex::hash_text(row.id);
    row.account_hash = FlatHashIndex::hash_text(row.account);
    auto column = [&](PositionField f) {
        const CsvField* at = field(f);
        return static_cast<std::uint32_t>(at ? at->column : 1);
    };
    row.id_column = column(PositionField::Id);
    row.mark_column = column(PositionField::Mark);
    row.collateral_column = column(PositionField::Collateral);
    row.equity_column = column(PositionField::Equity);
    row.mode_column = column(PositionField::MarginMode);
}

bool PositionRowParser::parse_mode(PositionRow& row) {
    if (!present(PositionField::MarginMode))
        return true;
    const CsvField* f = field(PositionField::MarginMode);
    const std::string_view mode = trimmed(f->text);
    if (equals_lower(mode, "cross"))
        row.cross = true;
    else if (!equals_lower(mode, "isolated"))
        return error(f->column, PositionField::MarginMode, IssueCode::BadMarginMode,
                     "expected margin_mode isolated or cross, found " + quoted(trimmed(f->text)));
    return true;
}

bool PositionRowParser::parse_side_and_size(PositionRow& row) {
    if (present(PositionField::Side)) {
        const CsvField* f = field(PositionField::Side);
        const std::string_view s = trimmed(f->text);
        if (equals_lower(s, "long") || equals_lower(s, "buy") || s == "1" || s == "+1")
            row.side = 1;
        else if (equals_lower(s, "short") || equals_lower(s, "sell") || s == "-1")
            row.side = -1;
        else
            return error(f->column, PositionField::Side, IssueCode::BadSide,
                         "expected side long, short, buy, sell, 1 or -1, found " + quoted(trimmed(f->text)));
    }
    double v = 0.0;
    if (!number(PositionField::Size, -kInf, true, kInf, true, "", v))
        return false;
    const CsvField* f = field(PositionField::Size);
    if (row.side != 0) {
        if (!(v > 0.0))
            return error(f->column, PositionField::Size, IssueCode::OutOfRange,
                         "expected size > 0 when side is given, found " + quoted(trimmed(f->text)) +
                             (v < 0.0 ? " (a signed size needs no side column)" : ""));
        row.size = v;
    } else {
        if (v == 0.0)
            return error(f->column, PositionField::Size, IssueCode::OutOfRange,
                         "expected a non-zero signed size (its sign gives the side), found " +
                             quoted(trimmed(f->text)));
        row.side = v > 0 ? 1 : -1;
        row.size = std::abs(v);
    }
    return true;
}

bool PositionRowParser::parse_numbers(PositionRow& row) {
    if (!number(PositionField::Entry, 0, true, kInf, true, "> 0", row.entry))
        return false;
    auto optional = [&](PositionField f, double& out, double lo, bool lo_open, double hi, bool hi_open,
                        const char* what) { return !present(f) || number(f, lo, lo_open, hi, hi_open, what, out); };
    if (!optional(PositionField::Leverage, row.leverage, 0, true, kInf, true, "> 0") ||
        !optional(PositionField::Margin, row.margin, 0, true, kInf, true, "> 0") ||
        !optional(PositionField::Collateral, row.collateral, 0, false, kInf, true, ">= 0") ||
        !optional(PositionField::Equity, row.equity, -kInf, true, kInf, true, "") ||
        !optional(PositionField::Mmr, row.mmr, 0, false, 1, true, "in [0, 1)") ||
        !optional(PositionField::MaintAmount, row.maint_amount, 0, false, kInf, true, ">= 0") ||
        !optional(PositionField::Mark, row.mark, 0, true, kInf, true, "> 0"))
        return false;
    if (present(PositionField::Liquidation)) {
        const std::string_view s = trimmed(field(PositionField::Liquidation)->text);
        if (!equals_lower(s, "null") && !equals_lower(s, "none")) {
            if (!number(PositionField::Liquidation, 0, false, kInf, true, ">= 0, empty or null", row.liquidation))
                return false;
            if (row.liquidation == 0.0)
                row.liquidation = PositionRow::kAbsent; // exchanges report 0 for "no liquidation price"
        }
    }
    return true;
}

bool PositionRowParser::check_mode_needs(const PositionRow& row) {
    if (!std::isnan(row.maint_amount) && std::isnan(row.mmr))
        return error(field(PositionField::MaintAmount)->column, PositionField::MaintAmount, IssueCode::MissingValue,
                     "expected maint_margin_rate on a row that gives maint_amount, found none");
    if (row.cross) {
        if (std::isnan(row.collateral) && std::isnan(row.equity)) {
            const CsvField* f =
                field(PositionField::Collateral) ? field(PositionField::Collateral) : field(PositionField::Equity);
            return error(f ? f->column : 1, PositionField::Collateral, IssueCode::MissingValue,
                         "expected collateral or account_equity on a cross row, found neither");
        }
    } else if (std::isnan(row.leverage) && std::isnan(row.margin)) {
        const CsvField* f =
            field(PositionField::Leverage) ? field(PositionField::Leverage) : field(PositionField::Margin);
        return error(f ? f->column : 1,
                     header_.has(PositionField::Leverage) ? PositionField::Leverage : PositionField::Margin,
                     IssueCode::MissingValue, "expected leverage or margin on an isolated row, found neither");
    }
    return true;
}

bool PositionRowParser::present(PositionField f) const {
    const CsvField* at = field(f);
    return at && !trimmed(at->text).empty();
}

bool PositionRowParser::number(PositionField f, double lo, bool lo_open, double hi, bool hi_open,
                               const char* expectation, double& out) {
    const CsvField* at = field(f);
    const std::string_view text = trimmed(at->text);
    if (const auto v = parse_number(text)) {
        const double x = *v;
        const bool below = lo_open ? !(x > lo) : !(x >= lo);
        const bool above = hi_open ? !(x < hi) : !(x <= hi);
        if (below || above)
            return error(at->column, f, IssueCode::OutOfRange,
                         std::string("expected ") + position_field_name(f) + " " + expectation + ", found " +
                             quoted(text));
        out = x == 0.0 ? 0.0 : x; // fold -0 into 0
        return true;
    }
    const IssueCode code = bad_number_code(text);
    return error(at->column, f, code, explain_bad_number(text, code, position_field_name(f)));
}

bool PositionRowParser::error(std::size_t column, PositionField f, IssueCode code, std::string message) {
    issues_->push_back({Severity::Error, file_, line_, column, position_field_name(f), std::move(message), code});
    return false;
}

bool PositionRowParser::error(std::size_t column, IssueCode code, std::string message) {
    issues_->push_back({Severity::Error, file_, line_, column, "", std::move(message), code});
    return false;
}

} // namespace levex
