// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/PositionCsvReader.h"

#include "core/CsvTokenizer.h"
#include "core/NumberFormat.h"
#include "core/TextFile.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

namespace levex {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Col : int {
    ColId, ColAccount, ColSymbol, ColSide, ColSize, ColEntry, ColLeverage, ColMargin, ColMarginMode,
    ColCollateral, ColEquity, ColMmr, ColMaintAmount, ColMark, ColLiq, kColumns
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using NameIndex = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

std::string lower_trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view s) {
    constexpr std::size_t kMax = 40;
    std::string out = "'";
    out += s.size() > kMax ? std::string(s.substr(0, kMax)) + "…" : std::string(s);
    out += "'";
    return out;
}

class Reader {
public:
    Reader(std::string_view bytes, const std::string& file, const PositionCsvOptions& options,
           PositionCsvResult& result)
        : bytes_(bytes), file_(file), options_(options), result_(result), book_(result.book) {}

    void run();

private:
    struct Row {
        std::string_view id, account, symbol;
        int side = 0;
        double size = 0, entry = 0, leverage = kNaN, margin = kNaN, collateral = kNaN, equity = kNaN;
        double mmr = kNaN, maint_amount = kNaN, mark = kNaN, liq = kNaN;
        bool cross = false;
    };

    bool read_header(CsvTokenizer& tokenizer);
    // Parses one data row; false when it has an error (already reported).
    bool parse_row(const std::vector<CsvField>& fields, std::size_t data_row, Row& row);
    void commit(const Row& row, std::size_t line, std::size_t data_row);
    bool finish_accounts();
    bool net_one_way_positions();
    void drop_bad_accounts();

    const CsvField* field(const std::vector<CsvField>& fields, Col c) const {
        const int i = col_[c];
        return i >= 0 && std::size_t(i) < fields.size() ? &fields[std::size_t(i)] : nullptr;
    }
    bool present(const std::vector<CsvField>& fields, Col c) const {
        const CsvField* f = field(fields, c);
        return f && !trimmed(f->text).empty();
    }
    // Records an error at a field; in skip mode it also marks what is to be skipped.
    void error_at(std::size_t line, std::size_t column, Col c, std::string message);
    void notice(std::size_t line, std::string message, Severity severity = Severity::Notice) {
        result_.issues.push_back({severity, file_, line, 0, "", std::move(message)});
    }
    std::optional<double> number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open,
                                 double hi, bool hi_open, const char* expectation);
    std::uint32_t intern(NameIndex& index, std::vector<std::string>& names, std::string_view name,
                         bool& created);

    bool stop() const { return options_.policy == BadRowPolicy::Strict && failed_; }

    std::string_view bytes_;
    const std::string& file_;
    const PositionCsvOptions& options_;
    PositionCsvResult& result_;
    PositionBook& book_;

    int col_[kColumns];
    std::string col_header_[kColumns];
    bool failed_ = false;
    std::size_t line_ = 0;           // current row's line
    bool row_is_cross_ = false;      // the current row is a cross row (for skip decisions)
    std::string row_error_;          // the current row's first error, for the skipped list

    NameIndex accounts_, symbols_;
    NameIndex ids_;
    std::vector<double> account_equity_;
    std::vector<std::size_t> account_value_line_; // line that set the account's collateral/equity
    std::vector<std::size_t> symbol_mark_line_;
    std::size_t column_of_[kColumns + 1] = {};
    // Skip-bad-rows mode: accounts to drop whole (a cross row of theirs was bad) -> the reason.
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> bad_accounts_;
};

void Reader::error_at(std::size_t line, std::size_t column, Col c, std::string message) {
    failed_ = true;
    if (row_error_.empty())
        row_error_ = message;
    result_.issues.push_back(
        {Severity::Error, file_, line, column, c < kColumns ? position_columns()[c].name : "", std::move(message)});
}

