// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a positions CSV, in phases: the header (PositionHeader), each row on its own
// (PositionRowParser), the rows against each other (PositionBookBuilder), then the book as a
// whole (BookNormalisation). This file runs them in order and keeps the bad-row policy; for large
// files the first two phases run in parts on every core while this thread does the third
// (run_in_order), and the result is the same as one pass.
#include "core/io/PositionCsvReader.h"

#include "core/base/BlockPipeline.h"
#include "core/base/FlatHashIndex.h"
#include "core/base/Parallel.h"
#include "core/base/TextFile.h"
#include "core/base/VectorUnitState.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/FieldText.h"
#include "core/io/PositionBookBuilder.h"
#include "core/io/PositionHeader.h"
#include "core/io/PositionRowParser.h"
#include "core/model/BookNormalisation.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>

namespace levex {
namespace {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// A row of spreadsheet padding (",,,,") counts as a blank line.
bool all_empty(const std::vector<CsvField>& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const CsvField& f) { return trimmed(f.text).empty(); });
}

// A part of a large file, tokenized and parsed on a worker thread: its rows wait there to be
// added to the book in file order. Lines are counted from 1 at the part's start (the part does not
// know how many lines come before it); the reading thread adds that offset.
struct StagedRow {
    PositionRow row;
    std::uint32_t line = 0;
    std::uint32_t issue_begin = 0, issue_end = 0; // its errors in the part's issue list
    bool ok = false;
};
struct StagedPart {
    std::vector<StagedRow> rows;
    std::vector<Issue> issues;
    std::deque<std::string> arena;        // text unescaped from doubled quotes, which the tokenizer reuses
    std::size_t begin = 0;                // where its tokenizer started
    std::size_t first_offset = 0;         // where its first record starts (where it stopped, if none)
    std::size_t first_line = 1;           // and that place's line
    std::size_t end_offset = 0;           // where it stopped: the next record's start, or the end
    std::size_t end_line = 1;             // and that place's line
    std::optional<Issue> tokenizer_error; // where the file stopped being readable
};

class Reader {
public:
    /// `check_ids_per_row`: the second reading of a large file whose ids repeat (see run()).
    /// `reported`: the largest progress fraction reported so far, which a second reading keeps.
    /// `mapping`: the file the bytes are mapped from, whose read pages are given back as reading
    /// goes on (nullptr: bytes the caller owns).
    Reader(std::string_view bytes, const std::string& file, const PositionCsvOptions& options,
           PositionCsvResult& result, bool check_ids_per_row, double& reported, const MappedFile* mapping)
        : bytes_(bytes), file_(file), options_(options), result_(result), book_(result.book),
          check_ids_per_row_(check_ids_per_row), reported_(reported), mapping_(mapping) {}

    /// Reads the file into the result. Returns false when the file must be read again with ids
    /// checked per row: a large file is first read with that check deferred, which is faster, and
    /// only a file where some id repeats (an error to report where one pass would) costs a second
    /// reading.
    bool run();

private:
    bool read_header(CsvTokenizer& tokenizer);
    void read_rows_sequentially(CsvTokenizer& tokenizer, std::size_t& data_row);
    void read_rows_in_parts(std::size_t begin, std::size_t begin_line, std::size_t& data_row);
    std::vector<std::size_t> part_starts(std::size_t begin) const;
    void stage_part(std::size_t begin, std::size_t limit, StagedPart& part) const;
    bool commit_part(StagedPart& part, std::size_t line_offset, std::size_t& data_row);
    // A row's issues (from parsing and adding it) into the result; the first error is its reason.
    void take_row_issues(std::vector<Issue>& issues);
    // The skip-mode bookkeeping of a row that had an error.
    void after_row(const PositionRow& row, std::size_t line, std::size_t data_row);
    void report_syntax_error(const Issue& error);
    bool normalise();
    void drop_bad_accounts();
    void drop_unused_names();

    bool stop() const { return options_.policy == BadRowPolicy::Strict && failed_; }
    bool progress_cancelled(std::size_t data_row, double fraction) {
        if ((data_row & 0xFFFF) != 0 || !options_.progress)
            return false;
        reported_ = std::max(reported_, 0.9 * fraction);
        if (options_.progress(reported_))
            return false;
        result_.cancelled = true;
        return true;
    }

