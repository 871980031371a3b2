// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingBookReader.h"

#include "core/base/FlatHashIndex.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/FieldText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <tuple>
#include <unordered_map>

namespace levex {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxAmount = 1e24; // units of an asset
constexpr double kMaxPrice = 1e18;  // and 1 / kMaxPrice the smallest price

enum Col : int {
    ColAccount,
    ColAsset,
    ColCollateral,
    ColDebt,
    ColPrice,
    ColThreshold,
    ColBonus,
    ColFee,
    ColEmode,
    ColHealth,
    kColumns
};

std::uint64_t text_hash(std::string_view s) {
    return FlatHashIndex::mix(std::hash<std::string_view>{}(s));
}

// Why a field is not a finite number, for "expected a number for X, found …".
std::string not_a_number(std::string_view text, const char* name) {
    const std::string word = lower_trimmed(text.empty() || (text[0] != '+' && text[0] != '-') ? text : text.substr(1));
    if (text.empty())
        return std::string("expected a number for ") + name + ", found an empty field";
    if (word == "nan" || word == "inf" || word == "infinity")
        return std::string("expected a finite number for ") + name + ", found " + quoted(text);
    if (text.find(',') != std::string_view::npos)
        return std::string("expected a number for ") + name +
               " with a '.' decimal point and no thousands separators, found " + quoted(text);
    return std::string("expected a number for ") + name + ", found " + quoted(text);
}

// Its code, as the positions reader gives it.
IssueCode not_a_number_code(std::string_view text) {
    const std::string word = lower_trimmed(text.empty() || (text[0] != '+' && text[0] != '-') ? text : text.substr(1));
    if (text.empty())
        return IssueCode::MissingValue;
    return word == "nan" || word == "inf" || word == "infinity" ? IssueCode::NotFinite : IssueCode::NotANumber;
}

struct Row {
    std::string_view account, asset;
    double collateral = 0.0, debt = 0.0, price = 0.0;
    double threshold = kNaN, bonus = kNaN, fee = kNaN, health = kNaN;
    std::uint32_t emode = 0;
    bool emode_given = false;
};

// A row that passed every check, waiting for the book to be assembled.
struct StagedRow {
    std::uint32_t account, asset, line;
    double collateral, debt, threshold, bonus, fee;
};

struct AccountInfo {
    std::uint32_t emode = 0;
    std::size_t emode_line = 0;
    double health = kNaN;
    std::size_t health_line = 0;
    bool has_collateral = false;
    std::size_t first_debt_line = 0, first_debt_column = 0;
};

class Reader {
public:
    Reader(std::string_view bytes, const std::string& file, const LendingCsvOptions& options, LendingCsvResult& result)
        : bytes_(bytes), file_(file), options_(options), result_(result) {}

    void run();

private:
    bool read_header(CsvTokenizer& tokenizer);
    bool map_columns(const std::vector<CsvField>& fields, std::size_t header_line);
    void read_rows(CsvTokenizer& tokenizer);
    bool parse_row(const std::vector<CsvField>& fields, std::size_t end_column, Row& row);
    bool parse_terms(const std::vector<CsvField>& fields, Row& row);
    void commit(const std::vector<CsvField>& fields, const Row& row);
    void check_accounts();
    void build_book();

    const CsvField* field(const std::vector<CsvField>& fields, Col c) const {
        const int i = col_[c];
        return i >= 0 && std::size_t(i) < fields.size() ? &fields[std::size_t(i)] : nullptr;
    }
    bool present(const std::vector<CsvField>& fields, Col c) const {
        const CsvField* f = field(fields, c);
        return f && !trimmed(f->text).empty();
    }
    std::size_t column_of(const std::vector<CsvField>& fields, Col c) const {
        const CsvField* f = field(fields, c);
        return f ? f->column : (fields.empty() ? 1 : fields.front().column);
    }
    // Records an error; in skip-bad-rows mode the row's whole account is marked to be left out.
    void error_at(std::size_t line, std::size_t column, Col c, std::string message, IssueCode code);
    std::optional<double> number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open, double hi,
                                 bool hi_open, const char* expectation);
    std::uint32_t intern_account(std::string_view name);
    std::uint32_t intern_asset(std::string_view name, bool& created);
    bool stop() const { return options_.policy == BadRowPolicy::Strict && failed_; }