std::optional<double> Reader::number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open,
                                     double hi, bool hi_open, const char* expectation) {
    const CsvField* f = field(fields, c);
    const std::string_view text = trimmed(f->text);
    const char* name = position_columns()[c].name;
    if (auto v = parse_finite(text)) {
        const double x = *v;
        const bool below = lo_open ? !(x > lo) : !(x >= lo);
        const bool above = hi_open ? !(x < hi) : !(x <= hi);
        if (below || above) {
            error_at(line_, f->column, c, std::string("expected ") + name + " " + expectation + ", found " + quoted(text));
            return std::nullopt;
        }
        return x == 0.0 ? 0.0 : x; // fold -0 into 0
    }
    std::string message;
    std::string lowered = lower_trimmed(text);
    double probe = 0.0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), probe);
    if (text.empty())
        message = std::string("expected a number for ") + name + ", found an empty field";
    else if (lowered.find("nan") != std::string::npos || lowered.find("inf") != std::string::npos)
        message = std::string("expected a finite number for ") + name + ", found " + quoted(text);
    else if (parsed.ec == std::errc::result_out_of_range)
        message = std::string("expected a number for ") + name + " within ±1.8e308, found " + quoted(text) + " (out of range)";
    else if (text.find(',') != std::string_view::npos && options_.delimiter != ',')
        message = std::string("expected a number with a '.' decimal point for ") + name + ", found " + quoted(text);
    else
        message = std::string("expected a number for ") + name + ", found " + quoted(text);
    error_at(line_, f->column, c, std::move(message));
    return std::nullopt;
}

std::uint32_t Reader::intern(NameIndex& index, std::vector<std::string>& names, std::string_view name,
                             bool& created) {
    if (auto it = index.find(name); it != index.end()) {
        created = false;
        return it->second;
    }
    const auto k = static_cast<std::uint32_t>(names.size());
    names.emplace_back(name);
    index.emplace(std::string(name), k);
    created = true;
    return k;
}

bool Reader::read_header(CsvTokenizer& tokenizer) {
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields)) {
        if (tokenizer.error())
            result_.issues.push_back(*tokenizer.error());
        else
            result_.issues.push_back({Severity::Error, file_, 1, 1, "", "expected a CSV header line, found only blank lines"});
        return false;
    }
    const std::size_t header_line = tokenizer.record_line();
    std::fill(std::begin(col_), std::end(col_), -1);
    const auto& columns = position_columns();

    // Overrides first: a mapped header name wins over the automatic match.
    std::vector<std::string> names;
    for (const CsvField& f : fields) {
        result_.header.emplace_back(f.text);
        names.push_back(lower_trimmed(f.text));
    }
    result_.column_fields.assign(fields.size(), "");
    std::vector<bool> taken(fields.size(), false);
    for (const auto& [field_name, header_name] : options_.column_overrides) {
        int c = -1;
        for (int k = 0; k < kColumns; ++k)
            if (field_name == columns[std::size_t(k)].name)
                c = k;
        if (c < 0)
            continue;
        col_[c] = -2; // explicitly mapped (or unmapped when not found below)
        const std::string wanted = lower_trimmed(header_name);
        if (wanted.empty())
            continue;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == wanted && !taken[i]) {
                col_[c] = int(i);
                taken[i] = true;
                break;
            }
    }
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (taken[i])
            continue;
        int match = -1;
        for (int k = 0; k < kColumns && match < 0; ++k) {
            const PositionColumn& pc = columns[std::size_t(k)];
            if (names[i] == pc.name)
                match = k;
            for (const char* alias : pc.aliases)
                if (names[i] == lower_trimmed(alias))
                    match = k;
        }
        if (match < 0) {
            unknown.push_back(std::string(fields[i].text));
            continue;
        }
        if (col_[match] == -2)
            continue; // the user mapped this field elsewhere (or to nothing)
        if (col_[match] >= 0) {
            result_.issues.push_back({Severity::Error, file_, header_line, fields[i].column, columns[std::size_t(match)].name,
                                      std::string("expected one column for ") + columns[std::size_t(match)].name +
                                          ", found it twice: " + quoted(fields[std::size_t(col_[match])].text) +
                                          " and " + quoted(fields[i].text)});
            return false;
        }
        col_[match] = int(i);
    }
    for (int k = 0; k < kColumns; ++k) {
        if (col_[k] == -2)
            col_[k] = -1;
        if (col_[k] >= 0) {
            result_.column_fields[std::size_t(col_[k])] = columns[std::size_t(k)].name;
            col_header_[k] = std::string(fields[std::size_t(col_[k])].text);
        }
    }
    for (int k = 0; k < kColumns; ++k) {
        const PositionColumn& pc = columns[std::size_t(k)];
        if (pc.required && col_[k] < 0) {
            std::string also;
            for (const char* a : pc.aliases)
                also += std::string(also.empty() ? " (or " : ", ") + a;
            if (!also.empty())
                also += ")";
            std::string found;
            for (const CsvField& f : fields)
                found += (found.empty() ? "" : ", ") + std::string(f.text);
            result_.issues.push_back({Severity::Error, file_, header_line, 1, pc.name,
                                      std::string("expected a column ") + pc.name + also + " in the header, found: " +
                                          found + (fields.size() == 1 ? " (one column: check the delimiter)" : "")});
            return false;
        }
    }
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& u : unknown)
            list += (list.empty() ? "" : ", ") + u;
        notice(header_line, "ignored unknown columns: " + list);
    }
    return true;
}