    std::string_view bytes_;
    const std::string& file_;
    const PositionCsvOptions& options_;
    PositionCsvResult& result_;
    PositionBook& book_;
    bool check_ids_per_row_;
    double& reported_;
    const MappedFile* mapping_;

    PositionHeader header_;
    std::unique_ptr<PositionBookBuilder> builder_;
    bool failed_ = false;
    std::string row_error_; // the current row's first error, for the skipped list
    // Skip-bad-rows mode: accounts to drop whole (a cross row of theirs was bad) -> the reason.
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> bad_accounts_;
};

bool Reader::run() {
    if (auto bad = check_text_encoding(bytes_, file_)) {
        result_.issues.push_back(*bad);
        return true;
    }
    const char delimiter = options_.delimiter ? options_.delimiter : detect_delimiter(bytes_);
    result_.delimiter = delimiter;
    CsvTokenizer tokenizer(bytes_, delimiter, file_);
    if (!read_header(tokenizer))
        return true;

    std::size_t data_row = 0;
    const std::size_t expected_rows =
        std::min<std::size_t>(bytes_.size() / 48 + 16, options_.max_rows ? options_.max_rows : SIZE_MAX);
    // Large files are tokenized and parsed in parts on every core while this thread builds the book.
    const bool in_parts = bytes_.size() > (8u << 20) && options_.max_rows == 0 && !options_.keep_raw_rows;
    using IdCheck = PositionBookBuilder::IdCheck;
    const IdCheck id_check = !header_.has(PositionField::Id)   ? IdCheck::None
                             : in_parts && !check_ids_per_row_ ? IdCheck::Deferred
                                                               : IdCheck::PerRow;
    builder_ = std::make_unique<PositionBookBuilder>(book_, options_.contract, id_check, expected_rows, bytes_.size());
    if (in_parts)
        read_rows_in_parts(tokenizer.offset(), tokenizer.line(), data_row);
    else
        read_rows_sequentially(tokenizer, data_row);
    if (result_.cancelled)
        return true;
    result_.rows_read = data_row;
    // The deferred id check (every id's hash looked for a twin) runs beside the book-wide steps, on another
    // core; a repeat throws their work away with the rest of this reading.
    bool repeated = false, normalised = false;
    Cancellation unused;
    parallel_each(2, id_check == IdCheck::Deferred ? 2 : 1, unused, [&](std::size_t task) {
        if (task == 0)
            repeated = id_check == IdCheck::Deferred && builder_->repeated_ids();
        else
            normalised = !stop() && normalise();
    });
    if (repeated)
        return false;
    if (!normalised)
        return true;
    drop_bad_accounts();
    if (!result_.skipped.empty()) {
        drop_unused_names();
        std::stable_sort(result_.skipped.begin(), result_.skipped.end(),
                         [](const SkippedRow& a, const SkippedRow& b) { return a.line < b.line; });
    }
    if (options_.progress)
        options_.progress(1.0);
    result_.ok = !stop();
    return true;
}

bool Reader::read_header(CsvTokenizer& tokenizer) {
    std::vector<CsvField> fields;
    if (!tokenizer.next(fields)) {
        if (tokenizer.error())
            result_.issues.push_back(*tokenizer.error());
        else
            result_.issues.push_back({Severity::Error, file_, 1, 1, "",
                                      "expected a CSV header line, found only blank lines", IssueCode::EmptyInput});
        return false;
    }
    const bool mapped =
        map_position_header(fields, tokenizer.record_line(), options_.column_overrides, file_, header_, result_.issues);
    result_.header = header_.names;
    result_.column_fields = header_.fields;
    return mapped;
}

void Reader::take_row_issues(std::vector<Issue>& issues) {
    for (Issue& issue : issues) {
        if (issue.severity == Severity::Error) {
            failed_ = true;
            if (row_error_.empty())
                row_error_ = issue.message;
        }
        result_.issues.push_back(std::move(issue));
    }
    issues.clear();
}

