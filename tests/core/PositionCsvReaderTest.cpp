// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionCsvReader.h"

#include "core/base/TextFile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace levex {
namespace {

std::string fixture(const std::string& name) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/positions/" + name;
}

PositionCsvOptions skip_bad_rows() {
    PositionCsvOptions options;
    options.policy = BadRowPolicy::SkipBadRows;
    return options;
}

std::size_t count(const PositionCsvResult& result, Severity severity) {
    std::size_t n = 0;
    for (const Issue& issue : result.issues)
        n += issue.severity == severity;
    return n;
}

// Checks one issue: where it is and the key words of its message.
void expect_issue(const Issue& issue, Severity severity, const std::string& file, std::size_t line, std::size_t column,
                  const std::string& field, IssueCode code, std::initializer_list<const char*> words) {
    EXPECT_EQ(issue.severity, severity) << issue.message;
    EXPECT_STREQ(issue_code_name(issue.code), issue_code_name(code)) << issue.message;
    EXPECT_EQ(issue.file, file);
    EXPECT_EQ(issue.line, line) << issue.message;
    EXPECT_EQ(issue.column, column) << issue.message;
    EXPECT_EQ(issue.field, field) << issue.message;
    for (const char* word : words)
        EXPECT_NE(issue.message.find(word), std::string::npos) << "'" << word << "' not in: " << issue.message;
}

// A strict read that failed: exactly one error, no book.
void expect_rejected(const std::string& name, std::size_t line, std::size_t column, const std::string& field,
                     IssueCode code, std::initializer_list<const char*> words, const PositionCsvOptions& options = {}) {
    SCOPED_TRACE(name);
    const std::string path = fixture(name);
    const PositionCsvResult result = read_positions_csv(path, options);
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(result.cancelled);
    EXPECT_EQ(result.book.positions(), 0u);
    EXPECT_EQ(result.book.accounts(), 0u);
    EXPECT_EQ(result.book.symbols(), 0u);
    EXPECT_EQ(count(result, Severity::Error), 1u);
    ASSERT_NE(result.first_error(), nullptr);
    expect_issue(*result.first_error(), Severity::Error, path, line, column, field, code, words);
}

std::string account_of(const PositionBook& book, std::size_t i) {
    return std::string(book.account_names[book.account[i]]);
}
std::string symbol_of(const PositionBook& book, std::size_t i) {
    return book.symbol_names[book.symbol[i]];
}

// ---- RFC 4180 and encodings ------------------------------------------------------------------