bool Reader::parse_row(const std::vector<CsvField>& fields, std::size_t data_row, Row& row) {
    const std::size_t expected = result_.header.size();
    row_is_cross_ = false;
    if (fields.size() < expected) {
        error_at(line_, 0, kColumns,
                 "expected " + std::to_string(expected) + " fields as in the header, found " +
                     std::to_string(fields.size()) + " (check the delimiter and quoting)");
        result_.issues.back().column = fields.empty() ? 1 : fields.back().column;
        return false;
    }
    if (fields.size() > expected) {
        error_at(line_, fields[expected].column, kColumns,
                 "expected " + std::to_string(expected) + " fields as in the header, found " +
                     std::to_string(fields.size()) + " (an unquoted delimiter inside a value?)");
        return false;
    }
    (void)data_row;
    for (int k = 0; k < kColumns; ++k)
        column_of_[k] = field(fields, Col(k)) ? field(fields, Col(k))->column : 1;
    column_of_[kColumns] = fields.empty() ? 1 : fields.front().column;

    // Mode first, so a bad value anywhere on a cross row can skip its whole account.
    if (present(fields, ColMarginMode)) {
        const std::string mode = lower_trimmed(field(fields, ColMarginMode)->text);
        if (mode == "cross")
            row.cross = true;
        else if (mode != "isolated") {
            error_at(line_, field(fields, ColMarginMode)->column, ColMarginMode,
                     "expected margin_mode isolated or cross, found " + quoted(trimmed(field(fields, ColMarginMode)->text)));
            return false;
        }
    }
    row_is_cross_ = row.cross;
    row.id = col_[ColId] >= 0 ? trimmed(field(fields, ColId)->text) : std::string_view();
    row.account = col_[ColAccount] >= 0 ? trimmed(field(fields, ColAccount)->text) : std::string_view();
    row.symbol = col_[ColSymbol] >= 0 ? trimmed(field(fields, ColSymbol)->text) : std::string_view();

    bool ok = true;
    if (present(fields, ColSide)) {
        const std::string s = lower_trimmed(field(fields, ColSide)->text);
        if (s == "long" || s == "buy" || s == "1" || s == "+1")
            row.side = 1;
        else if (s == "short" || s == "sell" || s == "-1")
            row.side = -1;
        else {
            error_at(line_, field(fields, ColSide)->column, ColSide,
                     "expected side long, short, buy, sell, 1 or -1, found " + quoted(trimmed(field(fields, ColSide)->text)));
            ok = false;
        }
    }
    if (ok) {
        const double inf = std::numeric_limits<double>::infinity();
        if (row.side != 0) {
            if (auto v = number(fields, ColSize, 0, true, inf, true, "> 0 when side is given (a signed size needs no side column)"))
                row.size = *v;
            else
                ok = false;
        } else if (auto v = number(fields, ColSize, -inf, true, inf, true, "")) {
            if (*v == 0.0) {
                error_at(line_, field(fields, ColSize)->column, ColSize,
                         "expected a non-zero signed size (its sign gives the side), found " +
                             quoted(trimmed(field(fields, ColSize)->text)));
                ok = false;
            } else {
                row.side = *v > 0 ? 1 : -1;
                row.size = std::abs(*v);
            }
        } else {
            ok = false;
        }
    }
    if (ok) {
        if (auto v = number(fields, ColEntry, 0, true, std::numeric_limits<double>::infinity(), true, "> 0"))
            row.entry = *v;
        else
            ok = false;
    }
    const double inf = std::numeric_limits<double>::infinity();
    auto optional_number = [&](Col c, double& out, double lo, bool lo_open, double hi, bool hi_open, const char* what) {
        if (!ok || !present(fields, c))
            return;
        if (auto v = number(fields, c, lo, lo_open, hi, hi_open, what))
            out = *v;
        else
            ok = false;
    };
    optional_number(ColLeverage, row.leverage, 0, true, inf, true, "> 0");
    optional_number(ColMargin, row.margin, 0, true, inf, true, "> 0");
    optional_number(ColCollateral, row.collateral, 0, false, inf, true, ">= 0");
    optional_number(ColEquity, row.equity, -inf, true, inf, true, "");
    optional_number(ColMmr, row.mmr, 0, false, 1, true, "in [0, 1)");
    optional_number(ColMaintAmount, row.maint_amount, 0, false, inf, true, ">= 0");
    optional_number(ColMark, row.mark, 0, true, inf, true, "> 0");
    if (ok && present(fields, ColLiq)) {
        const std::string s = lower_trimmed(field(fields, ColLiq)->text);
        if (s != "null" && s != "none") {
            optional_number(ColLiq, row.liq, 0, false, inf, true, ">= 0, empty or null");
            if (row.liq == 0.0)
                row.liq = kNaN; // exchanges report 0 for "no liquidation price"
        }
    }
    if (!ok)
        return false;
    if (!std::isnan(row.maint_amount) && std::isnan(row.mmr)) {
        error_at(line_, field(fields, ColMaintAmount)->column, ColMaintAmount,
                 "expected maint_margin_rate on a row that gives maint_amount, found none");
        return false;
    }
    if (row.cross) {
        if (std::isnan(row.collateral) && std::isnan(row.equity)) {
            const CsvField* f = field(fields, ColCollateral) ? field(fields, ColCollateral) : field(fields, ColEquity);
            error_at(line_, f ? f->column : 1, ColCollateral,
                     "expected collateral or account_equity on a cross row, found neither");
            return false;
        }
    } else if (std::isnan(row.leverage) && std::isnan(row.margin)) {
        const CsvField* f = field(fields, ColLeverage) ? field(fields, ColLeverage) : field(fields, ColMargin);
        error_at(line_, f ? f->column : 1, col_[ColLeverage] >= 0 ? ColLeverage : ColMargin,
                 "expected leverage or margin on an isolated row, found neither");
        return false;
    }
    return true;
}