void Reader::read_rows_sequentially(CsvTokenizer& tokenizer, std::size_t& data_row) {
    // One record of lookahead: while row i is checked and stored, row i+1's hash slots are already
    // being fetched from memory (the account and id indexes outgrow the caches on large books).
    struct Record {
        std::vector<CsvField> fields;
        std::size_t line = 0, end_column = 0;
    };
    Record records[2];
    const int id_column = header_.column_of(PositionField::Id);
    const int account_column = header_.column_of(PositionField::Account);
    auto fetch = [&](Record& r) {
        do {
            if (!tokenizer.next(r.fields))
                return false;
        } while (all_empty(r.fields));
        r.line = tokenizer.record_line();
        r.end_column = tokenizer.record_end_column();
        if (r.fields.size() == header_.names.size()) {
            if (account_column >= 0)
                builder_->prefetch_account(
                    FlatHashIndex::hash_text(trimmed(r.fields[std::size_t(account_column)].text)));
            if (id_column >= 0)
                builder_->prefetch_id(FlatHashIndex::hash_text(trimmed(r.fields[std::size_t(id_column)].text)));
        }
        return true;
    };
    PositionRowParser parser(header_, file_);
    std::vector<Issue> issues;
    const std::size_t max_rows = options_.max_rows;
    bool have = fetch(records[0]);
    for (unsigned cur = 0; have && !stop(); cur ^= 1u) {
        if (max_rows && data_row >= max_rows)
            break;
        const bool have_next = !(max_rows && data_row + 1 >= max_rows) && fetch(records[cur ^ 1u]);
        const Record& record = records[cur];
        ++data_row;
        if (options_.keep_raw_rows) {
            std::vector<std::string> raw;
            raw.reserve(record.fields.size());
            for (const CsvField& f : record.fields)
                raw.emplace_back(f.text);
            result_.raw_rows.push_back(std::move(raw));
            result_.raw_lines.push_back(record.line);
        }
        if (progress_cancelled(data_row, tokenizer.progress()))
            return;
        row_error_.clear();
        PositionRow row;
        if (parser.parse(record.fields, record.line, record.end_column, row, issues))
            builder_->add(row, record.line, data_row, issues);
        take_row_issues(issues);
        have = have_next;
        after_row(row, record.line, data_row);
    }
    if (!result_.cancelled && !stop() && tokenizer.error() && !(max_rows && data_row >= max_rows))
        report_syntax_error(*tokenizer.error());
}

// Parts of about a megabyte, each starting after a line end; a part that started inside a quoted
// field (a newline in quotes) is found out when the part before it ends elsewhere, and read again.
std::vector<std::size_t> Reader::part_starts(std::size_t begin) const {
    constexpr std::size_t kPartBytes = std::size_t(1) << 20;
    const std::size_t n = bytes_.size();
    std::vector<std::size_t> starts{begin};
    for (std::size_t at = begin + kPartBytes; at < n; at += kPartBytes) {
        std::size_t start = at;
        while (start < n && bytes_[start] != '\n' && bytes_[start] != '\r')
            ++start;
        if (start < n && bytes_[start] == '\r' && start + 1 < n && bytes_[start + 1] == '\n')
            ++start;
        if (++start >= n)
            break;
        if (start > starts.back())
            starts.push_back(start);
        at = std::max(at, start);
    }
    return starts;
}

void Reader::read_rows_in_parts(std::size_t begin, std::size_t begin_line, std::size_t& data_row) {
    const std::vector<std::size_t> starts = part_starts(begin);
    auto limit_of = [&](std::size_t k) { return k + 1 < starts.size() ? starts[k + 1] : bytes_.size(); };
    const std::size_t workers = options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t expected = begin;           // where the next part's first record must start
    std::size_t expected_line = begin_line; // and its line in the file
    run_in_order<StagedPart>(
        starts.size(), [&](std::size_t k, StagedPart& part) { stage_part(starts[k], limit_of(k), part); },
        [&](std::size_t k, StagedPart& part) {
            // The first part starts where the header ends; a later one may have started inside a record
            // (after a newline in quotes): then it is read again from where the one before stopped.
            if (k > 0 && part.first_offset != expected)
                stage_part(expected, limit_of(k), part);
            const std::size_t line_offset = k == 0 ? begin_line - 1 : expected_line - part.first_line;
            expected = part.end_offset;
            expected_line = part.end_line + line_offset;
            const bool go_on = commit_part(part, line_offset, data_row) && expected < bytes_.size();
            // The rows of this part are in the book (texts copied): its bytes are no longer needed.
            if (mapping_ && k % 8 == 7)
                mapping_->release_before(part.begin);
            return go_on;
        },
        workers, 2 * workers + 2);
}