TEST(PositionCsvReader, QuotedCommaStaysInTheField) {
    const PositionCsvResult result = read_positions_csv(fixture("quoted_comma.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.id[0], "p1");
    EXPECT_EQ(account_of(result.book, 0), "Fund, Ltd");
    EXPECT_EQ(symbol_of(result.book, 0), "BTC");
    EXPECT_EQ(result.book.side[0], 1);
    EXPECT_EQ(result.book.size[0], 2.0);
    EXPECT_EQ(result.book.entry_price[0], 100.0);
    EXPECT_EQ(result.book.leverage[0], 10.0);
    EXPECT_EQ(result.book.margin[0], 20.0);
    EXPECT_EQ(result.book.mode[0], MarginMode::Isolated);
}

TEST(PositionCsvReader, DoubledQuoteIsOneQuote) {
    const PositionCsvResult result = read_positions_csv(fixture("doubled_quote.csv"));
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(account_of(result.book, 0), "the \"whale\"");
    EXPECT_EQ(result.book.side[0], -1);
    EXPECT_EQ(result.book.size[0], 1.5);
    EXPECT_EQ(result.book.entry_price[0], 200.0);
    EXPECT_EQ(result.book.margin[0], 60.0);
    EXPECT_EQ(symbol_of(result.book, 0), "BTC");
}

TEST(PositionCsvReader, NewlineInQuotesKeepsLaterLineNumbers) {
    const std::string path = fixture("newline_in_quotes.csv");
    {
        const PositionCsvResult result = read_positions_csv(path, skip_bad_rows());
        ASSERT_TRUE(result.ok);
        ASSERT_EQ(result.book.positions(), 2u);
        EXPECT_EQ(account_of(result.book, 0), "multi\nline");
        EXPECT_EQ(result.book.line[0], 2u);
        EXPECT_EQ(result.book.id[1], "p3");
        EXPECT_EQ(result.book.line[1], 5u);
        EXPECT_EQ(result.book.side[1], -1);
        EXPECT_EQ(result.book.margin[1], 50.0);
        ASSERT_EQ(result.skipped.size(), 1u);
        EXPECT_EQ(result.skipped[0].line, 4u);
        EXPECT_EQ(result.skipped[0].id, "p2");
        EXPECT_EQ(result.rows_read, 3u);
    }
    expect_rejected("newline_in_quotes.csv", 4, 15, "size", IssueCode::NotANumber,
                    {"expected a number for size", "'x'"});
}

TEST(PositionCsvReader, CrlfLineEnds) {
    const PositionCsvResult result = read_positions_csv(fixture("crlf.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.book.positions(), 2u);
    EXPECT_EQ(symbol_of(result.book, 0), "BTC"); // no trailing '\r' on the last field
    EXPECT_EQ(symbol_of(result.book, 1), "ETH");
    EXPECT_EQ(result.book.line[0], 2u);
    EXPECT_EQ(result.book.line[1], 3u);
    EXPECT_EQ(result.book.side[1], -1);
    EXPECT_EQ(result.book.size[1], 2.0);
    EXPECT_EQ(result.book.margin[1], 20.0);
    EXPECT_EQ(result.header.back(), "symbol");
}

TEST(PositionCsvReader, Utf8ByteOrderMarkIsSkipped) {
    const PositionCsvResult result = read_positions_csv(fixture("utf8_bom.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_TRUE(result.issues.empty()); // "id" is recognised, not an unknown "\xEF\xBB\xBFid"
    ASSERT_EQ(result.header.size(), 4u);
    EXPECT_EQ(result.header[0], "id");
    EXPECT_EQ(result.column_fields[0], "id");
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.id[0], "p1");
}

TEST(PositionCsvReader, SemicolonDelimiterIsDetected) {
    const PositionCsvResult result = read_positions_csv(fixture("semicolon.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(result.delimiter, ';');
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(account_of(result.book, 0), "a,b");
    EXPECT_EQ(result.book.size[0], 1.5);
    EXPECT_EQ(result.book.margin[0], 15.0);
}

TEST(PositionCsvReader, TabDelimiterIsDetected) {
    const PositionCsvResult result = read_positions_csv(fixture("tab.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(result.delimiter, '\t');
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(account_of(result.book, 0), "x y");
    EXPECT_EQ(result.book.side[0], -1);
    EXPECT_EQ(result.book.size[0], 1.5);
}

TEST(PositionCsvReader, DecimalCommaIsExplained) {
    expect_rejected("decimal_comma.csv", 2, 4, "size", IssueCode::NotANumber, {"size", "'.' decimal point", "'1,5'"});
}

TEST(PositionCsvReader, RowsOfEmptyFieldsAreBlankLines) {
    const PositionCsvResult result = read_positions_csv(fixture("blank_rows.csv"));
    ASSERT_TRUE(result.ok);
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.book.positions(), 2u);
    EXPECT_EQ(result.book.line[0], 3u);
    EXPECT_EQ(result.book.line[1], 6u);
    EXPECT_EQ(result.book.size[1], 2.0);
    EXPECT_EQ(result.rows_read, 2u);
}

TEST(PositionCsvReader, EmptyFile) {
    expect_rejected("empty.csv", 1, 1, "", IssueCode::EmptyInput, {"expected a CSV header line", "empty file"});
}

TEST(PositionCsvReader, HeaderOnlyIsAnEmptyBook) {
    const PositionCsvResult result = read_positions_csv(fixture("header_only.csv"));
    EXPECT_TRUE(result.ok);
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.book.positions(), 0u);
    EXPECT_EQ(result.rows_read, 0u);
    EXPECT_EQ(result.header.size(), 7u);
    EXPECT_EQ(result.book.source, fixture("header_only.csv"));
}

TEST(PositionCsvReader, Utf16WithByteOrderMark) {
    expect_rejected("utf16_bom.csv", 1, 1, "", IssueCode::BadEncoding,
                    {"expected UTF-8", "UTF-16", "save the file as UTF-8"});
}

TEST(PositionCsvReader, Utf16WithoutByteOrderMark) {
    expect_rejected("utf16_no_bom.csv", 1, 1, "", IssueCode::BadEncoding, {"expected UTF-8", "UTF-16", "NUL bytes"});
}

TEST(PositionCsvReader, BinaryJunk) {
    expect_rejected("binary.csv", 1, 1, "", IssueCode::BadEncoding, {"expected UTF-8", "binary data", "offset 8"});
}

TEST(PositionCsvReader, MissingFileThrowsIoError) {
    EXPECT_THROW(read_positions_csv(fixture("no_such_file.csv")), IoError);
}

TEST(PositionCsvReader, UnterminatedQuote) {
    const std::string path = fixture("unterminated_quote.csv");
    expect_rejected("unterminated_quote.csv", 3, 4, "", IssueCode::CsvSyntax, {"closing quote", "end of the file"});
    // Skip-bad-rows mode keeps what came before and says the rest could not be read.
    const PositionCsvResult result = read_positions_csv(path, skip_bad_rows());
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.id[0], "p1");
    ASSERT_EQ(result.skipped.size(), 1u);
    EXPECT_EQ(result.skipped[0].line, 3u);
    EXPECT_NE(result.skipped[0].reason.find("unreadable from here to the end"), std::string::npos);
}

// ---- Header ----------------------------------------------------------------------------------

TEST(PositionCsvReader, AliasesCaseInsensitiveWithSpaces) {
    const PositionCsvResult result = read_positions_csv(fixture("aliases.csv"));
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    EXPECT_TRUE(result.issues.empty());
    const std::vector<std::string> fields = {"account",        "symbol",     "size",
                                             "entry_price",    "margin",     "maint_margin_rate",
                                             "maint_amount",   "mark_price", "liquidation_price",
                                             "account_equity", "margin_mode"};
    EXPECT_EQ(result.column_fields, fields);
    EXPECT_EQ(result.header[0], " User "); // as written

    const PositionBook& book = result.book;
    ASSERT_EQ(book.positions(), 2u);
    // No id column: ids are the data row numbers.
    EXPECT_EQ(book.id[0], "1");
    EXPECT_EQ(book.id[1], "2");

    EXPECT_EQ(account_of(book, 0), "0xabc");
    EXPECT_EQ(symbol_of(book, 0), "BTC");
    EXPECT_EQ(book.side[0], -1);
    EXPECT_EQ(book.size[0], 0.5);
    EXPECT_EQ(book.entry_price[0], 60000.0);
    EXPECT_EQ(book.margin[0], 3000.0);
    EXPECT_EQ(book.leverage[0], 10.0);
    EXPECT_EQ(book.mode[0], MarginMode::Isolated);
    EXPECT_EQ(book.maint_margin_rate[0], 0.01);
    EXPECT_EQ(book.maint_amount[0], 5.0);
    EXPECT_EQ(book.exchange_liquidation_price[0], 65000.0);

    EXPECT_EQ(account_of(book, 1), "0xdef");
    EXPECT_EQ(symbol_of(book, 1), "ETH");
    EXPECT_EQ(book.side[1], 1);
    EXPECT_EQ(book.size[1], 2.0);
    EXPECT_EQ(book.mode[1], MarginMode::Cross);
    EXPECT_EQ(book.margin[1], 0.0);
    EXPECT_TRUE(std::isnan(book.leverage[1]));
    EXPECT_EQ(book.maint_margin_rate[1], 0.02);
    EXPECT_EQ(book.maint_amount[1], 0.0);
    EXPECT_TRUE(std::isnan(book.exchange_liquidation_price[1]));

    ASSERT_EQ(book.symbols(), 2u);
    EXPECT_EQ(book.symbol_mark[book.find_symbol("BTC")], 61000.0);
    EXPECT_EQ(book.symbol_mark[book.find_symbol("ETH")], 3100.0);
    // accountValue 10000 at mark 3100 for a long 2 @ 3000: wallet = 10000 - 2 * 100.
    EXPECT_TRUE(std::isnan(book.account_collateral[book.account[0]]));
    EXPECT_EQ(book.account_collateral[book.account[1]], 9800.0);
}

TEST(PositionCsvReader, MoreAliases) {
    const PositionCsvResult result = read_positions_csv(fixture("aliases_more.csv"));
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    EXPECT_TRUE(result.issues.empty());
    const std::vector<std::string> fields = {"id",          "account", "symbol",      "size",
                                             "entry_price", "margin",  "margin_mode", "collateral"};
    EXPECT_EQ(result.column_fields, fields);
    const PositionBook& book = result.book;
    ASSERT_EQ(book.positions(), 2u);
    EXPECT_EQ(account_of(book, 0), "w1");
    EXPECT_EQ(symbol_of(book, 0), "SOL");
    EXPECT_EQ(book.size[0], 10.0);
    EXPECT_EQ(book.entry_price[0], 20.0);
    EXPECT_EQ(book.margin[0], 40.0);
    EXPECT_EQ(book.leverage[0], 5.0);
    EXPECT_EQ(book.side[1], -1);
    EXPECT_EQ(book.mode[1], MarginMode::Cross);
    EXPECT_EQ(book.account_collateral[book.account[1]], 500.0);
}

TEST(PositionCsvReader, TwoColumnsForOneField) {
    expect_rejected("duplicate_column.csv", 1, 45, "collateral", IssueCode::DuplicateColumn,
                    {"expected one column for collateral", "'wallet_balance'", "'cross_wallet'"});
}

TEST(PositionCsvReader, MissingRequiredColumn) {
    expect_rejected("missing_required.csv", 1, 1, "entry_price", IssueCode::MissingColumn,
                    {"expected a column entry_price", "entry, entryPx", "found: id, size, leverage"});
}

TEST(PositionCsvReader, UnknownColumnsAreANotice) {
    const std::string path = fixture("unknown_columns.csv");
    const PositionCsvResult result = read_positions_csv(path);
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.issues.size(), 1u);
    expect_issue(result.issues[0], Severity::Notice, path, 1, 0, "", IssueCode::UnknownColumn,
                 {"ignored unknown columns: 'note', 'venue', ''"});
    const std::vector<std::string> fields = {"id", "", "size", "entry_price", "leverage", "", ""};
    EXPECT_EQ(result.column_fields, fields);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.margin[0], 10.0);
}

TEST(PositionCsvReader, ColumnOverridesMapRenamedHeaders) {
    const std::string path = fixture("overrides.csv");
    PositionCsvOptions options;
    options.column_overrides = {{"size", "Qty BTC"}, {"entry_price", "px"}, {"leverage", "lev"}};
    const PositionCsvResult result = read_positions_csv(path, options);
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    EXPECT_TRUE(result.issues.empty());
    // The file's own entry_price column is left alone: the user chose "px".
    const std::vector<std::string> fields = {"id", "size", "entry_price", "", "leverage"};
    EXPECT_EQ(result.column_fields, fields);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.size[0], 2.0);
    EXPECT_EQ(result.book.entry_price[0], 101.0);
    EXPECT_EQ(result.book.leverage[0], 4.0);
    EXPECT_EQ(result.book.margin[0], 50.5);
}

TEST(PositionCsvReader, ColumnOverrideErrors) {
    {
        PositionCsvOptions options; // without overrides the size column is not found
        expect_rejected("overrides.csv", 1, 1, "size", IssueCode::MissingColumn,
                        {"expected a column size (or qty, szi)", "found: id, qty btc, px, entry_price, lev"}, options);
    }
    {
        PositionCsvOptions options;
        options.column_overrides = {{"size", "qty btc"}, {"entry_price", "price"}};
        expect_rejected("overrides.csv", 1, 1, "entry_price", IssueCode::MissingColumn,
                        {"expected a column 'price' in the header", "mapped to entry_price", "found: id, qty btc"},
                        options);
    }
    {
        PositionCsvOptions options;
        options.column_overrides = {{"size", "qty btc"}, {"entry_price", ""}};
        expect_rejected("overrides.csv", 1, 1, "entry_price", IssueCode::MissingColumn,
                        {"expected a column entry_price", "override unmaps it"}, options);
    }
    {
        PositionCsvOptions options;
        options.column_overrides = {{"size", "qty btc"}, {"mark_price", "qty btc"}};
        expect_rejected("overrides.csv", 1, 4, "size", IssueCode::DuplicateColumn,
                        {"'qty btc' mapped to mark_price and size"}, options);
    }
    {
        PositionCsvOptions options;
        options.column_overrides = {{"sizes", "qty btc"}};
        expect_rejected("overrides.csv", 0, 0, "", IssueCode::UnknownColumn,
                        {"expected a column override for one of id, account", "'sizes'"}, options);
    }
}

TEST(PositionCsvReader, ColumnOverrideKeysMayBeAliases) {
    PositionCsvOptions options;
    options.column_overrides = {{"QTY", "qty btc"}, {"entryPx", "PX"}, {"Leverage", "lev"}};
    const PositionCsvResult result = read_positions_csv(fixture("overrides.csv"), options);
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.size[0], 2.0);
    EXPECT_EQ(result.book.entry_price[0], 101.0);
    EXPECT_EQ(result.book.leverage[0], 4.0);
}

// ---- Values ----------------------------------------------------------------------------------

TEST(PositionCsvReader, SignedSizeWithoutSide) {
    const PositionCsvResult result = read_positions_csv(fixture("signed_size.csv"));
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 2u);
    EXPECT_EQ(result.book.side[0], 1);
    EXPECT_EQ(result.book.size[0], 2.0);
    EXPECT_EQ(result.book.side[1], -1);
    EXPECT_EQ(result.book.size[1], 3.0);
    EXPECT_EQ(result.book.margin[1], 30.0);
}

TEST(PositionCsvReader, NegativeSizeWithSide) {
    expect_rejected("negative_size_with_side.csv", 2, 9, "size", IssueCode::OutOfRange,
                    {"expected size > 0 when side is given, found '-2' (a signed size needs no side column)"});
}

TEST(PositionCsvReader, ZeroSize) {
    expect_rejected("zero_size.csv", 2, 4, "size", IssueCode::OutOfRange, {"expected a non-zero signed size", "'-0'"});
    expect_rejected("zero_size_with_side.csv", 2, 10, "size", IssueCode::OutOfRange,
                    {"expected size > 0 when side is given, found '0'"});
    const PositionCsvResult result = read_positions_csv(fixture("zero_size_with_side.csv"));
    ASSERT_NE(result.first_error(), nullptr);
    EXPECT_EQ(result.first_error()->message.find("signed size"), std::string::npos); // no hint for a zero
}

TEST(PositionCsvReader, SideAliases) {
    const PositionCsvResult result = read_positions_csv(fixture("side_aliases.csv"));
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    const std::vector<std::int8_t> sides = {1, -1, 1, -1, 1, 1, -1};
    EXPECT_EQ(result.book.side, sides);
}

TEST(PositionCsvReader, UnknownSide) {
    expect_rejected("bad_side.csv", 2, 4, "side", IssueCode::BadSide,
                    {"expected side long, short, buy, sell, 1 or -1", "'up'"});
}

TEST(PositionCsvReader, NonNumeric) {
    expect_rejected("non_numeric.csv", 2, 4, "size", IssueCode::NotANumber, {"expected a number for size", "'abc'"});
}

TEST(PositionCsvReader, NotANumber) {
    expect_rejected("nan.csv", 2, 6, "entry_price", IssueCode::NotFinite,
                    {"expected a finite number for entry_price", "'NaN'"});
}

TEST(PositionCsvReader, Infinity) {
    expect_rejected("inf.csv", 2, 10, "leverage", IssueCode::NotFinite,
                    {"expected a finite number for leverage", "'inf'"});
}

TEST(PositionCsvReader, OutOfRange) {
    expect_rejected("out_of_range.csv", 2, 10, "margin", IssueCode::OutOfRange,
                    {"margin within ±1.8e308", "'1e400'", "out of range"});
}

TEST(PositionCsvReader, TooCloseToZero) {
    expect_rejected("underflow.csv", 2, 10, "margin", IssueCode::OutOfRange,
                    {"expected a number for margin", "'1e-400'", "too close to zero"});
}

TEST(PositionCsvReader, ZeroLeverage) {
    expect_rejected("zero_leverage.csv", 2, 10, "leverage", IssueCode::OutOfRange, {"expected leverage > 0", "'0'"});
}

TEST(PositionCsvReader, MaintenanceRateOfOneOrMore) {
    expect_rejected("mmr_ge_1.csv", 3, 13, "maint_margin_rate", IssueCode::OutOfRange,
                    {"expected maint_margin_rate in [0, 1)", "'1'"});
}

TEST(PositionCsvReader, IsolatedRowWithoutLeverageOrMargin) {
    expect_rejected("isolated_without_margin.csv", 2, 10, "leverage", IssueCode::MissingValue,
                    {"expected leverage or margin on an isolated row", "found neither"});
}

TEST(PositionCsvReader, MaintenanceAmountNeedsARate) {
    expect_rejected("cum_without_mmr.csv", 2, 13, "maint_amount", IssueCode::MissingValue,
                    {"expected maint_margin_rate on a row that gives maint_amount", "found none"});
}

TEST(PositionCsvReader, MarginWinsOverLeverage) {
    const std::string path = fixture("margin_vs_leverage.csv");
    const PositionCsvResult result = read_positions_csv(path);
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 2u);
    // Row 1: 10.05 is within 1 % of 100 / 10 = 10: no notice; the margin still decides.
    EXPECT_EQ(result.book.margin[0], 10.0);
    EXPECT_EQ(result.book.leverage[0], 10.0);
    // Row 2: leverage 10 against 2 * 100 / 40 = 5.
    EXPECT_EQ(result.book.margin[1], 40.0);
    EXPECT_EQ(result.book.leverage[1], 5.0);
    ASSERT_EQ(result.issues.size(), 1u);
    expect_issue(result.issues[0], Severity::Notice, path, 3, 0, "", IssueCode::Adjusted,
                 {"leverage 10 differs by more than 1 %", "notional/margin = 5", "the margin is used"});
}

