// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PositionCsvWriter.h"
#include "core/base/NumberFormat.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

using namespace levex;

namespace {
// Same value, treating NaN (absent) as equal to NaN.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}
} // namespace

// The writers' numbers take a shortcut for values with few decimals; the text must stay exactly what
// std::to_chars writes (shortest, fixed for everyday magnitudes), or files would change.
std::string to_chars_text(double x) {
    if (x == 0.0)
        x = 0.0;
    char buffer[400];
    const double m = std::abs(x);
    const auto format = m >= 1e-6 && m < 1e21 ? std::chars_format::fixed : std::chars_format::general;
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x, format).ptr);
}

TEST(PositionCsvWriter, NumbersAreTheShortestTextsOfToChars) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::size_t checked = 0;
    auto check = [&](double x) {
        ++checked;
        EXPECT_EQ(format_plain(x), to_chars_text(x)) << std::hexfloat << x;
    };
    for (int i = 0; i < 200000; ++i) {
        const double decimal = double(rng() % 100000000) / std::pow(10.0, double(rng() % 8)); // 104635.2, 0.002
        for (const double x : {decimal, -decimal, std::nextafter(decimal, 1e300), std::nextafter(decimal, -1e300)})
            check(x);
        check(std::ldexp(unit(rng), int(rng() % 120) - 60));                  // any magnitude
        check(double(rng() % 1000) / 1000.0 * double(rng() % 200000) / 10.0); // products: margins
        std::uint64_t bits = rng();
        double any;
        std::memcpy(&any, &bits, sizeof any);
        if (std::isfinite(any))
            check(any);
    }
    for (const double x : {1e-6, 9.999999e-7, 1e15, 999999999999999.9, 4503599627370496.5, 0.1, 0.3, 2.675, 1.005,
                           5e-324, 1.7976931348623157e308, 9007199254740991.0, 0.0000015, 100000.0})
        check(x);
    EXPECT_GT(checked, 1000000u);
}

TEST(PositionCsvWriter, GeneratedBookRoundTripsExactly) {
    GeneratorSettings g;
    g.positions = 3000;
    const PositionBook book = generate_book(g, test::bundled_venue("generic"));
    const PositionCsvResult back = parse_positions_csv(write_positions_csv(book), "round.csv");
    ASSERT_TRUE(back.ok);
    ASSERT_EQ(back.book.positions(), book.positions());
    for (std::size_t i = 0; i < book.positions(); ++i) {
        EXPECT_EQ(back.book.id[i], book.id[i]);
        EXPECT_EQ(back.book.side[i], book.side[i]);
        EXPECT_EQ(back.book.size[i], book.size[i]);
        EXPECT_EQ(back.book.entry_price[i], book.entry_price[i]);
        EXPECT_EQ(back.book.mode[i], book.mode[i]);
        EXPECT_EQ(back.book.margin[i], book.margin[i]) << i;
        EXPECT_TRUE(same(back.book.account_collateral[back.book.account[i]], book.account_collateral[book.account[i]]));
    }
    EXPECT_EQ(back.book.symbol_mark, book.symbol_mark);
}

TEST(PositionCsvWriter, QuotesTextThatNeedsIt) {
    std::string out;
    append_csv_field(out, "plain");
    out += ',';
    append_csv_field(out, "a,b");
    out += ',';
    append_csv_field(out, "say \"hi\"");
    out += ',';
    append_csv_field(out, "two\nlines");
    EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"");
}

TEST(PositionCsvWriter, KeepsExplicitRatesExchangePricesAndOddIds) {
    const std::string csv = "id,account,symbol,side,size,entry_price,margin,maint_margin_rate,maint_amount,"
                            "liquidation_price,mark_price\n"
                            "\"id,1\",\"acc \"\"x\"\"\",BTC,short,0.5,100,7,0.01,0.5,112.5,101\n";
    const PositionCsvResult first = parse_positions_csv(csv, "a.csv");
    ASSERT_TRUE(first.ok);
    const PositionCsvResult second = parse_positions_csv(write_positions_csv(first.book), "b.csv");
    ASSERT_TRUE(second.ok) << format_issue(*second.first_error());
    EXPECT_EQ(second.book.id[0], "id,1");
    EXPECT_EQ(second.book.account_names[0], "acc \"x\"");
    EXPECT_EQ(second.book.margin[0], 7.0);
    EXPECT_EQ(second.book.maint_margin_rate[0], 0.01);
    EXPECT_EQ(second.book.maint_amount[0], 0.5);
    EXPECT_EQ(second.book.exchange_liquidation_price[0], 112.5);
    EXPECT_EQ(second.book.symbol_mark[0], 101.0);
}

