// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-deleveraging: the queue's order and BitMEX's ranking (docs/model.md §4).
#include "core/engine/AdlQueue.h"

#include <gtest/gtest.h>

using levex::AdlQueue;

// The BitMEX ADL example: longs (account, qty, rank) (1,10,3) (2,10,6) (3,20,1) (4,30,4) (5,20,5)
// (6,10,2); a 20-lot short liquidated at bankruptcy 650 closes 10 of account 2 and 10 of account 5.
TEST(AdlQueue, BitmexPublishedExample) {
    AdlQueue queue({{1, 3, 10}, {2, 6, 10}, {3, 1, 20}, {4, 4, 30}, {5, 5, 20}, {6, 2, 10}});
    const auto fills = queue.absorb(20);
    ASSERT_EQ(fills.size(), 2u);
    EXPECT_EQ(fills[0].position, 2u);
    EXPECT_DOUBLE_EQ(fills[0].quantity, 10.0);
    EXPECT_EQ(fills[1].position, 5u);
    EXPECT_DOUBLE_EQ(fills[1].quantity, 10.0);
    // Account 5 keeps 10 at the head of the queue.
    const auto next = queue.absorb(15);
    EXPECT_EQ(next[0].position, 5u);
    EXPECT_DOUBLE_EQ(next[0].quantity, 10.0);
    EXPECT_EQ(next[1].position, 4u);
}

TEST(AdlQueue, BitmexRankIsPnlPercentTimesEffectiveLeverage) {
    // Short from 1000 at mark 900 with bankruptcy 1100: PnL 10 %, effective leverage 900/200.
    EXPECT_DOUBLE_EQ(AdlQueue::bitmex_rank(-1, 1000, 900, 1100), 0.1 * 900 / 200);
    EXPECT_DOUBLE_EQ(AdlQueue::bitmex_rank(-1, 1000, 1100, 1200), 0.0); // losing: not ranked
}