TEST(PositionCsvReader, LiquidationPriceEmptyNullOrZeroIsNone) {
    const PositionCsvResult result = read_positions_csv(fixture("liquidation_price_none.csv"));
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    ASSERT_EQ(result.book.positions(), 5u);
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_TRUE(std::isnan(result.book.exchange_liquidation_price[i])) << i;
    EXPECT_EQ(result.book.exchange_liquidation_price[4], 95.5);
}

// ---- Rows ------------------------------------------------------------------------------------

TEST(PositionCsvReader, TooFewFields) {
    // The column is just past the row's last field, where the missing one should start.
    expect_rejected("ragged_row.csv", 3, 9, "", IssueCode::FieldCount, {"expected 4 fields as in the header, found 3"});
}

TEST(PositionCsvReader, TooManyFields) {
    expect_rejected("too_many_fields.csv", 3, 12, "", IssueCode::FieldCount,
                    {"expected 4 fields as in the header, found 5", "unquoted delimiter inside a value"});
}

TEST(PositionCsvReader, DuplicateId) {
    expect_rejected("duplicate_id.csv", 4, 1, "id", IssueCode::DuplicateId,
                    {"expected a unique id", "'p1' again", "first on line 2"});
}

TEST(PositionCsvReader, SkippedDuplicateLeavesNoEmptyAccountOrSymbol) {
    const PositionCsvResult result = read_positions_csv(fixture("duplicate_id_skip.csv"), skip_bad_rows());
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.accounts(), 1u);
    EXPECT_EQ(result.book.symbols(), 1u);
    EXPECT_EQ(result.book.account_names[0], "A");
    EXPECT_EQ(result.book.symbol_names[0], "BTC");
    ASSERT_EQ(result.skipped.size(), 1u);
    EXPECT_EQ(result.skipped[0].line, 3u);
}

