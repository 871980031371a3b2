// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/TextColumn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using levex::TextColumn;

TEST(TextColumn, HoldsTextsInOrderIncludingEmptyOnes) {
    TextColumn c;
    EXPECT_TRUE(c.empty());
    c.push_back("p1");
    c.push_back("");
    c.push_back("an id longer than the small-string buffer of std::string");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0], "p1");
    EXPECT_EQ(c[1], "");
    EXPECT_EQ(c[2], "an id longer than the small-string buffer of std::string");
    EXPECT_EQ(c.back(), c[2]);
    const std::vector<std::string> all(c.begin(), c.end());
    EXPECT_EQ(all, (std::vector<std::string>{"p1", "", "an id longer than the small-string buffer of std::string"}));
    EXPECT_NE(std::find(c.begin(), c.end(), "p1"), c.end());
    EXPECT_EQ(std::find(c.begin(), c.end(), "p"), c.end());
}

TEST(TextColumn, KeepOnlyCompactsTheKeptTextsInOrder) {
    TextColumn c{"alpha", "b", "", "delta", "epsilon"};
    c.keep_only({0, 1, 1, 0, 1});
    EXPECT_EQ(c, (TextColumn{"b", "", "epsilon"}));
    c.push_back("z"); // appending after a compaction continues where the kept text ends
    EXPECT_EQ(c, (TextColumn{"b", "", "epsilon", "z"}));
    c.keep_only({0, 0, 0, 0});
    EXPECT_TRUE(c.empty());
    EXPECT_EQ(c, TextColumn());
}

TEST(TextColumn, ReorderedFollowsTheOldIndexOfEachNewPlace) {
    const TextColumn c{"a0", "a1", "a2"};
    EXPECT_EQ(c.reordered({2, 0}), (TextColumn{"a2", "a0"}));
    EXPECT_EQ(c.reordered({}), TextColumn());
}

TEST(TextColumn, EqualityComparesTheTextsNotHowTheyWereBuilt) {
    TextColumn grown;
    grown.reserve(2, 100);
    grown.push_back("x");
    grown.push_back("yz");
    EXPECT_EQ(grown, (TextColumn{"x", "yz"}));
    EXPECT_NE(grown, (TextColumn{"xy", "z"}));
}