    std::string_view bytes_;
    const std::string& file_;
    const LendingCsvOptions& options_;
    LendingCsvResult& result_;

    int col_[kColumns];
    bool failed_ = false;
    bool truncated_ = false;             // a preview stopped before the end of the file
    std::size_t line_ = 0;               // the current row's line
    std::string_view row_account_;       // the current row's account, for skip decisions
    std::vector<std::size_t> bad_lines_; // rows not staged because they were bad (skip mode)
    std::vector<std::string> bad_line_accounts_;

    std::vector<std::string> account_names_, asset_names_;
    std::vector<AccountInfo> accounts_;
    std::vector<double> asset_price_;
    std::vector<std::size_t> asset_price_line_;
    std::vector<bool> asset_known_; // with a profile: whether it knows each asset
    FlatHashIndex account_index_{1024}, asset_index_{64}, pair_index_{1024};
    std::vector<StagedRow> staged_;
    // Skip-bad-rows mode: accounts to leave out whole -> the first reason.
    std::unordered_map<std::string, std::string> bad_accounts_;
};

void Reader::error_at(std::size_t line, std::size_t column, Col c, std::string message, IssueCode code) {
    failed_ = true;
    if (options_.policy == BadRowPolicy::SkipBadRows && !row_account_.empty())
        bad_accounts_.try_emplace(std::string(row_account_), message);
    result_.issues.push_back({Severity::Error, file_, line, column, c < kColumns ? lending_columns()[c].name : "",
                              std::move(message), code});
}

std::optional<double> Reader::number(const std::vector<CsvField>& fields, Col c, double lo, bool lo_open, double hi,
                                     bool hi_open, const char* expectation) {
    const CsvField* f = field(fields, c);
    const std::string_view text = trimmed(f->text);
    const char* name = lending_columns()[c].name;
    const std::optional<double> v = parse_finite(text);
    if (!v) {
        error_at(line_, f->column, c, not_a_number(text, name), not_a_number_code(text));
        return std::nullopt;
    }
    const double x = *v == 0.0 ? 0.0 : *v; // fold -0 into 0
    const bool below = lo_open ? !(x > lo) : !(x >= lo);
    const bool above = hi_open ? !(x < hi) : !(x <= hi);
    if (below || above) {
        error_at(line_, f->column, c, std::string("expected ") + name + " " + expectation + ", found " + quoted(text),
                 IssueCode::OutOfRange);
        return std::nullopt;
    }
    return x;
}

std::uint32_t Reader::intern_account(std::string_view name) {
    if (!account_names_.empty() && account_names_.back() == name)
        return static_cast<std::uint32_t>(account_names_.size() - 1);
    const std::uint64_t hash = text_hash(name);
    const std::uint32_t found = account_index_.find(hash, [&](std::uint32_t k) { return account_names_[k] == name; });
    if (found != FlatHashIndex::kNone)
        return found;
    const auto k = static_cast<std::uint32_t>(account_names_.size());
    account_names_.emplace_back(name);
    accounts_.emplace_back();
    account_index_.insert(hash, k);
    return k;
}

std::uint32_t Reader::intern_asset(std::string_view name, bool& created) {
    const std::uint64_t hash = text_hash(name);
    const std::uint32_t found = asset_index_.find(hash, [&](std::uint32_t k) { return asset_names_[k] == name; });
    created = found == FlatHashIndex::kNone;
    if (!created)
        return found;
    const auto k = static_cast<std::uint32_t>(asset_names_.size());
    asset_names_.emplace_back(name);
    asset_price_.push_back(kNaN);
    asset_price_line_.push_back(0);
    asset_index_.insert(hash, k);
    return k;
}

bool Reader::read_header(CsvTokenizer& tokenizer) {
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields)) {
        result_.issues.push_back(tokenizer.error() ? *tokenizer.error()
                                                   : Issue{Severity::Error, file_, 1, 1, "",
                                                           "expected a CSV header line, found only blank lines",
                                                           IssueCode::EmptyInput});
        return false;
    }
    for (const CsvField& f : fields)
        result_.header.emplace_back(f.text);
    return map_columns(fields, tokenizer.record_line());
}