// On a worker thread: tokenizes and parses the records that start in [begin, limit).
void Reader::stage_part(std::size_t begin, std::size_t limit, StagedPart& part) const {
    const char* const first = bytes_.data();
    const char* const last = first + bytes_.size();
    part.rows.clear();
    part.rows.reserve((limit - begin) / 40 + 16); // rows are rarely shorter: no regrowing while it fills
    part.issues.clear();
    part.arena.clear();
    part.tokenizer_error.reset();
    part.begin = begin;
    CsvTokenizer tokenizer(bytes_, result_.delimiter, file_, begin, limit, 1);
    PositionRowParser parser(header_, file_);
    thread_local std::vector<CsvField> fields;
    bool first_record = true;
    while (tokenizer.next(fields)) {
        if (first_record) {
            part.first_offset = tokenizer.record_offset();
            part.first_line = tokenizer.record_line();
            first_record = false;
        }
        if (all_empty(fields))
            continue;
        StagedRow& staged = part.rows.emplace_back();
        staged.line = static_cast<std::uint32_t>(tokenizer.record_line());
        staged.issue_begin = static_cast<std::uint32_t>(part.issues.size());
        staged.ok = parser.parse(fields, staged.line, tokenizer.record_end_column(), staged.row, part.issues);
        staged.issue_end = static_cast<std::uint32_t>(part.issues.size());
        // Text unescaped into the tokenizer's scratch must outlive the next records.
        for (std::string_view* text : {&staged.row.id, &staged.row.account, &staged.row.symbol})
            if (!text->empty() && (text->data() < first || text->data() >= last))
                *text = part.arena.emplace_back(*text);
    }
    part.tokenizer_error = tokenizer.error();
    part.end_offset = tokenizer.error() ? bytes_.size() : tokenizer.offset();
    part.end_line = tokenizer.line();
    if (first_record) {
        part.first_offset = part.end_offset;
        part.first_line = part.end_line;
    }
}

// On the reading thread: adds a part's rows to the book in order; false to stop.
bool Reader::commit_part(StagedPart& part, std::size_t line_offset, std::size_t& data_row) {
    std::vector<Issue> issues;
    const bool use_ids = header_.has(PositionField::Id), use_accounts = header_.has(PositionField::Account);
    constexpr std::size_t kAhead = 32; // rows whose index slots are being loaded while this one is added
    const double progress = double(part.end_offset) / double(std::max<std::size_t>(1, bytes_.size()));
    for (std::size_t j = 0; j < part.rows.size() && !stop(); ++j) {
        if (j + kAhead < part.rows.size()) {
            const PositionRow& ahead = part.rows[j + kAhead].row;
            if (use_accounts)
                builder_->prefetch_account(ahead.account_hash);
            if (use_ids)
                builder_->prefetch_id(ahead.id_hash);
        }
        const StagedRow& staged = part.rows[j];
        const std::size_t line = staged.line + line_offset;
        ++data_row;
        if (progress_cancelled(data_row, progress))
            return false;
        if (staged.ok) {
            builder_->add(staged.row, line, data_row, issues);
        } else {
            issues.assign(std::make_move_iterator(part.issues.begin() + staged.issue_begin),
                          std::make_move_iterator(part.issues.begin() + staged.issue_end));
            for (Issue& issue : issues)
                issue.line += line_offset;
        }
        if (!issues.empty()) { // the rare row with something to say (checked here: a call per row costs)
            row_error_.clear();
            take_row_issues(issues);
            after_row(staged.row, line, data_row);
        }
    }
    if (part.tokenizer_error && !stop()) {
        Issue error = *part.tokenizer_error;
        error.line += line_offset;
        report_syntax_error(error);
    }
    return !stop();
}

// The tokenizer stopped on a syntax error: the rest of the file cannot be split into rows reliably.
void Reader::report_syntax_error(const Issue& error) {
    result_.issues.push_back(error);
    failed_ = true;
    if (options_.policy == BadRowPolicy::SkipBadRows)
        result_.skipped.push_back({error.line, "", "", "unreadable from here to the end: " + error.message});
}

