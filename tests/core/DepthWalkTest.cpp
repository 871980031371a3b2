// SPDX-License-Identifier: GPL-3.0-or-later
// The venue's book as forced flow meets it: fills, resilience, permanent impact and withdrawal.
#include "core/market/DepthWalk.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {
BookDepth v_book() {
    return {DepthCurve::v_shaped(200.0), DepthCurve::v_shaped(150.0)};
}
} // namespace

// Without withdrawal a walk is the plain BookDepth arithmetic, bit for bit.
TEST(DepthWalk, WithoutWithdrawalItIsThePlainWalk) {
    const BookDepth depth = v_book();
    DepthWalk walk(depth, 120.0);
    walk.set_index(50000.0);
    double consumed = 0.0;
    for (auto [side, qty] : {std::pair{+1, 30.0}, {+1, 5.5}, {-1, 60.0}, {+1, 0.25}}) {
        const double c1 = consumed + side * qty;
        const double integral = side > 0 ? depth.price_integral(consumed, c1) : depth.price_integral(c1, consumed);
        EXPECT_EQ(walk.fill(side, qty), 50000.0 * integral / qty);
        consumed = c1;
        EXPECT_EQ(walk.consumed(), consumed);
        EXPECT_EQ(walk.book_price(), 50000.0 * std::exp(depth.offset(consumed)));
    }
    EXPECT_EQ(walk.withdrawal(), 1.0);
    walk.advance(1.0);
    EXPECT_EQ(walk.consumed(), consumed * std::exp2(-1.0 / 120.0));
}

TEST(DepthWalk, ImpactDecaysWithItsHalfLife) {
    DepthWalk walk(v_book(), 60.0);
    walk.set_index(100.0);
    walk.fill(+1, 200.0); // 1 % down
    EXPECT_NEAR(walk.book_price(), 100.0 * std::exp(-0.01), 1e-12);
    walk.advance(60.0);
    EXPECT_NEAR(walk.consumed(), 100.0, 1e-12);
    EXPECT_FALSE(walk.at_rest());
    for (int i = 0; i < 40; ++i)
        walk.advance(60.0);
    EXPECT_TRUE(walk.at_rest());
    DepthWalk permanent(v_book(), INFINITY);
    permanent.fill(+1, 200.0);
    permanent.advance(1e9);
    EXPECT_EQ(permanent.consumed(), 200.0);
}

// The permanent share of a fill moves the index; the book price stays where the fill left it.
TEST(DepthWalk, ShiftingTheIndexKeepsTheBookPrice) {
    DepthWalk walk(v_book(), 120.0);
    walk.set_index(100.0);
    walk.fill(+1, 400.0);
    const double book = walk.book_price();
    walk.shift_index(-0.004);
    EXPECT_NEAR(walk.index(), 100.0 * std::exp(-0.004), 1e-12);
    EXPECT_NEAR(walk.book_price(), book, 1e-12);
}

TEST(DepthWalk, FillableToReachesThePriceExactly) {
    for (bool withdrawal : {false, true}) {
        DepthWalk walk(v_book(), 120.0,
                       withdrawal ? std::optional<WithdrawalParameters>(WithdrawalParameters{}) : std::nullopt);
        walk.set_index(100.0);
        walk.fill(+1, 50.0);
        const double target = 99.0;
        const double q = walk.fillable_to(+1, target);
        walk.fill(+1, q);
        EXPECT_NEAR(walk.book_price(), target, 1e-10);
        EXPECT_EQ(walk.fillable_to(+1, 99.5), 0.0); // already below
        EXPECT_GT(walk.fillable_to(-1, 99.5), 0.0);
    }
}