// Header names to canonical columns: overrides first, then names and aliases (any case).
bool Reader::map_columns(const std::vector<CsvField>& fields, std::size_t header_line) {
    const auto& columns = lending_columns();
    std::fill(std::begin(col_), std::end(col_), -1);
    std::vector<std::string> names;
    for (const CsvField& f : fields)
        names.push_back(lower_trimmed(f.text));
    result_.column_fields.assign(fields.size(), "");
    auto column_named = [&](const std::string& lowered) {
        for (int k = 0; k < kColumns; ++k) {
            if (lowered == columns[std::size_t(k)].name)
                return k;
            for (const char* alias : columns[std::size_t(k)].aliases)
                if (lowered == lower_trimmed(alias))
                    return k;
        }
        return -1;
    };
    auto fail = [&](std::size_t column, const char* name, std::string message, IssueCode code) {
        result_.issues.push_back({Severity::Error, file_, header_line, column, name, std::move(message), code});
        return false;
    };
    std::vector<int> taken(fields.size(), -1);
    bool overridden[kColumns] = {};
    for (const auto& [column_name, header_name] : options_.column_overrides) {
        const int c = column_named(lower_trimmed(column_name));
        if (c < 0) {
            std::string all;
            for (const LendingColumn& lc : columns)
                all += std::string(all.empty() ? "" : ", ") + lc.name;
            result_.issues.push_back({Severity::Error, file_, 0, 0, "",
                                      "expected a column override for one of " + all + ", found " + quoted(column_name),
                                      IssueCode::UnknownColumn});
            return false;
        }
        overridden[c] = true;
        const std::string wanted = lower_trimmed(header_name);
        if (wanted.empty())
            continue; // unmapped
        const auto it = std::find(names.begin(), names.end(), wanted);
        if (it == names.end())
            return fail(1, columns[std::size_t(c)].name,
                        "expected a column " + quoted(header_name) + " in the header (mapped to " +
                            columns[std::size_t(c)].name + "), found: " + summarize_header(result_.header),
                        IssueCode::MissingColumn);
        const std::size_t i = std::size_t(it - names.begin());
        if (taken[i] >= 0)
            return fail(fields[i].column, columns[std::size_t(c)].name,
                        "expected each column mapped to one field, found " + quoted(fields[i].text) + " mapped to " +
                            columns[std::size_t(taken[i])].name + " and " + columns[std::size_t(c)].name,
                        IssueCode::DuplicateColumn);
        col_[c] = int(i);
        taken[i] = c;
    }
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const int match = taken[i] >= 0 ? -2 : column_named(names[i]);
        if (match == -1)
            unknown.push_back(quoted(fields[i].text));
        if (match < 0 || overridden[match])
            continue;
        if (col_[match] >= 0)
            return fail(fields[i].column, columns[std::size_t(match)].name,
                        std::string("expected one column for ") + columns[std::size_t(match)].name +
                            ", found it twice: " + quoted(fields[std::size_t(col_[match])].text) + " and " +
                            quoted(fields[i].text),
                        IssueCode::DuplicateColumn);
        col_[match] = int(i);
    }
    for (int k = 0; k < kColumns; ++k) {
        const LendingColumn& lc = columns[std::size_t(k)];
        if (col_[k] >= 0)
            result_.column_fields[std::size_t(col_[k])] = lc.name;
        else if (lc.required) {
            std::string also;
            for (const char* a : lc.aliases)
                also += std::string(also.empty() ? " (or " : ", ") + a;
            return fail(1, lc.name,
                        std::string("expected a column ") + lc.name + (also.empty() ? "" : also + ")") +
                            " in the header" + (overridden[k] ? " (a column override unmaps it)" : "") +
                            ", found: " + summarize_header(result_.header) +
                            (fields.size() == 1 ? " (one column: check the delimiter)" : ""),
                        IssueCode::MissingColumn);
        }
    }
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& u : unknown)
            list += (list.empty() ? "" : ", ") + u;
        result_.issues.push_back({Severity::Notice, file_, header_line, 0, "", "ignored unknown columns: " + list});
    }
    return true;
}

