// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionCsvReader.h"

#include "core/base/FlatHashIndex.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/base/VectorUnitState.h"
#include "core/io/CsvTokenizer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace levex {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Col : int {
    ColId,
    ColAccount,
    ColSymbol,
    ColSide,
    ColSize,
    ColEntry,
    ColLeverage,
    ColMargin,
    ColMarginMode,
    ColCollateral,
    ColEquity,
    ColMmr,
    ColMaintAmount,
    ColMark,
    ColLiq,
    kColumns
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Ids and account names are short: mixing whole 8-byte words is several times faster than the
// standard library's byte-wise hash, and FlatHashIndex needs only well-spread bits.
// The columns commit() and netting point errors at: a staged row carries only these.
constexpr Col kStagedColumns[] = {ColId, ColMark, ColCollateral, ColEquity, ColMarginMode};

std::uint64_t hash_text(std::string_view s) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        h = FlatHashIndex::mix(h ^ word);
    }
    if (n > 0) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, n);
        h = FlatHashIndex::mix(h ^ word);
    }
    return FlatHashIndex::mix(h);
}

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
    if (s.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut; // never cut a UTF-8 character in half
        out += std::string(s.substr(0, cut)) + "…";
    } else {
        out += s;
    }
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

    // A row parsed on the pipeline's parsing thread, waiting for commit on the reading thread.
    struct StagedRow {
        Row row;
        std::uint32_t line = 0;
        std::uint32_t columns[5] = {};                // column_of_ of the fields commit() may point at (kStagedColumns)
        std::uint32_t issue_begin = 0, issue_end = 0; // its errors in the block's issue list
        std::uint64_t id_hash = 0, account_hash = 0;
        bool ok = false, cross = false;
    };
    struct Block {
        std::vector<StagedRow> rows;
        std::vector<Issue> issues;
        std::deque<std::string> arena; // text unescaped from doubled quotes, which the tokenizer reuses
        double progress = 0.0;
        bool last = false;
        std::optional<Issue> tokenizer_error;
    };

    bool read_header(CsvTokenizer& tokenizer);
    void read_rows_sequentially(CsvTokenizer& tokenizer, std::size_t& data_row);
    void read_rows_pipelined(CsvTokenizer& tokenizer, std::size_t& data_row);
    // After a row was parsed and committed (or not): the skip-mode bookkeeping of its error.
    void after_row(const Row& row, std::size_t data_row);
    void report_syntax_error(const Issue& error);
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
    std::optional<double> number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open, double hi,
                                 bool hi_open, const char* expectation);
    std::uint32_t intern(FlatHashIndex& index, std::vector<std::string>& names, std::string_view name, bool& created);

    bool stop() const { return options_.policy == BadRowPolicy::Strict && failed_; }

    std::string_view bytes_;
    const std::string& file_;
    const PositionCsvOptions& options_;
    PositionCsvResult& result_;
    PositionBook& book_;

    int col_[kColumns];
    bool failed_ = false;
    std::size_t line_ = 0;           // current row's line
    std::size_t row_end_column_ = 0; // column just past the current row's last field
    bool row_is_cross_ = false;      // the current row is a cross row (for skip decisions)
    std::string row_error_;          // the current row's first error, for the skipped list

    FlatHashIndex accounts_, symbols_;
    FlatHashIndex ids_; // over book_.id: rows committed so far
    std::vector<double> account_equity_;
    std::vector<std::size_t> account_value_line_; // line that set the account's collateral/equity
    std::vector<std::size_t> account_value_column_;
    std::vector<std::size_t> symbol_mark_line_;
    std::vector<std::uint32_t> mode_column_; // per position: column of its margin_mode field
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

