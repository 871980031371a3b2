// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingBookReader.h"

#include "LendingTestSupport.h"
#include "core/base/Issue.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {

std::string path_of(const std::string& name) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/lending/" + name;
}

LendingCsvResult read(const std::string& name, BadRowPolicy policy = BadRowPolicy::Strict,
                      const ProtocolProfile* profile = nullptr) {
    LendingCsvOptions options;
    options.policy = policy;
    options.profile = profile;
    return read_lending_csv(path_of(name), options);
}

std::string first_error(const LendingCsvResult& r) {
    const Issue* e = r.first_error();
    return e ? format_issue(*e) : "no error";
}

} // namespace

TEST(LendingBookReader, ReadsAValidBook) {
    const ProtocolProfile profile = test::v33_profile();
    const LendingCsvResult r = read("valid.csv", BadRowPolicy::Strict, &profile);
    ASSERT_TRUE(r.ok) << first_error(r);
    const LendingBook& b = r.book;
    EXPECT_EQ(b.source, path_of("valid.csv"));
    EXPECT_EQ(b.account_names, (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
    EXPECT_EQ(b.asset_names, (std::vector<std::string>{"WETH", "USDC", "STETH", "OTHER", "USDT"}));
    EXPECT_EQ(b.asset_price, (std::vector<double>{2000, 1, 1990, 1, 1}));
    EXPECT_EQ(b.rows(), 7u);
    EXPECT_EQ(b.account_row_begin, (std::vector<std::uint32_t>{0, 2, 4, 6, 7}));
    EXPECT_EQ(b.account_emode, (std::vector<std::uint32_t>{0, 1, 0, 0}));
    EXPECT_DOUBLE_EQ(b.account_protocol_health_factor[0], 0.982143);
    EXPECT_TRUE(std::isnan(b.account_protocol_health_factor[1]));
    EXPECT_TRUE(std::isinf(b.account_protocol_health_factor[3]));
    EXPECT_EQ(b.collateral[0], 10.0);
    EXPECT_EQ(b.debt[1], 16800.0);
    EXPECT_DOUBLE_EQ(b.liquidation_threshold[4], 0.7);
    EXPECT_TRUE(std::isnan(b.liquidation_threshold[0]));
    EXPECT_EQ(b.line, (std::vector<std::uint32_t>{2, 3, 4, 5, 6, 7, 8}));
    EXPECT_TRUE(r.skipped.empty());
    // The same book reads without a profile too: the profile only adds its checks.
    EXPECT_TRUE(read("valid.csv").ok);
}

TEST(LendingBookReader, AliasesDelimiterQuotesAndUnknownColumns) {
    const LendingCsvResult r = read("aliases.csv");
    ASSERT_TRUE(r.ok) << first_error(r);
    EXPECT_EQ(r.delimiter, ';');
    EXPECT_EQ(r.book.account_names, (std::vector<std::string>{"0xAbC"}));
    EXPECT_EQ(r.book.collateral[0], 2.5);
    EXPECT_EQ(r.book.debt[1], 1000.0);
    EXPECT_DOUBLE_EQ(r.book.account_protocol_health_factor[0], 1.7);
    EXPECT_EQ(r.column_fields, (std::vector<std::string>{"account", "asset", "debt", "collateral", "price",
                                                         "liquidation_threshold", "health_factor", ""}));
    ASSERT_FALSE(r.issues.empty());
    EXPECT_EQ(format_issue(r.issues[0]), path_of("aliases.csv") + ":1: ignored unknown columns: 'note'");
}

// One fixture per refusal: FILE:LINE:COLUMN: expected …, found …, and nothing half-read.
TEST(LendingBookReader, BadInputIsRefusedWithLocatedErrors) {
    const ProtocolProfile profile = test::v33_profile();
    const struct {
        const char* file;
        const char* message;
    } cases[] = {
        {"negative_collateral.csv", ":5:8: expected collateral >= 0, found '-1'"},
        {"negative_debt.csv", ":5:10: expected debt >= 0, found '-500'"},
        {"zero_price.csv", ":5:14: expected price > 0, found '0'"},
        {"price_differs.csv", ":5:14: expected price 1 for USDC as on line 3 (one oracle price per asset), found 1.01"},
        {"threshold_one.csv", ":5:18: expected liquidation_threshold in [0, 1) (a fraction, e.g. 0.825), found '1'"},
        {"threshold_negative.csv",
         ":5:18: expected liquidation_threshold in [0, 1) (a fraction, e.g. 0.825), found '-0.1'"},
        {"bonus_below_one.csv",
         ":5:19: expected liquidation_bonus in [1, 2] (e.g. 1.05 for a 5 % bonus), found '0.95'"},
        {"fee_above_one.csv",
         ":5:20: expected liquidation_protocol_fee in [0, 1] (a share of the bonus, e.g. 0.1), found '1.5'"},
        {"unknown_asset.csv",
         ":5:3: expected an asset of protocol test-v33 (WETH, STETH, USDC, USDT, OTHER), found 'DOGE'"},
        {"unknown_emode.csv",
         ":5:19: expected an e-mode category of protocol test-v33 (0 = none, 1 = ETH correlated), found 7"},
        {"emode_differs.csv",
         ":5:19: expected emode 0 for account b as on line 4 (one e-mode category per account), found 1"},
        {"health_differs.csv",
         ":6:19: expected health_factor 2 for account b as on line 5 (one figure per account), found 3"},
        {"duplicate_row.csv", ":5:3: expected one row per account and asset, found b / WETH again (first on line 4)"},
        {"non_numeric.csv", ":5:10: expected a number for debt, found 'five hundred'"},
        {"amount_too_large.csv",
         ":5:10: expected debt at most 1e24 (numbers beyond would overflow a book's sums), found '2e24'"},
        {"price_too_small.csv", ":5:13: expected price between 1e-18 and 1e18 (numbers beyond would overflow a book's "
                                "sums), found '1e-19'"},
        {"decimal_comma.csv",
         ":5:10: expected a number for debt with a '.' decimal point and no thousands separators, found '500,5'"},
        {"too_few_fields.csv", ":5:15: expected 10 fields as in the header, found 5 (check the delimiter and quoting)"},
        {"debt_without_collateral.csv",
         ":4:10: expected a collateral row for account b, which has debt (line 4), found none with collateral > 0"},
        {"missing_column.csv", ":1:1: expected a column debt (or borrowed) in the header, found: account, asset, "
                               "collateral, price"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        const LendingCsvResult r = read(c.file, BadRowPolicy::Strict, &profile);
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(first_error(r), path_of(c.file) + c.message);
        EXPECT_EQ(r.book.rows(), 0u);
        EXPECT_EQ(r.book.accounts(), 0u);
    }
}

// Each refusal carries its issue code, as the positions reader's do.
TEST(LendingBookReader, EachErrorCarriesItsCode) {
    const ProtocolProfile profile = test::v33_profile();
    const std::pair<const char*, IssueCode> cases[] = {
        {"negative_collateral.csv", IssueCode::OutOfRange}, {"zero_price.csv", IssueCode::OutOfRange},
        {"price_differs.csv", IssueCode::MixedValues},      {"threshold_one.csv", IssueCode::OutOfRange},
        {"bonus_below_one.csv", IssueCode::OutOfRange},     {"fee_above_one.csv", IssueCode::OutOfRange},
        {"unknown_asset.csv", IssueCode::BadValue},         {"unknown_emode.csv", IssueCode::BadValue},
        {"emode_differs.csv", IssueCode::MixedValues},      {"health_differs.csv", IssueCode::MixedValues},
        {"duplicate_row.csv", IssueCode::DuplicateId},      {"non_numeric.csv", IssueCode::NotANumber},
        {"amount_too_large.csv", IssueCode::OutOfRange},    {"decimal_comma.csv", IssueCode::NotANumber},
        {"too_few_fields.csv", IssueCode::FieldCount},      {"debt_without_collateral.csv", IssueCode::MissingValue},
        {"missing_column.csv", IssueCode::MissingColumn},
    };
    for (const auto& [file, code] : cases) {
        SCOPED_TRACE(file);
        const auto result = read(file, BadRowPolicy::Strict, &profile); // the issue lives in it
        const Issue* e = result.first_error();
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(issue_code_name(e->code), std::string(issue_code_name(code)));
    }
    const auto code_of = [](const std::string& text) {
        const LendingCsvResult result = parse_lending_csv(text, "x.csv");
        return result.first_error() ? result.first_error()->code : IssueCode{};
    };
    EXPECT_EQ(code_of("account,asset,collateral,debt,price\na,WETH,1,inf,2000\n"), IssueCode::NotFinite);
    EXPECT_EQ(code_of("account,asset,collateral,debt,price\na,WETH,1,,2000\n"), IssueCode::MissingValue);
    EXPECT_EQ(code_of("\n\n"), IssueCode::EmptyInput);
}

// Skip-bad-rows mode: a bad row leaves out its whole account, listed row by row; the rest is read.
TEST(LendingBookReader, SkipModeLeavesOutTheWholeAccount) {
    const ProtocolProfile profile = test::v33_profile();
    for (const char* file : {"negative_collateral.csv", "threshold_one.csv", "unknown_asset.csv", "emode_differs.csv",
                             "duplicate_row.csv", "too_few_fields.csv", "price_differs.csv", "health_differs.csv"}) {
        SCOPED_TRACE(file);
        const LendingCsvResult r = read(file, BadRowPolicy::SkipBadRows, &profile);
        ASSERT_TRUE(r.ok);
        EXPECT_EQ(r.book.account_names, (std::vector<std::string>{"a", "c"}));
        EXPECT_EQ(r.book.rows(), 4u);
        ASSERT_GE(r.skipped.size(), 2u);
        for (const SkippedRow& s : r.skipped)
            EXPECT_EQ(s.account, "b");
        EXPECT_EQ(r.skipped[0].line, 4u);
        EXPECT_EQ(r.skipped[1].line, 5u);
        EXPECT_NE(r.skipped[0].reason.find("account b skipped whole"), std::string::npos) << r.skipped[0].reason;
    }
    const LendingCsvResult d = read("debt_without_collateral.csv", BadRowPolicy::SkipBadRows);
    ASSERT_TRUE(d.ok);
    EXPECT_EQ(d.book.account_names, (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(d.skipped.size(), 2u);
    // An asset only bad accounts held is left out with them.
    const LendingCsvResult u = read("unknown_asset.csv", BadRowPolicy::SkipBadRows, &profile);
    EXPECT_EQ(u.book.find_asset("DOGE"), LendingBook::npos);
}

TEST(LendingBookReader, PreviewAndHeaderOnly) {
    LendingCsvOptions options;
    options.max_rows = 3;
    const LendingCsvResult r = read_lending_csv(path_of("valid.csv"), options);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.book.rows(), 3u);
    EXPECT_EQ(r.rows_read, 3u);
    // bob's debt row is past the preview: the account check waits for the whole file.
    options.max_rows = 3;
    EXPECT_TRUE(read_lending_csv(path_of("debt_without_collateral.csv"), options).ok);
    const LendingCsvResult empty = read("header_only.csv");
    ASSERT_TRUE(empty.ok);
    EXPECT_EQ(empty.book.accounts(), 0u);
}

TEST(LendingBookReader, ColumnOverrides) {
    const std::string csv = "who,what,in,out,px\nx,WETH,1,0,2000\nx,USDC,0,100,1\n";
    LendingCsvOptions options;
    options.column_overrides = {
        {"account", "who"}, {"asset", "what"}, {"collateral", "in"}, {"debt", "out"}, {"price", "px"}};
    const LendingCsvResult r = parse_lending_csv(csv, "o.csv", options);
    ASSERT_TRUE(r.ok) << first_error(r);
    EXPECT_EQ(r.book.debt[1], 100.0);
    options.column_overrides = {{"colateral", "in"}};
    EXPECT_EQ(first_error(parse_lending_csv(csv, "o.csv", options)),
              "o.csv: expected a column override for one of account, asset, collateral, debt, price, "
              "liquidation_threshold, liquidation_bonus, liquidation_protocol_fee, emode, health_factor, found "
              "'colateral'");
}

TEST(LendingBookReader, EncodingAndSyntaxErrors) {
    EXPECT_EQ(first_error(parse_lending_csv("", "e.csv")),
              "e.csv:1:1: expected a CSV header line, found an empty file");
    const std::string utf16("\xFF\xFE"
                            "a\0b\0",
                            6);
    EXPECT_NE(first_error(parse_lending_csv(utf16, "u.csv")).find("UTF-16"), std::string::npos);
    const LendingCsvResult q = parse_lending_csv("account,asset,collateral,debt,price\n\"x,WETH,1,0,1\n", "q.csv");
    EXPECT_FALSE(q.ok);
    EXPECT_EQ(first_error(q),
              "q.csv:2:1: expected a closing quote for the field opened here, found the end of the file");
}

TEST(LendingBookReader, TellsALendingHeaderFromAPositionsHeader) {
    EXPECT_TRUE(is_lending_header({"account", "asset", "collateral", "debt", "price"}));
    EXPECT_TRUE(is_lending_header({" User ", "RESERVE", "Supplied", "Borrowed", "oracle_price"}));
    EXPECT_FALSE(is_lending_header({"id", "account", "symbol", "side", "size", "entry_price", "leverage"}));
    EXPECT_FALSE(is_lending_header({"account", "collateral", "size", "entry_price", "margin_mode"}));
    EXPECT_EQ(detect_book_kind("account,asset,collateral,debt,price\n"), BookKind::Lending);
    EXPECT_EQ(detect_book_kind("\xEF\xBB\xBF"
                               "user;reserve;supplied;borrowed;price\r\n"),
              BookKind::Lending);
    EXPECT_EQ(detect_book_kind("id,side,size,entry_price,leverage\n"), BookKind::Positions);
    EXPECT_EQ(detect_book_kind(""), BookKind::Positions);
}