void Reader::read_rows(CsvTokenizer& tokenizer) {
    std::vector<CsvField> fields;
    std::size_t data_rows = 0;
    while (!stop()) {
        if (!tokenizer.next(fields)) {
            if (tokenizer.error()) {
                failed_ = true; // a syntax error ends the file: what follows cannot be attributed to rows
                result_.issues.push_back(*tokenizer.error());
                if (options_.policy == BadRowPolicy::SkipBadRows)
                    result_.skipped.push_back({tokenizer.error()->line, "", "",
                                               "unreadable from here to the end: " + tokenizer.error()->message});
            }
            break;
        }
        if (std::all_of(fields.begin(), fields.end(), [](const CsvField& f) { return trimmed(f.text).empty(); }))
            continue; // a row of empty fields, as spreadsheets write after the data
        if (options_.max_rows && data_rows >= options_.max_rows) {
            truncated_ = true;
            break;
        }
        ++data_rows;
        line_ = tokenizer.record_line();
        if ((data_rows & 0xFFFF) == 0 && options_.progress && !options_.progress(0.9 * tokenizer.progress())) {
            result_.cancelled = true;
            return;
        }
        Row row;
        const std::size_t issues_before = result_.issues.size();
        if (parse_row(fields, tokenizer.record_end_column(), row))
            commit(fields, row);
        if (result_.issues.size() > issues_before && result_.issues.back().severity == Severity::Error) {
            bad_lines_.push_back(line_);
            bad_line_accounts_.emplace_back(row_account_);
        }
    }
    result_.rows_read = data_rows;
}

bool Reader::parse_row(const std::vector<CsvField>& fields, std::size_t end_column, Row& row) {
    const std::size_t width = result_.header.size();
    row_account_ = field(fields, ColAccount) ? trimmed(field(fields, ColAccount)->text) : std::string_view();
    if (fields.size() != width) {
        const bool few = fields.size() < width;
        error_at(line_, few ? end_column : fields[width].column, kColumns,
                 "expected " + std::to_string(width) + " fields as in the header, found " +
                     std::to_string(fields.size()) +
                     (few ? " (check the delimiter and quoting)" : " (an unquoted delimiter inside a value?)"),
                 IssueCode::FieldCount);
        return false;
    }
    row.account = trimmed(field(fields, ColAccount)->text);
    row.asset = trimmed(field(fields, ColAsset)->text);
    for (const auto& [c, text] : {std::pair{ColAccount, row.account}, std::pair{ColAsset, row.asset}})
        if (text.empty()) {
            error_at(line_, field(fields, c)->column, c,
                     std::string("expected ") + (c == ColAccount ? "an account name" : "an asset name") +
                         ", found an empty field",
                     IssueCode::MissingValue);
            return false;
        }
    const std::optional<double> collateral = number(fields, ColCollateral, 0.0, false, kInf, true, ">= 0");
    const std::optional<double> debt =
        collateral ? number(fields, ColDebt, 0.0, false, kInf, true, ">= 0") : std::nullopt;
    const std::optional<double> price = debt ? number(fields, ColPrice, 0.0, true, kInf, true, "> 0") : std::nullopt;
    if (!price)
        return false;
    // Bounds far beyond any real balance or price keep every sum and ratio of a book finite.
    for (const auto& [c, value, limit] :
         {std::tuple{ColCollateral, *collateral, kMaxAmount}, std::tuple{ColDebt, *debt, kMaxAmount},
          std::tuple{ColPrice, *price, kMaxPrice}, std::tuple{ColPrice, 1.0 / *price, kMaxPrice}})
        if (value > limit) {
            const CsvField* f = field(fields, c);
            error_at(line_, f->column, c,
                     std::string("expected ") + lending_columns()[c].name +
                         (c == ColPrice ? " between 1e-18 and 1e18" : " at most 1e24") +
                         " (numbers beyond would overflow a book's sums), found " + quoted(trimmed(f->text)),
                     IssueCode::OutOfRange);
            return false;
        }
    row.collateral = *collateral;
    row.debt = *debt;
    row.price = *price;
    return parse_terms(fields, row);
}