void Reader::commit(const Row& row, std::size_t line, std::size_t data_row) {
    const std::string id = row.id.empty() ? std::to_string(data_row) : std::string(row.id);
    bool created = false;
    const std::uint32_t account = intern(accounts_, book_.account_names, row.account.empty() ? std::string_view(id) : row.account, created);
    if (created) {
        book_.account_collateral.push_back(kNaN);
        account_equity_.push_back(kNaN);
        account_value_line_.push_back(0);
    }
    const std::uint32_t symbol = intern(symbols_, book_.symbol_names, row.symbol.empty() ? std::string_view("DEFAULT") : row.symbol, created);
    if (created) {
        book_.symbol_mark.push_back(kNaN);
        symbol_mark_line_.push_back(0);
    }
    // Checks that need what earlier rows said.
    auto reject = [&](Col c, std::string message) { error_at(line, column_of_[c], c, std::move(message)); };
    if (col_[ColId] >= 0 && !row.id.empty()) {
        auto [it, inserted] = ids_.try_emplace(id, static_cast<std::uint32_t>(line));
        if (!inserted)
            return reject(ColId, "expected a unique id, found " + quoted(id) + " again (first on line " +
                                     std::to_string(it->second) + ")");
    }
    if (!std::isnan(row.mark)) {
        double& mark = book_.symbol_mark[symbol];
        if (std::isnan(mark)) {
            mark = row.mark;
            symbol_mark_line_[symbol] = line;
        } else if (mark != row.mark) {
            return reject(ColMark, "expected mark_price " + format_plain(mark) + " for " + book_.symbol_names[symbol] +
                                       " as on line " + std::to_string(symbol_mark_line_[symbol]) +
                                       " (one mark per symbol), found " + format_plain(row.mark));
        }
    }
    if (row.cross) {
        const bool by_collateral = !std::isnan(row.collateral);
        double& known = by_collateral ? book_.account_collateral[account] : account_equity_[account];
        const double given = by_collateral ? row.collateral : row.equity;
        const char* name = by_collateral ? "collateral" : "account_equity";
        if (std::isnan(known)) {
            if (account_value_line_[account] != 0)
                return reject(by_collateral ? ColCollateral : ColEquity,
                              std::string("expected the same kind of cross balance on every row of account ") +
                                  book_.account_names[account] + " (line " + std::to_string(account_value_line_[account]) +
                                  " gives the other of collateral/account_equity), found " + name);
            known = given;
            account_value_line_[account] = line;
        } else if (known != given) {
            return reject(by_collateral ? ColCollateral : ColEquity,
                          std::string("expected ") + name + " " + format_plain(known) + " for cross account " +
                              book_.account_names[account] + " as on line " + std::to_string(account_value_line_[account]) +
                              " (repeated on each cross row), found " + format_plain(given));
        }
    }

    double margin = 0.0, leverage = row.leverage;
    if (!row.cross) {
        const double notional = options_.contract.notional(row.size, row.entry);
        if (!std::isnan(row.margin)) {
            margin = row.margin;
            const double implied = notional / margin;
            if (!std::isnan(row.leverage) && std::abs(implied / row.leverage - 1.0) > 0.01)
                notice(line, "leverage " + format_plain(row.leverage) + " differs from size·entry/margin = " +
                                 format_plain(implied) + " by more than 1 %; the margin is used");
            leverage = implied;
        } else {
            margin = notional / row.leverage;
        }
    }
    book_.id.push_back(id);
    book_.account.push_back(account);
    book_.symbol.push_back(symbol);
    book_.side.push_back(static_cast<std::int8_t>(row.side));
    book_.size.push_back(row.size);
    book_.entry_price.push_back(row.entry);
    book_.margin.push_back(margin);
    book_.leverage.push_back(leverage);
    book_.mode.push_back(row.cross ? MarginMode::Cross : MarginMode::Isolated);
    book_.maint_margin_rate.push_back(row.mmr);
    book_.maint_amount.push_back(std::isnan(row.mmr) ? kNaN : (std::isnan(row.maint_amount) ? 0.0 : row.maint_amount));
    book_.exchange_liquidation_price.push_back(row.liq);
    book_.line.push_back(static_cast<std::uint32_t>(line));
}