std::optional<double> Reader::number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open, double hi,
                                     bool hi_open, const char* expectation) {
    const CsvField* f = field(fields, c);
    const std::string_view text = trimmed(f->text);
    const char* name = position_columns()[c].name;
    if (auto v = parse_finite(text)) {
        const double x = *v;
        const bool below = lo_open ? !(x > lo) : !(x >= lo);
        const bool above = hi_open ? !(x < hi) : !(x <= hi);
        if (below || above) {
            error_at(line_, f->column, c,
                     std::string("expected ") + name + " " + expectation + ", found " + quoted(text));
            return std::nullopt;
        }
        return x == 0.0 ? 0.0 : x; // fold -0 into 0
    }
    std::string message;
    // Why the text is not a finite number: nan/inf, out of range, a decimal comma, or not a number.
    std::string_view unsigned_text = text;
    if (!unsigned_text.empty() && (unsigned_text.front() == '+' || unsigned_text.front() == '-'))
        unsigned_text.remove_prefix(1);
    const std::string word = lower_trimmed(unsigned_text);
    double probe = 0.0;
    const auto parsed = std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), probe);
    const bool whole = parsed.ptr == unsigned_text.data() + unsigned_text.size();
    if (text.empty()) {
        message = std::string("expected a number for ") + name + ", found an empty field";
    } else if (word == "nan" || word == "inf" || word == "infinity") {
        message = std::string("expected a finite number for ") + name + ", found " + quoted(text);
    } else if (parsed.ec == std::errc::result_out_of_range && whole) {
        const std::size_t e = word.find('e');
        const bool tiny = e != std::string::npos && e + 1 < word.size() && word[e + 1] == '-';
        message = tiny ? std::string("expected a number for ") + name + ", found " + quoted(text) +
                             " (too close to zero to represent)"
                       : std::string("expected a number for ") + name + " within ±1.8e308, found " + quoted(text) +
                             " (out of range)";
    } else if (text.find(',') != std::string_view::npos) {
        message = std::string("expected a number for ") + name +
                  " with a '.' decimal point and no thousands separators, found " + quoted(text);
    } else {
        message = std::string("expected a number for ") + name + ", found " + quoted(text);
    }
    error_at(line_, f->column, c, std::move(message));
    return std::nullopt;
}

std::uint32_t Reader::intern(FlatHashIndex& index, std::vector<std::string>& names, std::string_view name,
                             bool& created) {
    // Rows of one account (or symbol) often follow each other: check the last one first.
    if (!names.empty() && names.back() == name) {
        created = false;
        return static_cast<std::uint32_t>(names.size() - 1);
    }
    const std::uint64_t hash = hash_text(name);
    const std::uint32_t found = index.find(hash, [&](std::uint32_t k) { return names[k] == name; });
    created = found == FlatHashIndex::kNone;
    if (!created)
        return found;
    const auto k = static_cast<std::uint32_t>(names.size());
    names.emplace_back(name);
    index.insert(hash, k);
    return k;
}