void Reader::after_row(const PositionRow& row, std::size_t line, std::size_t data_row) {
    if (row_error_.empty() || options_.policy != BadRowPolicy::SkipBadRows)
        return;
    const std::string id = row.id.empty() ? std::to_string(data_row) : std::string(row.id);
    const std::string account = row.account.empty() ? id : std::string(row.account);
    result_.skipped.push_back({line, id, account, row_error_});
    if (row.cross)
        bad_accounts_.try_emplace(account, row_error_);
}

// The book-wide steps: equity to wallet, then one-way netting (the accounts skipped so far left alone).
bool Reader::normalise() {
    NormalisationLog log;
    log.stop_at_first_error = options_.policy == BadRowPolicy::Strict;
    log.excluded.assign(book_.accounts(), 0);
    if (!bad_accounts_.empty())
        for (std::size_t a = 0; a < book_.accounts(); ++a)
            log.excluded[a] = bad_accounts_.count(book_.account_names[a]) ? 1 : 0;
    auto take = [&](bool went_on) {
        for (const auto& [account, issue] : log.failed)
            bad_accounts_.try_emplace(std::string(book_.account_names[account]), log.issues[issue].message);
        for (Issue& issue : log.issues) {
            failed_ |= issue.severity == Severity::Error;
            result_.issues.push_back(std::move(issue));
        }
        log.issues.clear();
        log.failed.clear();
        return went_on;
    };
    return take(convert_equity_to_wallet(book_, builder_->given_equity(), options_.contract, log)) &&
           take(net_one_way_positions(book_, builder_->mode_columns(), options_.contract, log));
}

void Reader::drop_bad_accounts() {
    if (bad_accounts_.empty())
        return;
    std::vector<std::uint8_t> keep(book_.positions(), 1);
    bool any = false;
    for (std::size_t i = 0; i < book_.positions(); ++i) {
        const std::string account(book_.account_names[book_.account[i]]);
        if (auto it = bad_accounts_.find(account); it != bad_accounts_.end()) {
            keep[i] = 0;
            any = true;
            result_.skipped.push_back(
                {book_.line[i], std::string(book_.id[i]), account,
                 "account " + account + " skipped whole (a cross row of it is bad): " + it->second});
        }
    }
    if (any)
        book_.filter(keep);
}

// Rows rejected after their account or symbol was registered can leave names without positions.
void Reader::drop_unused_names() {
    std::vector<std::uint8_t> account_used(book_.accounts(), 0), symbol_used(book_.symbols(), 0);
    for (std::size_t i = 0; i < book_.positions(); ++i) {
        account_used[book_.account[i]] = 1;
        symbol_used[book_.symbol[i]] = 1;
    }
    if (std::count(account_used.begin(), account_used.end(), 0) + std::count(symbol_used.begin(), symbol_used.end(), 0))
        book_.filter(std::vector<std::uint8_t>(book_.positions(), 1));
}

} // namespace

const Issue* PositionCsvResult::first_error() const {
    for (const Issue& issue : issues)
        if (issue.severity == Severity::Error)
            return &issue;
    return nullptr;
}

namespace {

PositionCsvResult parse(std::string_view bytes, const std::string& file, const PositionCsvOptions& options,
                        const MappedFile* mapping) {
    clear_vector_upper_state();
    PositionCsvResult result;
    result.book.source = file;
    double reported = 0.0;
    if (!Reader(bytes, file, options, result, false, reported, mapping).run()) {
        result = PositionCsvResult();
        result.book.source = file;
        Reader(bytes, file, options, result, true, reported, mapping).run();
    }
    if (!result.ok) { // nothing is half-imported
        result.book = PositionBook();
        result.book.source = file;
    }
    return result;
}

} // namespace

PositionCsvResult parse_positions_csv(std::string_view bytes, const std::string& file,
                                      const PositionCsvOptions& options) {
    return parse(bytes, file, options, nullptr);
}

PositionCsvResult parse_positions_csv(const MappedFile& mapped, const std::string& file,
                                      const PositionCsvOptions& options) {
    return parse(mapped.bytes(), file, options, &mapped);
}

PositionCsvResult read_positions_csv(const std::string& path, const PositionCsvOptions& options) {
    const MappedFile file(path);
    return parse(file.bytes(), path, options, &file);
}

} // namespace levex