void Reader::run() {
    if (auto bad = check_text_encoding(bytes_, file_)) {
        result_.issues.push_back(*bad);
        return;
    }
    const char delimiter = options_.delimiter ? options_.delimiter : detect_delimiter(bytes_);
    result_.delimiter = delimiter;
    CsvTokenizer tokenizer(bytes_, delimiter, file_);
    if (!read_header(tokenizer))
        return;

    const bool skip_mode = options_.policy == BadRowPolicy::SkipBadRows;
    std::vector<CsvField> fields;
    std::size_t data_row = 0;
    book_.reserve(std::min<std::size_t>(bytes_.size() / 48 + 16, options_.max_rows ? options_.max_rows : SIZE_MAX));
    while (!stop()) {
        if (options_.max_rows && data_row >= options_.max_rows)
            break;
        if (!tokenizer.next(fields)) {
            if (tokenizer.error()) {
                result_.issues.push_back(*tokenizer.error());
                failed_ = true;
                if (skip_mode) // the rest of the file cannot be split into rows reliably
                    result_.skipped.push_back({tokenizer.error()->line, "", "", "unreadable from here to the end: " + tokenizer.error()->message});
            }
            break;
        }
        ++data_row;
        line_ = tokenizer.record_line();
        if (options_.keep_raw_rows) {
            std::vector<std::string> raw;
            raw.reserve(fields.size());
            for (const CsvField& f : fields)
                raw.emplace_back(f.text);
            result_.raw_rows.push_back(std::move(raw));
            result_.raw_lines.push_back(line_);
        }
        if ((data_row & 0xFFFF) == 0 && options_.progress && !options_.progress(0.9 * tokenizer.progress())) {
            result_.cancelled = true;
            return;
        }
        row_error_.clear();
        Row row;
        if (parse_row(fields, data_row, row))
            commit(row, line_, data_row);
        if (row_error_.empty() || !skip_mode)
            continue;
        const std::string id = row.id.empty() ? std::to_string(data_row) : std::string(row.id);
        const std::string account = row.account.empty() ? id : std::string(row.account);
        result_.skipped.push_back({line_, id, account, row_error_});
        if (row_is_cross_)
            bad_accounts_.try_emplace(account, row_error_);
    }
    result_.rows_read = data_row;
    if (stop() || !finish_accounts() || !net_one_way_positions())
        return;
    drop_bad_accounts();
    if (options_.progress)
        options_.progress(1.0);
    result_.ok = !stop();
}