bool Reader::read_header(CsvTokenizer& tokenizer) {
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields)) {
        if (tokenizer.error())
            result_.issues.push_back(*tokenizer.error());
        else
            result_.issues.push_back(
                {Severity::Error, file_, 1, 1, "", "expected a CSV header line, found only blank lines"});
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
    auto header_list = [&] {
        std::vector<std::string> header;
        for (const CsvField& f : fields)
            header.emplace_back(f.text);
        return summarize_header(header);
    };
    auto column_named = [&](const std::string& lowered) {
        for (int k = 0; k < kColumns; ++k) {
            const PositionColumn& pc = columns[std::size_t(k)];
            if (lowered == pc.name)
                return k;
            for (const char* alias : pc.aliases)
                if (lowered == lower_trimmed(alias))
                    return k;
        }
        return -1;
    };
    std::vector<int> taken(fields.size(), -1); // header column -> the field an override mapped to it
    bool overridden[kColumns] = {};
    for (const auto& [field_name, header_name] : options_.column_overrides) {
        const int c = column_named(lower_trimmed(field_name));
        if (c < 0) {
            std::string all;
            for (const PositionColumn& pc : columns)
                all += std::string(all.empty() ? "" : ", ") + pc.name;
            result_.issues.push_back(
                {Severity::Error, file_, 0, 0, "",
                 "expected a column override for one of " + all + ", found " + quoted(field_name)});
            return false;
        }
        const char* name = columns[std::size_t(c)].name;
        overridden[c] = true; // mapped to the named column, or unmapped when the name is empty
        const std::string wanted = lower_trimmed(header_name);
        if (wanted.empty())
            continue;
        const auto it = std::find(names.begin(), names.end(), wanted);
        if (it == names.end()) {
            result_.issues.push_back({Severity::Error, file_, header_line, 1, name,
                                      "expected a column " + quoted(header_name) + " in the header (mapped to " + name +
                                          "), found: " + header_list()});
            return false;
        }
        const std::size_t i = std::size_t(it - names.begin());
        if (taken[i] >= 0) {
            result_.issues.push_back({Severity::Error, file_, header_line, fields[i].column, name,
                                      "expected each column mapped to one field, found " + quoted(fields[i].text) +
                                          " mapped to " + columns[std::size_t(taken[i])].name + " and " + name});
            return false;
        }
        col_[c] = int(i);
        taken[i] = c;
    }
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (taken[i] >= 0)
            continue;
        const int match = column_named(names[i]);
        if (match < 0) {
            unknown.push_back(std::string(fields[i].text));
            continue;
        }
        if (overridden[match])
            continue; // the user mapped this field to another column (or to nothing)
        if (col_[match] >= 0) {
            result_.issues.push_back(
                {Severity::Error, file_, header_line, fields[i].column, columns[std::size_t(match)].name,
                 std::string("expected one column for ") + columns[std::size_t(match)].name + ", found it twice: " +
                     quoted(fields[std::size_t(col_[match])].text) + " and " + quoted(fields[i].text)});
            return false;
        }
        col_[match] = int(i);
    }
    for (int k = 0; k < kColumns; ++k) {
        if (col_[k] >= 0) {
            result_.column_fields[std::size_t(col_[k])] = columns[std::size_t(k)].name;
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
            result_.issues.push_back({Severity::Error, file_, header_line, 1, pc.name,
                                      std::string("expected a column ") + pc.name + also + " in the header" +
                                          (overridden[k] ? " (a column override unmaps it)" : "") +
                                          ", found: " + header_list() +
                                          (fields.size() == 1 ? " (one column: check the delimiter)" : "")});
            return false;
        }
    }
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& u : unknown)
            list += (list.empty() ? "" : ", ") + quoted(u);
        notice(header_line, "ignored unknown columns: " + list);
    }
    return true;
}