namespace {
// A book large enough (> 8 MB) for the reader's two-thread pipeline.
std::string large_csv() {
    GeneratorSettings g;
    g.positions = 160000;
    g.seed = 21;
    return write_positions_csv(generate_book(g, test::bundled_venue("generic")));
}
PositionCsvOptions sequential(PositionCsvOptions o = {}) {
    o.max_rows = std::numeric_limits<std::size_t>::max(); // any limit reads row by row on one thread
    return o;
}
} // namespace

TEST(PositionCsvReaderPipeline, LargeFilesReadTheSameOnTwoThreads) {
    const std::string csv = large_csv();
    ASSERT_GT(csv.size(), std::size_t(8u << 20));
    const PositionCsvResult a = parse_positions_csv(csv, "big.csv");
    const PositionCsvResult b = parse_positions_csv(csv, "big.csv", sequential());
    ASSERT_TRUE(a.ok);
    ASSERT_TRUE(b.ok);
    EXPECT_EQ(a.book.id, b.book.id);
    EXPECT_EQ(a.book.account, b.book.account);
    EXPECT_EQ(a.book.size, b.book.size);
    EXPECT_EQ(a.book.entry_price, b.book.entry_price);
    EXPECT_EQ(a.book.margin, b.book.margin);
    EXPECT_EQ(a.book.line, b.book.line);
    EXPECT_EQ(a.rows_read, b.rows_read);
}

TEST(PositionCsvReaderPipeline, ErrorsAndSkipsMatchTheSequentialReader) {
    std::string csv = large_csv();
    // Break row 100,000 (a bad size) and give row 120,000 a duplicate id; quote a doubled quote in an id.
    auto line_start = [&](std::size_t line) {
        std::size_t pos = 0;
        for (std::size_t l = 1; l < line; ++l)
            pos = csv.find('\n', pos) + 1;
        return pos;
    };
    const std::size_t bad = line_start(100001);
    const std::size_t size_field = csv.find(',', csv.find(',', csv.find(',', csv.find(',', bad) + 1) + 1) + 1) + 1;
    csv.replace(size_field, csv.find(',', size_field) - size_field, "abc");
    const std::size_t dup = line_start(120001);
    csv.replace(dup, 8, "p0000005");
    const std::size_t quoted = line_start(130001);
    csv.replace(quoted, 8, "\"p\"\"130\"");
    for (BadRowPolicy policy : {BadRowPolicy::Strict, BadRowPolicy::SkipBadRows}) {
        PositionCsvOptions o;
        o.policy = policy;
        const PositionCsvResult a = parse_positions_csv(csv, "big.csv", o);
        const PositionCsvResult b = parse_positions_csv(csv, "big.csv", sequential(o));
        EXPECT_EQ(a.ok, b.ok);
        ASSERT_EQ(a.issues.size(), b.issues.size());
        for (std::size_t i = 0; i < a.issues.size(); ++i)
            EXPECT_EQ(format_issue(a.issues[i]), format_issue(b.issues[i]));
        ASSERT_EQ(a.skipped.size(), b.skipped.size());
        for (std::size_t i = 0; i < a.skipped.size(); ++i) {
            EXPECT_EQ(a.skipped[i].line, b.skipped[i].line);
            EXPECT_EQ(a.skipped[i].reason, b.skipped[i].reason);
        }
        EXPECT_EQ(a.book.id, b.book.id);
    }
    const PositionCsvResult strict = parse_positions_csv(csv, "big.csv");
    ASSERT_NE(strict.first_error(), nullptr);
    EXPECT_EQ(strict.first_error()->line, 100001u);
    PositionCsvOptions skip;
    skip.policy = BadRowPolicy::SkipBadRows;
    const PositionCsvResult skipped = parse_positions_csv(csv, "big.csv", skip);
    ASSERT_TRUE(skipped.ok);
    EXPECT_EQ(skipped.book.positions(), 160000u - 2);
    EXPECT_NE(std::find(skipped.book.id.begin(), skipped.book.id.end(), "p\"130"), skipped.book.id.end());
}

TEST(PositionCsvReaderPipeline, CancelStopsTheParsingThread) {
    const std::string csv = large_csv();
    PositionCsvOptions o;
    int calls = 0;
    o.progress = [&](double) { return ++calls < 2; };
    const PositionCsvResult r = parse_positions_csv(csv, "big.csv", o);
    EXPECT_TRUE(r.cancelled);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.book.positions(), 0u);
}