TEST(PositionCsvReader, ConflictingMarkPrice) {
    expect_rejected("conflicting_mark.csv", 4, 17, "mark_price", IssueCode::MixedValues,
                    {"expected mark_price 105 for BTC as on line 2", "one mark per symbol", "found 106"});
}

TEST(PositionCsvReader, ConflictingCrossCollateral) {
    expect_rejected("conflicting_collateral.csv", 3, 21, "collateral", IssueCode::MixedValues,
                    {"expected collateral 1000 for cross account A as on line 2", "found 900"});
}

TEST(PositionCsvReader, CrossRowWithoutCollateral) {
    expect_rejected("cross_without_collateral.csv", 2, 18, "collateral", IssueCode::MissingValue,
                    {"expected collateral or account_equity on a cross row", "found neither"});
}

TEST(PositionCsvReader, UnknownMarginMode) {
    expect_rejected("bad_margin_mode.csv", 2, 15, "margin_mode", IssueCode::BadMarginMode,
                    {"expected margin_mode isolated or cross", "'portfolio'"});
    const PositionCsvResult result = read_positions_csv(fixture("bad_margin_mode.csv"), skip_bad_rows());
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.skipped.size(), 1u);
    EXPECT_EQ(result.skipped[0].line, 2u);
    EXPECT_EQ(result.skipped[0].id, "q1");
    EXPECT_EQ(result.skipped[0].account, "Q");
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.id[0], "q2");
}