// The optional columns: per-row terms, the e-mode category and the protocol's own health factor.
bool Reader::parse_terms(const std::vector<CsvField>& fields, Row& row) {
    auto optional = [&](Col c, double& out, double lo, bool lo_open, double hi, bool hi_open, const char* what) {
        if (!present(fields, c))
            return true;
        const std::optional<double> v = number(fields, c, lo, lo_open, hi, hi_open, what);
        if (v)
            out = *v;
        return v.has_value();
    };
    if (!optional(ColThreshold, row.threshold, 0.0, false, 1.0, true, "in [0, 1) (a fraction, e.g. 0.825)") ||
        !optional(ColBonus, row.bonus, 1.0, false, 2.0, false, "in [1, 2] (e.g. 1.05 for a 5 % bonus)") ||
        !optional(ColFee, row.fee, 0.0, false, 1.0, false, "in [0, 1] (a share of the bonus, e.g. 0.1)"))
        return false;
    if (present(fields, ColEmode)) {
        const std::string_view text = trimmed(field(fields, ColEmode)->text);
        unsigned value = 0;
        const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
        if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || value > 255) {
            error_at(line_, field(fields, ColEmode)->column, ColEmode,
                     "expected emode a whole number in [0, 255] (0 = none), found " + quoted(text),
                     IssueCode::OutOfRange);
            return false;
        }
        row.emode = value;
        row.emode_given = true;
    }
    if (present(fields, ColHealth)) {
        const std::string word = lower_trimmed(field(fields, ColHealth)->text);
        if (word == "inf" || word == "infinity")
            row.health = kInf; // no debt: the protocol reports its largest number
        else if (word != "null" && word != "none" &&
                 !optional(ColHealth, row.health, 0.0, false, kInf, true, ">= 0, inf, empty or null"))
            return false;
    }
    return true;
}

// Checks that need what earlier rows said; nothing is recorded until the row has passed them all.
void Reader::commit(const std::vector<CsvField>& fields, const Row& row) {
    const ProtocolProfile* profile = options_.profile;
    bool created = false;
    const std::uint32_t asset = intern_asset(row.asset, created);
    if (profile && created)
        asset_known_.push_back(profile->find_asset(row.asset) != nullptr); // once per asset, not per row
    if (profile && !asset_known_[asset]) {
        std::string known;
        for (const ProtocolAsset& a : profile->assets)
            known += (known.empty() ? "" : ", ") + a.symbol;
        return error_at(line_, column_of(fields, ColAsset), ColAsset,
                        "expected an asset of protocol " + profile->name + " (" + known + "), found " +
                            quoted(row.asset),
                        IssueCode::BadValue);
    }
    if (profile && row.emode != 0 && !profile->find_emode(row.emode)) {
        std::string known = "0 = none";
        for (const EModeCategory& c : profile->emode_categories)
            known += ", " + std::to_string(c.id) + (c.label.empty() ? "" : " = " + c.label);
        return error_at(line_, column_of(fields, ColEmode), ColEmode,
                        "expected an e-mode category of protocol " + profile->name + " (" + known + "), found " +
                            std::to_string(row.emode),
                        IssueCode::BadValue);
    }
    const std::uint32_t account = intern_account(row.account);
    AccountInfo& info = accounts_[account];
    const double known_price = asset_price_[asset];
    if (!std::isnan(known_price) && known_price != row.price)
        return error_at(line_, column_of(fields, ColPrice), ColPrice,
                        "expected price " + format_plain(known_price) + " for " + std::string(row.asset) +
                            " as on line " + std::to_string(asset_price_line_[asset]) +
                            " (one oracle price per asset), found " + format_plain(row.price),
                        IssueCode::MixedValues);
    if (row.emode_given && info.emode_line != 0 && info.emode != row.emode)
        return error_at(line_, column_of(fields, ColEmode), ColEmode,
                        "expected emode " + std::to_string(info.emode) + " for account " + std::string(row.account) +
                            " as on line " + std::to_string(info.emode_line) +
                            " (one e-mode category per account), found " + std::to_string(row.emode),
                        IssueCode::MixedValues);
    if (!std::isnan(row.health) && info.health_line != 0 && info.health != row.health)
        return error_at(line_, column_of(fields, ColHealth), ColHealth,
                        "expected health_factor " + format_plain(info.health) + " for account " +
                            std::string(row.account) + " as on line " + std::to_string(info.health_line) +
                            " (one figure per account), found " + format_plain(row.health),
                        IssueCode::MixedValues);
    const std::uint64_t pair = (std::uint64_t(account) << 32) | asset;
    const std::uint64_t pair_hash = FlatHashIndex::mix(pair);
    const std::uint32_t twin = pair_index_.find(
        pair_hash, [&](std::uint32_t k) { return staged_[k].account == account && staged_[k].asset == asset; });
    if (twin != FlatHashIndex::kNone)
        return error_at(line_, column_of(fields, ColAsset), ColAsset,
                        "expected one row per account and asset, found " + std::string(row.account) + " / " +
                            std::string(row.asset) + " again (first on line " + std::to_string(staged_[twin].line) +
                            ")",
                        IssueCode::DuplicateId);
    if (std::isnan(known_price)) {
        asset_price_[asset] = row.price;
        asset_price_line_[asset] = line_;
    }
    if (row.emode_given && info.emode_line == 0) {
        info.emode = row.emode;
        info.emode_line = line_;
    }
    if (!std::isnan(row.health) && info.health_line == 0) {
        info.health = row.health;
        info.health_line = line_;
    }
    info.has_collateral = info.has_collateral || row.collateral > 0.0;
    if (row.debt > 0.0 && info.first_debt_line == 0) {
        info.first_debt_line = line_;
        info.first_debt_column = column_of(fields, ColDebt);
    }
    pair_index_.insert(pair_hash, static_cast<std::uint32_t>(staged_.size()));
    staged_.push_back({account, asset, static_cast<std::uint32_t>(line_), row.collateral, row.debt, row.threshold,
                       row.bonus, row.fee});
}

