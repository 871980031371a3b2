// SPDX-License-Identifier: GPL-3.0-or-later
// Stress withdrawal: forced flow thins resting depth, which recovers with its own half-life.
#include "core/market/StressWithdrawal.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

TEST(StressWithdrawal, NoFlowLeavesTheBookWhole) {
    StressWithdrawal w(WithdrawalParameters{});
    EXPECT_EQ(w.factor(), 1.0);
    w.recover(60.0);
    w.absorb(0.0);
    EXPECT_EQ(w.factor(), 1.0);
    EXPECT_EQ(StressWithdrawal::after_flow({}, 0.0), 1.0);
    EXPECT_EQ(StressWithdrawal::rest_equivalent({}, 0.0), 0.0);
}

TEST(StressWithdrawal, MoreFlowLeavesLessDepth) {
    const WithdrawalParameters p;
    double before = 1.0;
    for (double flow : {0.01, 0.1, 0.5, 1.0, 3.0, 10.0, 100.0}) {
        const double w = StressWithdrawal::after_flow(p, flow);
        EXPECT_LT(w, before) << flow;
        EXPECT_GT(w, 0.0);
        before = w;
    }
    // The same flow in pieces thins as much as at once: the stress adds up.
    StressWithdrawal pieces(p), once(p);
    for (int i = 0; i < 4; ++i)
        pieces.absorb(0.25);
    once.absorb(1.0);
    EXPECT_NEAR(pieces.factor(), once.factor(), 1e-15);
    EXPECT_NEAR(once.factor(), StressWithdrawal::after_flow(p, 1.0), 1e-15);
    once.absorb(0.5);
    EXPECT_LT(once.factor(), pieces.factor());
}

// The defaults put the median and p90 of measured liquidation events (forced flow of 1.41 and 4.55
// times the depth within 1 %) at the measured median and p90 thinning, 3.4x and 17x.
TEST(StressWithdrawal, DefaultsReproduceTheMeasuredThinning) {
    const WithdrawalParameters p;
    EXPECT_NEAR(1.0 / StressWithdrawal::after_flow(p, 1.407), 3.4, 0.1);
    EXPECT_NEAR(1.0 / StressWithdrawal::after_flow(p, 4.55), 17.0, 1.0);
}

// The stress (the flow the book remembers) halves every half-life: after one, the depth is as thin
// as half the flow would have left it.
TEST(StressWithdrawal, RecoversWithItsHalfLife) {
    WithdrawalParameters p;
    p.half_life_s = 90.0;
    StressWithdrawal w(p);
    w.absorb(2.0);
    EXPECT_NEAR(w.factor(), StressWithdrawal::after_flow(p, 2.0), 1e-15);
    w.recover(90.0);
    EXPECT_NEAR(w.stress(), 1.0, 1e-15);
    EXPECT_NEAR(w.factor(), StressWithdrawal::after_flow(p, 1.0), 1e-15);
    w.recover(45.0);
    w.recover(45.0);
    EXPECT_NEAR(w.factor(), StressWithdrawal::after_flow(p, 0.5), 1e-15);
    double before = w.factor();
    for (int i = 0; i < 30; ++i) { // back toward 1, never past it
        w.recover(90.0);
        EXPECT_GT(w.factor(), before);
        EXPECT_LE(w.factor(), 1.0);
        before = w.factor();
    }
    EXPECT_NEAR(w.factor(), 1.0, 1e-8);
    // After recovering, new flow thins from where the depth now is.
    w.absorb(0.1);
    EXPECT_LT(w.factor(), before);
    p.half_life_s = INFINITY;
    StressWithdrawal forever(p);
    forever.absorb(1.0);
    const double kept = forever.factor();
    forever.recover(1e6);
    EXPECT_EQ(forever.factor(), kept);
}

// ∫0^V dq / w(q): between V (no thinning) and V / w(V) (all of it at the thinnest), and its
// derivative is 1 / w.
TEST(StressWithdrawal, RestEquivalentIsTheContinuousWalk) {
    const WithdrawalParameters p;
    for (double v : {1e-6, 0.3, 2.0, 12.0}) {
        const double u = StressWithdrawal::rest_equivalent(p, v);
        EXPECT_GT(u, v);
        EXPECT_LT(u, v / StressWithdrawal::after_flow(p, v));
        const double h = 1e-6 * v;
        const double slope =
            (StressWithdrawal::rest_equivalent(p, v + h) - StressWithdrawal::rest_equivalent(p, v - h)) / (2 * h);
        EXPECT_NEAR(slope, 1.0 / StressWithdrawal::after_flow(p, v), 1e-6 * slope) << v;
    }
}

// The band within 1 % holds one resting depth: the flow that crosses it walks exactly that much.
TEST(StressWithdrawal, FlowAcrossTheBandWalksOneDepth) {
    for (const WithdrawalParameters& p : {WithdrawalParameters{}, WithdrawalParameters{1.0, 0.5, 60.0}}) {
        const double v = StressWithdrawal::flow_across_band(p);
        EXPECT_GT(v, 0.0);
        EXPECT_LT(v, 1.0); // the thinning band fills up before a whole depth of flow
        EXPECT_NEAR(StressWithdrawal::rest_equivalent(p, v), 1.0, 1e-12);
    }
}

TEST(StressWithdrawal, ParametersOutOfRangeNameTheirKey) {
    WithdrawalParameters p;
    EXPECT_FALSE(check_withdrawal(p));
    p.flow_scale = 0.0;
    ASSERT_TRUE(check_withdrawal(p));
    EXPECT_EQ(check_withdrawal(p)->key, "withdrawal_flow_scale");
    EXPECT_EQ(check_withdrawal(p)->found, "0");
    p = {};
    p.exponent = -1.0;
    EXPECT_EQ(check_withdrawal(p)->key, "withdrawal_exponent");
    p = {};
    p.half_life_s = 0.0;
    EXPECT_EQ(check_withdrawal(p)->key, "withdrawal_half_life_s");
    p.half_life_s = INFINITY;
    EXPECT_FALSE(check_withdrawal(p));
    p.exponent = NAN;
    try {
        StressWithdrawal bad(p);
        FAIL();
    } catch (const LiquidityError& e) {
        EXPECT_EQ(e.problem().key, "withdrawal_exponent");
        EXPECT_STREQ(e.what(), "withdrawal_exponent: expected a number > 0, found nan");
    }
}