// Converts account_equity to a wallet balance, which needs every cross symbol's mark price.
bool Reader::finish_accounts() {
    std::vector<double> upnl(book_.accounts(), 0.0);
    std::vector<std::size_t> missing_mark(book_.accounts(), PositionBook::npos);
    for (std::size_t i = 0; i < book_.positions(); ++i) {
        if (book_.mode[i] != MarginMode::Cross || std::isnan(account_equity_[book_.account[i]]))
            continue;
        const double mark = book_.symbol_mark[book_.symbol[i]];
        if (std::isnan(mark)) {
            if (missing_mark[book_.account[i]] == PositionBook::npos)
                missing_mark[book_.account[i]] = i;
            continue;
        }
        upnl[book_.account[i]] += options_.contract.pnl(book_.side[i], book_.size[i], book_.entry_price[i], mark);
    }
    for (std::size_t a = 0; a < book_.accounts(); ++a) {
        if (std::isnan(account_equity_[a]) || bad_accounts_.count(book_.account_names[a]))
            continue;
        if (missing_mark[a] != PositionBook::npos) {
            const std::size_t i = missing_mark[a];
            line_ = book_.line[i];
            row_error_.clear();
            error_at(line_, 0, ColEquity,
                     "expected a mark_price for " + book_.symbol_names[book_.symbol[i]] +
                         " to turn account_equity into a wallet balance (wallet = equity - unrealised PnL), found none");
            if (options_.policy == BadRowPolicy::Strict)
                return false;
            bad_accounts_.try_emplace(book_.account_names[a], row_error_);
            continue;
        }
        book_.account_collateral[a] = account_equity_[a] - upnl[a];
    }
    return true;
}

// One-way mode: an account holds at most one position per symbol, so rows of the same account and
// symbol are netted (hedged long+short rows, or a position split over rows).
bool Reader::net_one_way_positions() {
    const std::size_t n = book_.positions();
    std::unordered_map<std::uint64_t, std::uint32_t> first;
    first.reserve(n);
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> groups; // first row -> all rows
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t key = (std::uint64_t(book_.account[i]) << 32) | book_.symbol[i];
        auto [it, inserted] = first.try_emplace(key, static_cast<std::uint32_t>(i));
        if (!inserted) {
            auto& rows = groups[it->second];
            if (rows.empty())
                rows.push_back(it->second);
            rows.push_back(static_cast<std::uint32_t>(i));
        }
    }
    if (groups.empty())
        return true;
    std::vector<std::uint32_t> heads;
    for (const auto& [head, rows] : groups)
        heads.push_back(head);
    std::sort(heads.begin(), heads.end());
    std::vector<std::uint8_t> keep(n, 1);
    for (std::uint32_t head : heads) {
        const std::vector<std::uint32_t>& rows = groups[head];
        const std::string& account = book_.account_names[book_.account[head]];
        const std::string& symbol = book_.symbol_names[book_.symbol[head]];
        std::string lines;
        for (std::uint32_t r : rows)
            lines += (lines.empty() ? "" : ", ") + std::to_string(book_.line[r]);
        for (std::uint32_t r : rows)
            if (book_.mode[r] != book_.mode[head]) {
                line_ = book_.line[r];
                row_error_.clear();
                error_at(line_, column_of_[ColMarginMode], ColMarginMode,
                         "expected one margin_mode for account " + account + " in " + symbol +
                             " (one-way positions are netted), found isolated and cross (lines " + lines + ")");
                if (options_.policy == BadRowPolicy::Strict)
                    return false;
                bad_accounts_.try_emplace(account, row_error_);
                break;
            }
        if (bad_accounts_.count(account))
            continue;
        double net = 0.0;
        for (std::uint32_t r : rows)
            net += book_.side[r] * book_.size[r];
        for (std::uint32_t r : rows)
            keep[r] = 0;
        if (net == 0.0) {
            notice(book_.line[head], "netted the rows of account " + account + " in " + symbol + " (lines " + lines +
                                         ") to zero: no position left");
            continue;
        }
        const int side = net > 0 ? 1 : -1;
        double qty = 0.0, margin = 0.0, weight = 0.0; // weight: Σ size·entry (linear) or Σ size/entry (inverse)
        std::uint32_t survivor = UINT32_MAX;
        for (std::uint32_t r : rows) {
            if (book_.side[r] != side)
                continue;
            if (survivor == UINT32_MAX)
                survivor = r;
            qty += book_.size[r];
            margin += book_.margin[r];
            weight += options_.contract.inverse ? book_.size[r] / book_.entry_price[r] : book_.size[r] * book_.entry_price[r];
        }
        const double remaining = std::abs(net);
        const std::uint32_t s = survivor;
        book_.entry_price[s] = options_.contract.inverse ? qty / weight : weight / qty;
        book_.size[s] = remaining;
        book_.margin[s] = margin * remaining / qty;
        if (book_.mode[s] == MarginMode::Isolated)
            book_.leverage[s] = options_.contract.notional(remaining, book_.entry_price[s]) / book_.margin[s];
        book_.exchange_liquidation_price[s] = kNaN; // the exchange's figure was for rows that no longer exist
        keep[s] = 1;
        notice(book_.line[head], "netted " + std::to_string(rows.size()) + " rows of account " + account + " in " + symbol +
                                     " (lines " + lines + ") into one " + (side > 0 ? "long" : "short") + " of " +
                                     format_plain(remaining) + " (id " + book_.id[s] +
                                     "): positions are one-way");
    }
    book_.filter(keep);
    return true;
}

