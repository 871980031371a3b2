// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers as text: shortest exact round trips, plain decimals for everyday magnitudes, and a
// whole-field parse that refuses anything it cannot read exactly.
#include "core/base/NumberFormat.h"
#include "core/base/CounterRng.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

using levex::append_plain;
using levex::format_plain;
using levex::parse_finite;

TEST(NumberFormat, PlainDecimalsForEverydayMagnitudes) {
    EXPECT_EQ(format_plain(100000.0), "100000");
    EXPECT_EQ(format_plain(0.1), "0.1");
    EXPECT_EQ(format_plain(123.456), "123.456");
    EXPECT_EQ(format_plain(-2.5), "-2.5");
    EXPECT_EQ(format_plain(1e-6), "0.000001");
    EXPECT_EQ(format_plain(1.0 / 3.0), "0.3333333333333333");
}

TEST(NumberFormat, ExponentsOnlyAtTheExtremes) {
    EXPECT_EQ(format_plain(1e21), "1e+21");
    EXPECT_EQ(format_plain(1e-7), "1e-07");
    EXPECT_EQ(format_plain(1e300), "1e+300");
    EXPECT_EQ(format_plain(std::numeric_limits<double>::denorm_min()), "5e-324");
}

TEST(NumberFormat, SignedZeroAndInfinities) {
    EXPECT_EQ(format_plain(-0.0), "0"); // never "-0"
    EXPECT_EQ(format_plain(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(format_plain(-std::numeric_limits<double>::infinity()), "-inf");
}

// The longest texts fit in the room a buffer writer gives each number (25 characters).
TEST(NumberFormat, LongestTextsFitTheirRoom) {
    for (const double x : {-1.2345678901234567e-6, -9.999999999999999e20, -2.2250738585072014e-308,
                           -std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::max(),
                           -0.12345678901234566, -1234567.8901234567}) {
        char text[levex::kPlainMaxChars];
        char* end = levex::write_plain(text, x);
        EXPECT_EQ(std::string(text, end), format_plain(x));
        EXPECT_LE(format_plain(x).size(), 25u) << format_plain(x);
    }
}

TEST(NumberFormat, AppendAddsToWhatIsThere) {
    std::string out = "x=";
    append_plain(out, 0.25);
    out += ',';
    append_plain(out, 1e22);
    EXPECT_EQ(out, "x=0.25,1e+22");
}

// Every finite double, from bit patterns all over the range, reads back to itself.
TEST(NumberFormat, EveryValueRoundTripsExactly) {
    levex::CounterRng rng(3, 3);
    int checked = 0;
    while (checked < 20000) {
        const double x = std::bit_cast<double>(rng.next_u64());
        if (!std::isfinite(x))
            continue;
        const auto back = parse_finite(format_plain(x));
        ASSERT_TRUE(back.has_value()) << format_plain(x);
        ASSERT_LE(format_plain(x).size(), levex::kPlainMaxChars) << format_plain(x);
        ASSERT_EQ(*back, x == 0.0 ? 0.0 : x) << format_plain(x);
        ++checked;
    }
}

// The short-decimal path (values with at most 6 decimals, written without std::to_chars) writes
// exactly what std::to_chars writes: decimals of every length, values a half-unit apart at each
// length (where rounding goes to even), and magnitudes up to the path's 2^52 millionths limit.
TEST(NumberFormat, ShortDecimalsAreWhatToCharsWrites) {
    auto to_chars_text = [](double x) {
        char buffer[400];
        return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed).ptr);
    };
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    levex::CounterRng rng(5, 1);
    for (int i = 0; i < 200000; ++i) {
        const std::uint64_t digits = rng.next_u64() % (std::uint64_t(1) << (1 + i % 52));
        const double x = static_cast<double>(digits) / kPow10[i % 8];
        if (x >= 1e-6 && x < 1e15) {
            ASSERT_EQ(format_plain(x), to_chars_text(x)) << digits << " / 10^" << i % 8;
        }
    }
    for (const double x :
         {0.5, 1.5, 2.5, 0.25, 0.125, 0.0625, 0.000005, 0.0000015, 0.0000025, 4503599627.370495, 4503599627.370496,
          4503599627.370497, 999999999.999999, 123456.123456, 0.000001, 0.1 + 0.2, 1e-6 + 1e-12})
        EXPECT_EQ(format_plain(x), to_chars_text(x)) << x;
}

TEST(NumberFormat, ParseTakesTheWholeFieldWithSurroundingSpaces) {
    EXPECT_EQ(parse_finite(" 1.5 "), 1.5);
    EXPECT_EQ(parse_finite("\t7\t"), 7.0);
    EXPECT_EQ(parse_finite("+2"), 2.0);
    EXPECT_EQ(parse_finite(".5"), 0.5);
    EXPECT_EQ(parse_finite("5."), 5.0);
    EXPECT_EQ(parse_finite("-1e-3"), -0.001);
}

TEST(NumberFormat, ParseRefusesWhatItCannotReadExactly) {
    for (const char* text : {"", "   ", "1,5", "1.5x", "++1", "0x10", "nan", "inf", "-inf", "1e400", "-1e400", "1 2"})
        EXPECT_FALSE(parse_finite(text).has_value()) << "'" << text << "'";
}