TEST(PositionCsvReader, HedgedRowsAreNetted) {
    const std::string path = fixture("hedged.csv");
    const PositionCsvResult result = read_positions_csv(path);
    ASSERT_TRUE(result.ok);
    const PositionBook& book = result.book;
    ASSERT_EQ(book.positions(), 2u);
    // Account A: long 2 @ 100 + long 1 @ 130 - short 1 @ 120 = long 2 at the longs' mean entry 110;
    // the longs' margin 33 scaled to the 2 that remain = 22.
    EXPECT_EQ(book.id[0], "a1");
    EXPECT_EQ(account_of(book, 0), "A");
    EXPECT_EQ(book.side[0], 1);
    EXPECT_EQ(book.size[0], 2.0);
    EXPECT_EQ(book.entry_price[0], 110.0);
    EXPECT_EQ(book.margin[0], 22.0);
    EXPECT_EQ(book.leverage[0], 10.0);
    EXPECT_EQ(book.line[0], 2u);
    // Account B nets to zero and is gone; C is untouched.
    EXPECT_EQ(book.id[1], "c1");
    EXPECT_EQ(book.side[1], -1);
    EXPECT_EQ(book.accounts(), 2u);
    ASSERT_EQ(result.issues.size(), 2u);
    expect_issue(result.issues[0], Severity::Notice, path, 2, 0, "", IssueCode::Netted,
                 {"netted 3 rows of account A in BTC (lines 2, 3, 4) into one long of 2 (id a1)", "one-way"});
    expect_issue(result.issues[1], Severity::Notice, path, 5, 0, "", IssueCode::Netted,
                 {"netted the rows of account B in BTC (lines 5, 6) to zero"});
}

TEST(PositionCsvReader, IsolatedAndCrossRowsOfOnePosition) {
    // The column is that of the offending row's margin_mode, not of the last row read.
    expect_rejected("mixed_mode.csv", 3, 18, "margin_mode", IssueCode::MixedValues,
                    {"expected one margin_mode for account M in BTC", "isolated and cross", "lines 2, 3"});
}

TEST(PositionCsvReader, AccountEquityBecomesWallet) {
    const PositionCsvResult result = read_positions_csv(fixture("account_equity.csv"));
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    const PositionBook& book = result.book;
    ASSERT_EQ(book.positions(), 3u);
    ASSERT_EQ(book.accounts(), 2u);
    // X: long 1 BTC @ 100 at mark 110 (+10), short 2 ETH @ 50 at mark 45 (+10): 1000 - 20.
    EXPECT_EQ(book.account_collateral[book.account[0]], 980.0);
    EXPECT_EQ(book.account[0], book.account[1]);
    // Y gives its wallet directly.
    EXPECT_EQ(book.account_collateral[book.account[2]], 500.0);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(book.mode[i], MarginMode::Cross);
        EXPECT_EQ(book.margin[i], 0.0);
    }
}

