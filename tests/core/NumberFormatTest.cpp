// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers as text: shortest exact round trips, plain decimals for everyday magnitudes, and a
// whole-field parse that refuses anything it cannot read exactly.
#include "core/base/NumberFormat.h"
#include "core/base/CounterRng.h"

#include <gtest/gtest.h>

#include <bit>
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
        ASSERT_EQ(*back, x == 0.0 ? 0.0 : x) << format_plain(x);
        ++checked;
    }
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