// An account that owes something must hold collateral somewhere in the file.
void Reader::check_accounts() {
    for (std::size_t a = 0; a < accounts_.size() && !stop(); ++a) {
        const AccountInfo& info = accounts_[a];
        if (info.first_debt_line == 0 || info.has_collateral || bad_accounts_.count(account_names_[a]))
            continue;
        row_account_ = account_names_[a];
        error_at(info.first_debt_line, info.first_debt_column, ColDebt,
                 "expected a collateral row for account " + account_names_[a] + ", which has debt (line " +
                     std::to_string(info.first_debt_line) + "), found none with collateral > 0",
                 IssueCode::MissingValue);
    }
}

// Leaves out the accounts skip mode marked, groups the rows by account (first appearance order) and
// keeps only the assets the kept rows use.
void Reader::build_book() {
    LendingBook& book = result_.book;
    std::vector<std::uint32_t> new_account(accounts_.size(), UINT32_MAX), new_asset(asset_names_.size(), UINT32_MAX);
    std::vector<std::uint32_t> count;
    for (std::size_t a = 0; a < accounts_.size(); ++a) {
        if (bad_accounts_.count(account_names_[a]))
            continue;
        new_account[a] = static_cast<std::uint32_t>(book.account_names.size());
        book.account_names.push_back(account_names_[a]);
        book.account_emode.push_back(accounts_[a].emode);
        book.account_protocol_health_factor.push_back(accounts_[a].health);
        count.push_back(0);
    }
    for (const StagedRow& r : staged_) {
        if (new_account[r.account] == UINT32_MAX) {
            result_.skipped.push_back(
                {r.line, "", account_names_[r.account],
                 "account " + account_names_[r.account] +
                     " skipped whole (a row of it is bad): " + bad_accounts_.at(account_names_[r.account])});
            continue;
        }
        ++count[new_account[r.account]];
        if (new_asset[r.asset] == UINT32_MAX)
            new_asset[r.asset] = book.add_asset(asset_names_[r.asset], asset_price_[r.asset]);
    }
    for (std::size_t i = 0; i < bad_lines_.size(); ++i) {
        const auto it = bad_accounts_.find(bad_line_accounts_[i]);
        result_.skipped.push_back({bad_lines_[i], "", bad_line_accounts_[i],
                                   it == bad_accounts_.end()
                                       ? "row skipped: it is bad and names no account"
                                       : "account " + it->first + " skipped whole: " + it->second});
    }
    std::sort(result_.skipped.begin(), result_.skipped.end(),
              [](const SkippedRow& x, const SkippedRow& y) { return x.line < y.line; });
    book.account_row_begin.assign(book.accounts() + 1, 0);
    for (std::size_t a = 0; a < book.accounts(); ++a)
        book.account_row_begin[a + 1] = book.account_row_begin[a] + count[a];
    const std::size_t rows = book.account_row_begin.back();
    book.row_account.resize(rows);
    book.row_asset.resize(rows);
    book.line.resize(rows);
    for (auto* column : {&book.collateral, &book.debt, &book.liquidation_threshold, &book.liquidation_bonus,
                         &book.liquidation_protocol_fee})
        column->resize(rows);
    std::vector<std::uint32_t> next(book.account_row_begin.begin(), book.account_row_begin.end() - 1);
    for (const StagedRow& r : staged_) {
        const std::uint32_t a = new_account[r.account];
        if (a == UINT32_MAX)
            continue;
        const std::uint32_t k = next[a]++;
        book.row_account[k] = a;
        book.row_asset[k] = new_asset[r.asset];
        book.line[k] = r.line;
        book.collateral[k] = r.collateral;
        book.debt[k] = r.debt;
        book.liquidation_threshold[k] = r.threshold;
        book.liquidation_bonus[k] = r.bonus;
        book.liquidation_protocol_fee[k] = r.fee;
    }
}