bool Reader::parse_row(const std::vector<CsvField>& fields, std::size_t data_row, Row& row) {
    const std::size_t expected = result_.header.size();
    row_is_cross_ = false;
    if (fields.size() < expected) { // point just past the last field, where the next one is missing
        error_at(line_, row_end_column_, kColumns,
                 "expected " + std::to_string(expected) + " fields as in the header, found " +
                     std::to_string(fields.size()) + " (check the delimiter and quoting)");
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

    row.id = col_[ColId] >= 0 ? trimmed(field(fields, ColId)->text) : std::string_view();
    row.account = col_[ColAccount] >= 0 ? trimmed(field(fields, ColAccount)->text) : std::string_view();
    row.symbol = col_[ColSymbol] >= 0 ? trimmed(field(fields, ColSymbol)->text) : std::string_view();

    // Mode first, so a bad value anywhere on a cross row can skip its whole account.
    if (present(fields, ColMarginMode)) {
        const std::string mode = lower_trimmed(field(fields, ColMarginMode)->text);
        if (mode == "cross")
            row.cross = true;
        else if (mode != "isolated") {
            error_at(line_, field(fields, ColMarginMode)->column, ColMarginMode,
                     "expected margin_mode isolated or cross, found " +
                         quoted(trimmed(field(fields, ColMarginMode)->text)));
            return false;
        }
    }
    row_is_cross_ = row.cross;

    bool ok = true;
    if (present(fields, ColSide)) {
        const std::string s = lower_trimmed(field(fields, ColSide)->text);
        if (s == "long" || s == "buy" || s == "1" || s == "+1")
            row.side = 1;
        else if (s == "short" || s == "sell" || s == "-1")
            row.side = -1;
        else {
            error_at(line_, field(fields, ColSide)->column, ColSide,
                     "expected side long, short, buy, sell, 1 or -1, found " +
                         quoted(trimmed(field(fields, ColSide)->text)));
            ok = false;
        }
    }
    if (ok) {
        const double inf = std::numeric_limits<double>::infinity();
        if (row.side != 0) {
            if (auto v = number(fields, ColSize, -inf, true, inf, true, "")) {
                if (*v > 0.0) {
                    row.size = *v;
                } else {
                    error_at(line_, field(fields, ColSize)->column, ColSize,
                             "expected size > 0 when side is given, found " +
                                 quoted(trimmed(field(fields, ColSize)->text)) +
                                 (*v < 0.0 ? " (a signed size needs no side column)" : ""));
                    ok = false;
                }
            } else {
                ok = false;
            }
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
    std::string id = row.id.empty() ? std::to_string(data_row) : std::string(row.id);
    bool created = false;
    const std::uint32_t account =
        intern(accounts_, book_.account_names, row.account.empty() ? std::string_view(id) : row.account, created);
    if (created) {
        book_.account_collateral.push_back(kNaN);
        account_equity_.push_back(kNaN);
        account_value_line_.push_back(0);
        account_value_column_.push_back(0);
    }
    const std::uint32_t symbol =
        intern(symbols_, book_.symbol_names, row.symbol.empty() ? std::string_view("DEFAULT") : row.symbol, created);
    if (created) {
        book_.symbol_mark.push_back(kNaN);
        symbol_mark_line_.push_back(0);
    }
    // Checks that need what earlier rows said; nothing is recorded until the row has passed them all.
    auto reject = [&](Col c, std::string message) { error_at(line, column_of_[c], c, std::move(message)); };
    const std::uint64_t id_hash = hash_text(id);
    if (col_[ColId] >= 0) {
        const std::uint32_t twin = ids_.find(id_hash, [&](std::uint32_t k) { return book_.id[k] == id; });
        if (twin != FlatHashIndex::kNone)
            return reject(ColId, "expected a unique id, found " + quoted(id) + " again (first on line " +
                                     std::to_string(book_.line[twin]) + ")");
    }
    const double known_mark = book_.symbol_mark[symbol];
    if (!std::isnan(row.mark) && !std::isnan(known_mark) && known_mark != row.mark)
        return reject(ColMark, "expected mark_price " + format_plain(known_mark) + " for " +
                                   book_.symbol_names[symbol] + " as on line " +
                                   std::to_string(symbol_mark_line_[symbol]) + " (one mark per symbol), found " +
                                   format_plain(row.mark));
    const bool by_collateral = !std::isnan(row.collateral);
    if (row.cross) {
        const double known = by_collateral ? book_.account_collateral[account] : account_equity_[account];
        const double given = by_collateral ? row.collateral : row.equity;
        const char* name = by_collateral ? "collateral" : "account_equity";
        if (std::isnan(known) && account_value_line_[account] != 0)
            return reject(by_collateral ? ColCollateral : ColEquity,
                          std::string("expected the same kind of cross balance on every row of account ") +
                              book_.account_names[account] + " (line " + std::to_string(account_value_line_[account]) +
                              " gives the other of collateral/account_equity), found " + name);
        if (!std::isnan(known) && known != given)
            return reject(by_collateral ? ColCollateral : ColEquity,
                          std::string("expected ") + name + " " + format_plain(known) + " for cross account " +
                              book_.account_names[account] + " as on line " +
                              std::to_string(account_value_line_[account]) + " (repeated on each cross row), found " +
                              format_plain(given));
    }
    if (!std::isnan(row.mark) && std::isnan(known_mark)) {
        book_.symbol_mark[symbol] = row.mark;
        symbol_mark_line_[symbol] = line;
    }
    if (row.cross && account_value_line_[account] == 0) {
        (by_collateral ? book_.account_collateral[account] : account_equity_[account]) =
            by_collateral ? row.collateral : row.equity;
        account_value_line_[account] = line;
        account_value_column_[account] = column_of_[by_collateral ? ColCollateral : ColEquity];
    }

    double margin = 0.0, leverage = row.leverage;
    if (!row.cross) {
        const double notional = options_.contract.notional(row.size, row.entry);
        if (!std::isnan(row.margin)) {
            margin = row.margin;
            const double implied = notional / margin;
            if (!std::isnan(row.leverage) && std::abs(implied / row.leverage - 1.0) > 0.01)
                notice(line, "leverage " + format_plain(row.leverage) +
                                 " differs by more than 1 % from notional/margin = " + format_plain(implied) +
                                 "; the margin is used");
            leverage = implied;
        } else {
            margin = notional / row.leverage;
        }
    }
    book_.id.push_back(std::move(id));
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
    if (col_[ColId] >= 0)
        ids_.insert(id_hash, static_cast<std::uint32_t>(book_.id.size() - 1));
    mode_column_.push_back(static_cast<std::uint32_t>(column_of_[ColMarginMode]));
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

    std::size_t data_row = 0;
    const std::size_t expected_rows =
        std::min<std::size_t>(bytes_.size() / 48 + 16, options_.max_rows ? options_.max_rows : SIZE_MAX);
    book_.reserve(expected_rows);
    accounts_ = FlatHashIndex(expected_rows);
    if (col_[ColId] >= 0)
        ids_ = FlatHashIndex(expected_rows);
    mode_column_.reserve(expected_rows);

    // Large files parse on a second thread while this one commits: the two halves of the work overlap.
    const bool pipelined = bytes_.size() > (8u << 20) && options_.max_rows == 0 && !options_.keep_raw_rows;
    if (pipelined)
        read_rows_pipelined(tokenizer, data_row);
    else
        read_rows_sequentially(tokenizer, data_row);
    if (result_.cancelled)
        return;
    result_.rows_read = data_row;
    if (stop() || !finish_accounts() || !net_one_way_positions())
        return;
    drop_bad_accounts();
    if (!result_.skipped.empty()) {
        // Rows rejected after their account or symbol was registered can leave names without positions.
        std::vector<std::uint8_t> account_used(book_.accounts(), 0), symbol_used(book_.symbols(), 0);
        for (std::size_t i = 0; i < book_.positions(); ++i) {
            account_used[book_.account[i]] = 1;
            symbol_used[book_.symbol[i]] = 1;
        }
        if (std::count(account_used.begin(), account_used.end(), 0) +
            std::count(symbol_used.begin(), symbol_used.end(), 0))
            book_.filter(std::vector<std::uint8_t>(book_.positions(), 1));
        std::stable_sort(result_.skipped.begin(), result_.skipped.end(),
                         [](const SkippedRow& a, const SkippedRow& b) { return a.line < b.line; });
    }
    if (options_.progress)
        options_.progress(1.0);
    result_.ok = !stop();
}

void Reader::read_rows_sequentially(CsvTokenizer& tokenizer, std::size_t& data_row) {
    // One record of lookahead: while row i is checked and stored, row i+1's hash slots are already
    // being fetched from memory (the account and id indexes outgrow the caches on large books).
    struct Record {
        std::vector<CsvField> fields;
        std::size_t line = 0, end_column = 0;
    };
    Record records[2];
    auto fetch = [&](Record& r) {
        for (;;) {
            if (!tokenizer.next(r.fields))
                return false;
            // A row of empty fields (",,,," as spreadsheets write after the data) is a blank line.
            if (std::all_of(r.fields.begin(), r.fields.end(),
                            [](const CsvField& f) { return trimmed(f.text).empty(); }))
                continue;
            r.line = tokenizer.record_line();
            r.end_column = tokenizer.record_end_column();
            if (r.fields.size() == result_.header.size()) {
                if (col_[ColAccount] >= 0)
                    accounts_.prefetch(hash_text(trimmed(r.fields[std::size_t(col_[ColAccount])].text)));
                if (col_[ColId] >= 0)
                    ids_.prefetch(hash_text(trimmed(r.fields[std::size_t(col_[ColId])].text)));
            }
            return true;
        }
    };
    bool have = fetch(records[0]);
    for (unsigned cur = 0; have && !stop(); cur ^= 1u) {
        if (options_.max_rows && data_row >= options_.max_rows)
            break;
        const bool have_next = !(options_.max_rows && data_row + 1 >= options_.max_rows) && fetch(records[cur ^ 1u]);
        const std::vector<CsvField>& fields = records[cur].fields;
        ++data_row;
        line_ = records[cur].line;
        row_end_column_ = records[cur].end_column;
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
        have = have_next;
        after_row(row, data_row);
    }
    if (!result_.cancelled && !stop() && tokenizer.error() && !(options_.max_rows && data_row >= options_.max_rows))
        report_syntax_error(*tokenizer.error());
}

// The tokenizer stopped on a syntax error: the rest of the file cannot be split into rows reliably.
void Reader::report_syntax_error(const Issue& error) {
    result_.issues.push_back(error);
    failed_ = true;
    if (options_.policy == BadRowPolicy::SkipBadRows)
        result_.skipped.push_back({error.line, "", "", "unreadable from here to the end: " + error.message});
}

void Reader::after_row(const Row& row, std::size_t data_row) {
    if (row_error_.empty() || options_.policy != BadRowPolicy::SkipBadRows)
        return;
    const std::string id = row.id.empty() ? std::to_string(data_row) : std::string(row.id);
    const std::string account = row.account.empty() ? id : std::string(row.account);
    result_.skipped.push_back({line_, id, account, row_error_});
    if (row_is_cross_)
        bad_accounts_.try_emplace(account, row_error_);
}

void Reader::read_rows_pipelined(CsvTokenizer& tokenizer, std::size_t& data_row) {
    constexpr std::size_t kBlockRows = 16384, kQueued = 3;
    // The parsing thread's own reader: the same header, its own row state and issue list.
    PositionCsvResult scratch;
    scratch.header = result_.header;
    Reader parser(bytes_, file_, options_, scratch);
    std::copy(std::begin(col_), std::end(col_), std::begin(parser.col_));

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Block> queue, spare; // spare: blocks the reading thread is done with, for reuse
    bool stop_parsing = false;
    const char* const begin = bytes_.data();
    const char* const end = begin + bytes_.size();

    std::thread producer([&] {
        std::vector<CsvField> fields;
        bool more = true;
        while (more) {
            Block block;
            {
                std::lock_guard lock(mutex);
                if (!spare.empty()) {
                    block = std::move(spare.front());
                    spare.pop_front();
                }
            }
            block.rows.clear();
            block.issues.clear();
            block.arena.clear();
            block.rows.reserve(kBlockRows);
            while (block.rows.size() < kBlockRows) {
                if (!tokenizer.next(fields)) {
                    more = false;
                    block.last = true;
                    block.tokenizer_error = tokenizer.error();
                    break;
                }
                if (std::all_of(fields.begin(), fields.end(),
                                [](const CsvField& f) { return trimmed(f.text).empty(); }))
                    continue;
                StagedRow& staged = block.rows.emplace_back();
                parser.line_ = tokenizer.record_line();
                parser.row_end_column_ = tokenizer.record_end_column();
                parser.row_error_.clear();
                staged.line = static_cast<std::uint32_t>(parser.line_);
                staged.issue_begin = static_cast<std::uint32_t>(block.issues.size());
                staged.ok = parser.parse_row(fields, 0, staged.row);
                staged.cross = parser.row_is_cross_;
                for (Issue& issue : scratch.issues)
                    block.issues.push_back(std::move(issue));
                scratch.issues.clear();
                staged.issue_end = static_cast<std::uint32_t>(block.issues.size());
                for (std::size_t k = 0; k < std::size(kStagedColumns); ++k)
                    staged.columns[k] = static_cast<std::uint32_t>(parser.column_of_[kStagedColumns[k]]);
                // Text unescaped into the tokenizer's scratch must outlive the next records.
                for (std::string_view* text : {&staged.row.id, &staged.row.account, &staged.row.symbol})
                    if (!text->empty() && (text->data() < begin || text->data() >= end))
                        *text = block.arena.emplace_back(*text);
                staged.id_hash = hash_text(staged.row.id);
                staged.account_hash = hash_text(staged.row.account);
            }
            block.progress = tokenizer.progress();
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return queue.size() < kQueued || stop_parsing; });
            if (stop_parsing)
                return;
            queue.push_back(std::move(block));
            changed.notify_all();
        }
    });

    const bool use_ids = col_[ColId] >= 0, use_accounts = col_[ColAccount] >= 0;
    for (bool done = false; !done && !stop();) {
        Block block;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return !queue.empty(); });
            block = std::move(queue.front());
            queue.pop_front();
            changed.notify_all();
        }
        done = block.last;
        for (std::size_t j = 0; j < block.rows.size() && !stop(); ++j) {
            if (j + 2 < block.rows.size()) { // start loading the index slots two rows ahead
                if (use_accounts)
                    accounts_.prefetch(block.rows[j + 2].account_hash);
                if (use_ids)
                    ids_.prefetch(block.rows[j + 2].id_hash);
            }
            const StagedRow& staged = block.rows[j];
            ++data_row;
            line_ = staged.line;
            if ((data_row & 0xFFFF) == 0 && options_.progress && !options_.progress(0.9 * block.progress)) {
                result_.cancelled = true;
                break;
            }
            row_error_.clear();
            row_is_cross_ = staged.cross;
            if (staged.ok) {
                for (std::size_t k = 0; k < std::size(kStagedColumns); ++k)
                    column_of_[kStagedColumns[k]] = staged.columns[k];
                commit(staged.row, line_, data_row);
            } else {
                failed_ = true;
                for (std::uint32_t i = staged.issue_begin; i < staged.issue_end; ++i) {
                    if (row_error_.empty())
                        row_error_ = block.issues[i].message;
                    result_.issues.push_back(std::move(block.issues[i]));
                }
            }
            after_row(staged.row, data_row);
        }
        if (result_.cancelled)
            break;
        if (done && block.tokenizer_error && !stop())
            report_syntax_error(*block.tokenizer_error);
        std::lock_guard lock(mutex);
        spare.push_back(std::move(block));
    }
    {
        std::lock_guard lock(mutex);
        stop_parsing = true;
        changed.notify_all();
    }
    producer.join();
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
            line_ = account_value_line_[a];
            row_error_.clear();
            error_at(line_, account_value_column_[a], ColEquity,
                     "expected a mark_price for " + book_.symbol_names[book_.symbol[i]] + " (line " +
                         std::to_string(book_.line[i]) +
                         ") to turn account_equity into a wallet balance (wallet = equity - unrealised PnL), "
                         "found none");
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
    if (book_.accounts() == n)
        return true; // every position has an account of its own: nothing to net
    // Rows sharing an account and symbol, as (first row, later row) pairs in file order.
    auto key_of = [&](std::size_t i) { return (std::uint64_t(book_.account[i]) << 32) | book_.symbol[i]; };
    FlatHashIndex first(n);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t key = key_of(i), hash = FlatHashIndex::mix(key);
        const std::uint32_t head = first.find(hash, [&](std::uint32_t k) { return key_of(k) == key; });
        if (head == FlatHashIndex::kNone)
            first.insert(hash, static_cast<std::uint32_t>(i));
        else
            repeats.emplace_back(head, static_cast<std::uint32_t>(i));
    }
    if (repeats.empty())
        return true;
    std::stable_sort(repeats.begin(), repeats.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::uint8_t> keep(n, 1);
    std::vector<std::uint32_t> rows;
    for (std::size_t g = 0; g < repeats.size();) {
        const std::uint32_t head = repeats[g].first;
        rows.assign(1, head);
        for (; g < repeats.size() && repeats[g].first == head; ++g)
            rows.push_back(repeats[g].second);
        const std::uint32_t account_index = book_.account[head];
        const std::string& account = book_.account_names[account_index];
        const std::string& symbol = book_.symbol_names[book_.symbol[head]];
        std::string lines;
        for (std::uint32_t r : rows)
            lines += (lines.empty() ? "" : ", ") + std::to_string(book_.line[r]);
        for (std::uint32_t r : rows)
            if (book_.mode[r] != book_.mode[head]) {
                line_ = book_.line[r];
                row_error_.clear();
                error_at(line_, mode_column_[r], ColMarginMode,
                         "expected one margin_mode for account " + account + " in " + symbol +
                             " (one-way positions are netted), found isolated and cross (lines " + lines + ")");
                if (options_.policy == BadRowPolicy::Strict)
                    return false;
                bad_accounts_.try_emplace(account, row_error_);
                break;
            }
        if (bad_accounts_.count(account))
            continue;

        // Each side's total size, average entry (size-weighted; harmonic for inverse) and margin.
        double qty[2] = {0, 0}, weight[2] = {0, 0}, margin[2] = {0, 0};
        for (std::uint32_t r : rows) {
            const int k = book_.side[r] > 0 ? 0 : 1;
            qty[k] += book_.size[r];
            margin[k] += book_.margin[r];
            weight[k] +=
                options_.contract.inverse ? book_.size[r] / book_.entry_price[r] : book_.size[r] * book_.entry_price[r];
            keep[r] = 0;
        }
        auto average_entry = [&](int k) { return options_.contract.inverse ? qty[k] / weight[k] : weight[k] / qty[k]; };
        // The overlap closes: its PnL (long closed at the short's entry) is realised into a cross wallet,
        // so the account's equity at mark is what the file said.
        const double closed = std::min(qty[0], qty[1]);
        const double realised =
            closed > 0 ? options_.contract.pnl(+1, closed, average_entry(0), average_entry(1)) : 0.0;
        std::string realised_note;
        if (closed > 0 && book_.mode[head] == MarginMode::Cross) {
            book_.account_collateral[account_index] += realised;
            realised_note = "; realised PnL " + format_plain(realised) + " moved into the cross wallet";
        }
        if (qty[0] == qty[1]) {
            notice(book_.line[head], "netted the rows of account " + account + " in " + symbol + " (lines " + lines +
                                         ") to zero: no position left" + realised_note);
            continue;
        }
        const int k = qty[0] > qty[1] ? 0 : 1;
        std::uint32_t s = head;
        for (std::uint32_t r : rows)
            if ((book_.side[r] > 0 ? 0 : 1) == k) {
                s = r;
                break;
            }
        const double remaining = qty[k] - closed;
        book_.entry_price[s] = average_entry(k);
        book_.size[s] = remaining;
        book_.margin[s] = margin[k] * remaining / qty[k]; // same leverage as the surviving side had
        if (book_.mode[s] == MarginMode::Isolated)
            book_.leverage[s] = options_.contract.notional(remaining, book_.entry_price[s]) / book_.margin[s];
        book_.exchange_liquidation_price[s] = kNaN; // the exchange's figure was for rows that no longer exist
        keep[s] = 1;
        notice(book_.line[head], "netted " + std::to_string(rows.size()) + " rows of account " + account + " in " +
                                     symbol + " (lines " + lines + ") into one " + (k == 0 ? "long" : "short") +
                                     " of " + format_plain(remaining) + " (id " + book_.id[s] +
                                     "): positions are one-way" + realised_note);
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
            result_.skipped.push_back(
                {book_.line[i], book_.id[i], account,
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

PositionCsvResult parse_positions_csv(std::string_view bytes, const std::string& file,
                                      const PositionCsvOptions& options) {
    clear_vector_upper_state();
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
    const MappedFile file(path);
    return parse_positions_csv(file.bytes(), path, options);
}

} // namespace levex