// Netting a cross hedge realises the overlap's PnL into the wallet, so equity at mark is unchanged:
// wallet = 1000 - (3·(110-100) - 1·(110-120)) = 960; the short closes 1 long at 120: +20 -> 980;
// then 980 + 2·(110-100) = 1000 again.
TEST(PositionCsvReader, NettingACrossHedgeKeepsEquityAtMark) {
    const std::string path = fixture("hedged_cross.csv");
    const PositionCsvResult result = read_positions_csv(path);
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.size[0], 2.0);
    EXPECT_EQ(result.book.entry_price[0], 100.0);
    EXPECT_EQ(result.book.account_collateral[0], 980.0);
    ASSERT_EQ(result.issues.size(), 1u);
    expect_issue(result.issues[0], Severity::Notice, path, 2, 0, "", IssueCode::Netted,
                 {"into one long of 2 (id h1)", "realised PnL 20 moved into the cross wallet"});
}

TEST(PositionCsvReader, AccountEquityNeedsAMark) {
    expect_rejected("equity_without_mark.csv", 2, 22, "account_equity", IssueCode::MissingValue,
                    {"expected a mark_price for BTC", "account_equity into a wallet balance", "found none"});
}

TEST(PositionCsvReader, InverseContracts) {
    PositionCsvOptions options;
    options.contract = ContractSpec{true, 100.0};
    const PositionCsvResult result = read_positions_csv(fixture("inverse.csv"), options);
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    ASSERT_EQ(result.book.positions(), 2u);
    // 1000 contracts of 100 USD at 50000, 20x: 1000 * 100 / 50000 / 20 = 0.1 BTC.
    EXPECT_DOUBLE_EQ(result.book.margin[0], 0.1);
    EXPECT_EQ(result.book.leverage[0], 20.0);
    // Margin given: leverage = 500 * 100 / 40000 / 0.05 = 25.
    EXPECT_EQ(result.book.margin[1], 0.05);
    EXPECT_DOUBLE_EQ(result.book.leverage[1], 25.0);
    EXPECT_TRUE(result.issues.empty());
}

// ---- Policies, preview, progress -------------------------------------------------------------

TEST(PositionCsvReader, StrictModeStopsAtTheFirstError) {
    const std::string path = fixture("skip_isolated.csv");
    const PositionCsvResult result = read_positions_csv(path);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.book.positions(), 0u);
    EXPECT_TRUE(result.skipped.empty());
    ASSERT_EQ(result.issues.size(), 1u); // line 5 is never reached
    expect_issue(result.issues[0], Severity::Error, path, 3, 6, "size", IssueCode::NotANumber,
                 {"expected a number for size", "'abc'"});
}

TEST(PositionCsvReader, SkipModeSkipsABadIsolatedRowAlone) {
    const std::string path = fixture("skip_isolated.csv");
    const PositionCsvResult result = read_positions_csv(path, skip_bad_rows());
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(result.book.id, (TextColumn{"p1", "p3", "p5"}));
    EXPECT_EQ(result.book.accounts(), 3u);
    ASSERT_EQ(result.skipped.size(), 2u);
    EXPECT_EQ(result.skipped[0].line, 3u);
    EXPECT_EQ(result.skipped[0].id, "p2");
    EXPECT_EQ(result.skipped[0].account, "B");
    EXPECT_NE(result.skipped[0].reason.find("expected a number for size, found 'abc'"), std::string::npos);
    EXPECT_EQ(result.skipped[1].line, 5u);
    EXPECT_EQ(result.skipped[1].id, "p4");
    EXPECT_NE(result.skipped[1].reason.find("expected leverage > 0, found '0'"), std::string::npos);
    // Both errors are still reported with their places.
    ASSERT_EQ(count(result, Severity::Error), 2u);
    expect_issue(result.issues[1], Severity::Error, path, 5, 12, "leverage", IssueCode::OutOfRange,
                 {"expected leverage > 0"});
    EXPECT_EQ(result.rows_read, 5u);
}

TEST(PositionCsvReader, SkipModeSkipsTheWholeAccountOfABadCrossRow) {
    const std::string path = fixture("skip_cross.csv");
    const PositionCsvResult result = read_positions_csv(path, skip_bad_rows());
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(result.book.id, (TextColumn{"d1", "e1"}));
    EXPECT_EQ(result.book.accounts(), 2u);
    EXPECT_EQ(result.book.symbols(), 1u); // ETH, SOL and XRP were only held by C
    ASSERT_EQ(result.skipped.size(), 4u);
    const std::vector<std::size_t> lines = {2, 4, 5, 6}; // before and after the bad row, in line order
    const std::vector<std::string> skipped_ids = {"c1", "c2", "c3", "c4"};
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(result.skipped[k].line, lines[k]);
        EXPECT_EQ(result.skipped[k].id, skipped_ids[k]);
        EXPECT_EQ(result.skipped[k].account, "C");
        EXPECT_NE(result.skipped[k].reason.find("expected entry_price > 0, found '-5'"), std::string::npos)
            << result.skipped[k].reason;
    }
    EXPECT_EQ(result.skipped[1].reason.find("skipped whole"), std::string::npos); // the bad row itself
    EXPECT_NE(result.skipped[0].reason.find("account C skipped whole"), std::string::npos);
    ASSERT_EQ(count(result, Severity::Error), 1u);
    expect_issue(*result.first_error(), Severity::Error, path, 4, 12, "entry_price", IssueCode::OutOfRange,
                 {"expected entry_price > 0"});
}

TEST(PositionCsvReader, PreviewReturnsTheFirstRowsWithRawText) {
    PositionCsvOptions options;
    options.max_rows = 2;
    options.keep_raw_rows = true;
    const PositionCsvResult result = read_positions_csv(fixture("preview.csv"), options);
    ASSERT_TRUE(result.ok); // the bad row on line 6 is past the preview
    EXPECT_EQ(result.rows_read, 2u);
    ASSERT_EQ(result.raw_rows.size(), 2u);
    const std::vector<std::string> first = {"p1", "two\nlines", "1", "100", "10"};
    const std::vector<std::string> second = {"p2", "say \"hi\"", "-2", "50", "5"};
    EXPECT_EQ(result.raw_rows[0], first);
    EXPECT_EQ(result.raw_rows[1], second);
    const std::vector<std::size_t> lines = {2, 4};
    EXPECT_EQ(result.raw_lines, lines);
    ASSERT_EQ(result.book.positions(), 2u);
    EXPECT_EQ(result.book.id[1], "p2");
    EXPECT_EQ(result.book.side[1], -1);
    const std::vector<std::string> header = {"id", "account", "size", "entry_price", "leverage"};
    EXPECT_EQ(result.header, header);
}