void Reader::drop_bad_accounts() {
    if (bad_accounts_.empty())
        return;
    std::vector<std::uint8_t> keep(book_.positions(), 1);
    bool any = false;
    for (std::size_t i = 0; i < book_.positions(); ++i) {
        const std::string& account = book_.account_names[book_.account[i]];
        if (auto it = bad_accounts_.find(account); it != bad_accounts_.end()) {
            keep[i] = 0;
            any = true;
            result_.skipped.push_back({book_.line[i], book_.id[i], account,
                                       "account " + account + " skipped whole (a cross row of it is bad): " + it->second});
        }
    }
    if (any)
        book_.filter(keep);
}

} // namespace

const std::vector<PositionColumn>& position_columns() {
    static const std::vector<PositionColumn> columns = {
        {"id", {}, false, "position identifier (text); default: the row number"},
        {"account", {"user", "address"}, false, "owner; default: the id"},
        {"symbol", {"coin", "market"}, false, "instrument; default: DEFAULT"},
        {"side", {}, false, "long/short, buy/sell, 1/-1; without it the size is signed"},
        {"size", {"qty", "szi"}, true, "base units (contracts for inverse)"},
        {"entry_price", {"entry", "entryPx"}, true, "average entry price, > 0"},
        {"leverage", {}, false, "initial leverage (isolated rows need leverage or margin)"},
        {"margin", {"marginUsed", "isolated_margin"}, false, "isolated margin; wins over leverage"},
        {"margin_mode", {}, false, "isolated (default) or cross"},
        {"collateral", {"wallet_balance", "cross_wallet"}, false, "cross wallet balance, repeated on each cross row"},
        {"account_equity", {"accountValue"}, false, "wallet + unrealised PnL at mark (alternative to collateral)"},
        {"maint_margin_rate", {"mmr"}, false, "explicit maintenance rate, 0 <= mmr < 1; default: venue tiers"},
        {"maint_amount", {"cum"}, false, "maintenance amount (tier deduction), with maint_margin_rate"},
        {"mark_price", {"markPx"}, false, "the symbol's mark price at snapshot time"},
        {"liquidation_price", {"liquidationPx"}, false, "the exchange's own figure, shown beside the computed one"},
    };
    return columns;
}

const Issue* PositionCsvResult::first_error() const {
    for (const Issue& issue : issues)
        if (issue.severity == Severity::Error)
            return &issue;
    return nullptr;
}

PositionCsvResult parse_positions_csv(std::string_view bytes, const std::string& file, const PositionCsvOptions& options) {
    PositionCsvResult result;
    result.book.source = file;
    Reader reader(bytes, file, options, result);
    reader.run();
    if (!result.ok) { // nothing is half-imported
        result.book = PositionBook();
        result.book.source = file;
    }
    return result;
}

PositionCsvResult read_positions_csv(const std::string& path, const PositionCsvOptions& options) {
    const std::string bytes = read_text_file(path);
    return parse_positions_csv(bytes, path, options);
}

} // namespace levex