void Reader::run() {
    if (auto bad = check_text_encoding(bytes_, file_)) {
        result_.issues.push_back(*bad);
        return;
    }
    result_.delimiter = options_.delimiter ? options_.delimiter : detect_delimiter(bytes_);
    CsvTokenizer tokenizer(bytes_, result_.delimiter, file_);
    if (!read_header(tokenizer))
        return;
    staged_.reserve(std::min<std::size_t>(bytes_.size() / 64 + 16, options_.max_rows ? options_.max_rows : SIZE_MAX));
    read_rows(tokenizer);
    if (result_.cancelled || stop())
        return;
    if (!truncated_)
        check_accounts(); // a preview may cut an account's rows short
    if (stop())
        return;
    build_book();
    if (options_.progress)
        options_.progress(1.0);
    result_.ok = true;
}

} // namespace

const std::vector<LendingColumn>& lending_columns() {
    static const std::vector<LendingColumn> columns = {
        {"account", {"user", "address", "borrower"}, true, "account (owner) name or address"},
        {"asset", {"reserve", "token"}, true, "asset symbol, as the protocol profile names it"},
        {"collateral", {"supplied"}, true, "collateral held, in the asset's units, >= 0"},
        {"debt", {"borrowed"}, true, "debt owed, in the asset's units, >= 0"},
        {"price", {"oracle_price"}, true, "the oracle's price of one unit in the book's base currency, > 0"},
        {"liquidation_threshold", {"lt"}, false, "the row's threshold, [0, 1); default: the profile's"},
        {"liquidation_bonus", {}, false, "the row's bonus, e.g. 1.05; default: the profile's"},
        {"liquidation_protocol_fee",
         {"protocol_fee"},
         false,
         "share of the bonus the protocol keeps; default: the profile's"},
        {"emode", {"emode_category"}, false, "the account's e-mode category, 0 = none"},
        {"health_factor", {"healthf"}, false, "the protocol's own figure, shown beside the computed one"},
    };
    return columns;
}

bool is_lending_header(const std::vector<std::string>& names) {
    bool asset = false, debt = false;
    for (const std::string& name : names) {
        const std::string n = lower_trimmed(name);
        asset = asset || n == "asset" || n == "reserve" || n == "token";
        debt = debt || n == "debt" || n == "borrowed";
    }
    return asset && debt;
}

BookKind detect_book_kind(std::string_view bytes) {
    if (check_text_encoding(bytes, ""))
        return BookKind::Positions;
    CsvTokenizer tokenizer(bytes, detect_delimiter(bytes), "");
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields))
        return BookKind::Positions;
    std::vector<std::string> names;
    for (const CsvField& f : fields)
        names.emplace_back(f.text);
    return is_lending_header(names) ? BookKind::Lending : BookKind::Positions;
}

const Issue* LendingCsvResult::first_error() const {
    for (const Issue& issue : issues)
        if (issue.severity == Severity::Error)
            return &issue;
    return nullptr;
}

LendingCsvResult parse_lending_csv(std::string_view bytes, const std::string& file, const LendingCsvOptions& options) {
    LendingCsvResult result;
    Reader reader(bytes, file, options, result);
    reader.run();
    if (!result.ok) { // nothing is half-read
        result.book = LendingBook();
        result.skipped.clear();
    }
    result.book.source = file;
    return result;
}

LendingCsvResult read_lending_csv(const std::string& path, const LendingCsvOptions& options) {
    const MappedFile file(path);
    return parse_lending_csv(file.bytes(), path, options);
}

} // namespace levex