TEST(PositionCsvReader, PreviewKeepsRawTextOfBadRows) {
    PositionCsvOptions options = skip_bad_rows();
    options.keep_raw_rows = true;
    const PositionCsvResult result = read_positions_csv(fixture("preview.csv"), options);
    ASSERT_TRUE(result.ok);
    ASSERT_EQ(result.raw_rows.size(), 4u);
    const std::vector<std::string> bad = {"p4", "d", "oops", "100", "10"};
    EXPECT_EQ(result.raw_rows[3], bad);
    EXPECT_EQ(result.raw_lines[3], 6u);
    EXPECT_EQ(result.book.positions(), 3u);
}

std::string generated_csv(std::size_t rows) {
    std::string csv = "id,account,symbol,size,entry_price,leverage\n";
    csv.reserve(rows * 40);
    for (std::size_t i = 0; i < rows; ++i) {
        const std::string n = std::to_string(i);
        csv.append("p").append(n).append(",a").append(n);
        csv.append(i % 2 ? ",BTC,-1.5,100,10\n" : ",BTC,1.5,100,10\n");
    }
    return csv;
}

TEST(PositionCsvReader, ProgressIsReportedOnLargeFiles) {
    const std::string csv = generated_csv(200000);
    std::vector<double> fractions;
    PositionCsvOptions options;
    options.progress = [&](double f) {
        fractions.push_back(f);
        return true;
    };
    const PositionCsvResult result = parse_positions_csv(csv, "generated.csv", options);
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(result.book.positions(), 200000u);
    ASSERT_GE(fractions.size(), 2u);
    for (std::size_t k = 1; k < fractions.size(); ++k)
        EXPECT_GE(fractions[k], fractions[k - 1]);
    EXPECT_GT(fractions.front(), 0.0);
    EXPECT_EQ(fractions.back(), 1.0);
}

TEST(PositionCsvReader, CancelThroughProgressCallback) {
    const std::string csv = generated_csv(200000);
    int calls = 0;
    PositionCsvOptions options;
    options.progress = [&](double) {
        ++calls;
        return false;
    };
    const PositionCsvResult result = parse_positions_csv(csv, "generated.csv", options);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(result.cancelled);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.book.positions(), 0u);
    EXPECT_EQ(result.book.accounts(), 0u);
    EXPECT_EQ(result.first_error(), nullptr);
}

// A book over 8 MB is read on two threads (parsing overlaps building the book); the other options
// keep one. Errors of every phase are sprinkled through: both must report exactly the same.
std::string generated_csv_with_errors(std::size_t rows) {
    std::string csv = "id,account,symbol,size,entry_price,leverage,margin_mode,collateral,mark_price\n";
    csv.reserve(rows * 48);
    for (std::size_t i = 0; i < rows; ++i) {
        const std::string n = std::to_string(i);
        const bool cross = i % 2000 == 7;
        csv.append(i % 1500 == 3 ? "p" + std::to_string(i - 1) : "p" + n); // a repeated id
        csv.append(cross ? ",c" + std::to_string(i % 7) : ",a" + std::to_string(i % 90000));
        csv.append(i % 2 ? ",BTC," : ",ETH,");
        csv.append(i % 1000 == 5 ? "x" : (i % 3 ? "-1.5" : "2")); // a bad size
        csv.append(i % 2500 == 11 ? ",\"1,5\"" : ",100");         // a decimal comma
        csv.append(cross ? ",,cross," : ",10,isolated,");
        csv.append(cross ? (i % 6000 == 7 ? "900" : "1000") : ""); // a conflicting wallet
        csv.append(i % 2 ? ",100\n" : ",\n");
    }
    return csv;
}

void expect_same_result(const PositionCsvResult& a, const PositionCsvResult& b) {
    EXPECT_EQ(a.ok, b.ok);
    EXPECT_EQ(a.rows_read, b.rows_read);
    ASSERT_EQ(a.issues.size(), b.issues.size());
    for (std::size_t k = 0; k < a.issues.size(); ++k) {
        SCOPED_TRACE(a.issues[k].message);
        EXPECT_EQ(a.issues[k].severity, b.issues[k].severity);
        EXPECT_EQ(a.issues[k].code, b.issues[k].code);
        EXPECT_EQ(a.issues[k].line, b.issues[k].line);
        EXPECT_EQ(a.issues[k].column, b.issues[k].column);
        EXPECT_EQ(a.issues[k].field, b.issues[k].field);
        EXPECT_EQ(a.issues[k].message, b.issues[k].message);
    }
    ASSERT_EQ(a.skipped.size(), b.skipped.size());
    for (std::size_t k = 0; k < a.skipped.size(); ++k) {
        EXPECT_EQ(a.skipped[k].line, b.skipped[k].line);
        EXPECT_EQ(a.skipped[k].id, b.skipped[k].id);
        EXPECT_EQ(a.skipped[k].reason, b.skipped[k].reason);
    }
    EXPECT_EQ(a.book.id, b.book.id);
    EXPECT_EQ(a.book.account_names, b.book.account_names);
    EXPECT_EQ(a.book.account, b.book.account);
    EXPECT_EQ(a.book.symbol, b.book.symbol);
    EXPECT_EQ(a.book.side, b.book.side);
    EXPECT_EQ(a.book.size, b.book.size);
    EXPECT_EQ(a.book.entry_price, b.book.entry_price);
    EXPECT_EQ(a.book.margin, b.book.margin);
    EXPECT_EQ(a.book.line, b.book.line);
    EXPECT_EQ(a.book.account_collateral.size(), b.book.account_collateral.size());
}