// Withdrawal: the same orders fill at worse prices and push the book further; the thinning itself
// does not move the book price, and the depth recovers afterwards.
TEST(DepthWalk, WithdrawalMakesTheSameFlowGoDeeper) {
    DepthWalk plain(v_book(), 120.0), thinned(v_book(), 120.0, WithdrawalParameters{});
    plain.set_index(100.0);
    thinned.set_index(100.0);
    double previous_w = 1.0;
    for (int i = 0; i < 10; ++i) {
        const double p = plain.fill(+1, 40.0), t = thinned.fill(+1, 40.0);
        if (i > 0) {
            EXPECT_LT(t, p) << i;
        }
        EXPECT_LT(thinned.withdrawal(), previous_w);
        previous_w = thinned.withdrawal();
    }
    EXPECT_LT(thinned.book_price(), plain.book_price());
    // 400 base is twice the resting depth within 1 % of the bids: w = (1 + 2/2.5)^−2.7.
    EXPECT_NEAR(thinned.withdrawal(), std::pow(1.0 + 2.0 / 2.5, -2.7), 1e-12);
    const double before = thinned.consumed();
    thinned.advance(120.0);
    EXPECT_NEAR(thinned.withdrawal(), std::pow(1.0 + 1.0 / 2.5, -2.7), 1e-12); // half the stress left
    EXPECT_NEAR(thinned.consumed(), before / 2, 1e-9);
    EXPECT_NEAR(thinned.book_price(), 100.0 * std::exp(-0.01 * std::sqrt(before / 2 / 200.0)), 1e-9);
}

// Inside the band within 1 %, a walk at w pays w·∫exp(offset) over the resting depth it crosses,
// q / w of it.
TEST(DepthWalk, AThinnedFillCrossesMoreRestingDepth) {
    DepthWalk walk({DepthCurve::flat(100.0), DepthCurve::flat(100.0)}, INFINITY, WithdrawalParameters{});
    walk.set_index(1.0);
    walk.fill(+1, 50.0); // w falls to (1 + 0.5/2.5)^−2.7 after this fill
    const double w = walk.withdrawal();
    const double c0 = walk.consumed();
    const double vwap = walk.fill(+1, 10.0);
    EXPECT_NEAR(walk.consumed() - c0, 10.0 / w, 1e-12);
    const double x0 = 0.01 * c0 / 100.0, x1 = 0.01 * walk.consumed() / 100.0;
    EXPECT_NEAR(vwap, w * (std::exp(-x0) - std::exp(-x1)) / 0.0001 / 10.0, 1e-12);
}

// Withdrawal thins only the band within 1 % of the index: an order that crosses it pays w for the
// band's rest and the whole resting depth beyond, so the book never lies further from the static
// walk than the band's withdrawn part, (1 − w)·D1, however large the flow.
TEST(DepthWalk, DepthBeyondTheBandIsSpared) {
    const BookDepth flat{DepthCurve::flat(100.0), DepthCurve::flat(100.0)};
    DepthWalk walk(flat, INFINITY, WithdrawalParameters{});
    walk.set_index(1.0);
    walk.fill(+1, 60.0);
    const double w = walk.withdrawal();
    const double c0 = walk.consumed();
    const double vwap = walk.fill(+1, 500.0);
    const double band_left = w * (100.0 - c0);
    EXPECT_NEAR(walk.consumed(), 100.0 + (500.0 - band_left), 1e-9);
    const double x0 = 0.01 * c0 / 100.0, xb = 0.01, x1 = 0.01 * walk.consumed() / 100.0;
    const double paid = w * (std::exp(-x0) - std::exp(-xb)) / 0.0001 + (std::exp(-xb) - std::exp(-x1)) / 0.0001;
    EXPECT_NEAR(vwap, paid / 500.0, 1e-12);
    // A thousand depths of flow: the state stays within the band of the static walk's.
    for (int i = 0; i < 100; ++i)
        walk.fill(+1, 1000.0);
    EXPECT_LT(walk.withdrawal(), 1e-6);
    EXPECT_LE(walk.consumed(), 60.0 + 500.0 + 100000.0 + 100.0);
    EXPECT_GT(walk.consumed(), 60.0 + 500.0 + 100000.0);
    // The quantity to a price beyond the band is the band's thinned rest plus the whole depth past it.
    DepthWalk fresh(flat, INFINITY, WithdrawalParameters{});
    fresh.set_index(1.0);
    fresh.fill(+1, 60.0);
    const double limit = std::exp(-0.02); // 200 base of resting bids from the index
    EXPECT_NEAR(fresh.fillable_to(+1, limit), fresh.withdrawal() * 40.0 + 100.0, 1e-9);
    fresh.fill(+1, fresh.fillable_to(+1, limit));
    EXPECT_NEAR(fresh.book_price(), limit, 1e-12);
}