TEST(PositionCsvReader, PipelinedReadReportsWhatASequentialReadReports) {
    const std::string csv = generated_csv_with_errors(400000);
    ASSERT_GT(csv.size(), std::size_t(8) << 20);
    for (const BadRowPolicy policy : {BadRowPolicy::Strict, BadRowPolicy::SkipBadRows}) {
        PositionCsvOptions pipelined;
        pipelined.policy = policy;
        PositionCsvOptions sequential = pipelined;
        sequential.keep_raw_rows = true; // raw rows are kept on one thread
        const PositionCsvResult a = parse_positions_csv(csv, "big.csv", pipelined);
        const PositionCsvResult b = parse_positions_csv(csv, "big.csv", sequential);
        expect_same_result(a, b);
        for (const std::size_t threads : {1, 3}) { // the same for any number of threads
            pipelined.threads = threads;
            expect_same_result(parse_positions_csv(csv, "big.csv", pipelined), b);
        }
        ASSERT_NE(a.first_error(), nullptr);
        EXPECT_EQ(a.first_error()->code, IssueCode::DuplicateId); // line 5 repeats line 4's id
        if (policy == BadRowPolicy::Strict)
            continue;
        std::set<IssueCode> codes;
        for (const Issue& issue : a.issues)
            codes.insert(issue.code);
        const std::set<IssueCode> expected = {IssueCode::DuplicateId, IssueCode::NotANumber, IssueCode::MixedValues,
                                              IssueCode::Netted};
        EXPECT_EQ(codes, expected);
        EXPECT_TRUE(a.ok);
        EXPECT_GT(a.skipped.size(), 400u);
    }
}

// Parts of a large file start after a line end, which may be inside a quoted field: such a part
// is read again from where the one before it stopped. Multi-line quoted names on most rows, blank
// lines and CR, LF and CRLF line ends, and a quote error late in the file.
std::string generated_csv_with_quoted_newlines(std::size_t rows, bool quote_error) {
    std::string csv = "id,account,symbol,size,entry_price,leverage\r\n";
    for (std::size_t i = 0; i < rows; ++i) {
        if (i % 777 == 0)
            csv += "\n\n";
        if (quote_error && i == rows * 3 / 4)
            csv += "p_bad,\"x\"y,BTC,1,1,1\n";
        csv.append("p").append(std::to_string(i)).append(",");
        if (i % 3)
            csv.append("\"multi\n\nline ").append(std::to_string(i % 50000)).append("\"");
        else
            csv.append("a").append(std::to_string(i));
        csv.append(i % 2 ? ",BTC,-1.5,100,10" : ",BTC,1.5,100,10");
        csv.append(i % 5 ? "\r\n" : i % 10 == 5 ? "\r" : "\n");
    }
    return csv;
}

TEST(PositionCsvReader, PartsThatStartInsideAQuotedNewlineAreReadAgain) {
    for (const bool quote_error : {false, true}) {
        const std::string csv = generated_csv_with_quoted_newlines(260000, quote_error);
        ASSERT_GT(csv.size(), std::size_t(8) << 20);
        for (const BadRowPolicy policy : {BadRowPolicy::Strict, BadRowPolicy::SkipBadRows}) {
            SCOPED_TRACE(std::string(quote_error ? "with" : "without") + " a quote error");
            PositionCsvOptions sequential;
            sequential.policy = policy;
            sequential.keep_raw_rows = true; // raw rows are kept on one thread, in one pass
            const PositionCsvResult one_pass = parse_positions_csv(csv, "quotes.csv", sequential);
            for (const std::size_t threads : {1, 3}) {
                PositionCsvOptions in_parts;
                in_parts.policy = policy;
                in_parts.threads = threads;
                expect_same_result(parse_positions_csv(csv, "quotes.csv", in_parts), one_pass);
            }
            EXPECT_EQ(one_pass.ok, !quote_error || policy == BadRowPolicy::SkipBadRows);
            if (quote_error) {
                ASSERT_NE(one_pass.first_error(), nullptr);
                EXPECT_EQ(one_pass.first_error()->code, IssueCode::CsvSyntax);
            }
        }
    }
}

TEST(PositionCsvReader, InMemoryBytesNameTheGivenFile) {
    const PositionCsvResult result = parse_positions_csv("id,size\np1,1\n", "memory.csv");
    EXPECT_FALSE(result.ok);
    ASSERT_NE(result.first_error(), nullptr);
    expect_issue(*result.first_error(), Severity::Error, "memory.csv", 1, 1, "entry_price", IssueCode::MissingColumn,
                 {"expected a column entry_price"});
    EXPECT_EQ(format_issue(*result.first_error()).rfind("memory.csv:1:1: expected a column entry_price", 0), 0u);
}

TEST(PositionCsvReader, ExplicitDelimiterOverridesDetection) {
    // Four ',' and four ';': detection picks ',' (ties go to ',') and finds no size column.
    const std::string csv = "id;size;entry_price;leverage;note,a,b,c,d\np1;1;100;10;x\n";
    EXPECT_FALSE(parse_positions_csv(csv, "memory.csv").ok);
    PositionCsvOptions options;
    options.delimiter = ';';
    const PositionCsvResult result = parse_positions_csv(csv, "memory.csv", options);
    ASSERT_TRUE(result.ok) << (result.first_error() ? result.first_error()->message : "");
    EXPECT_EQ(result.delimiter, ';');
    ASSERT_EQ(result.header.size(), 5u);
    EXPECT_EQ(result.header[4], "note,a,b,c,d");
    ASSERT_EQ(result.book.positions(), 1u);
    EXPECT_EQ(result.book.margin[0], 10.0);
}

} // namespace
} // namespace levex
