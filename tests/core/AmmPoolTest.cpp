// SPDX-License-Identifier: GPL-3.0-or-later
// AMM pools as depth: Uniswap v2 constant product and Curve StableSwap (2 coins), both directions,
// arbitrage toward the index, capacity and parameter errors.
#include "core/market/AmmPool.h"
#include "core/market/PoolWalk.h"
#include "core/market/StableSwapInvariant.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {

AmmPoolParameters constant_product(double base, double quote, double fee) {
    return {AmmKind::ConstantProduct, base, quote, fee, 0.0};
}
AmmPoolParameters stable_pool(double base, double quote, double fee, double a) {
    return {AmmKind::StableSwap, base, quote, fee, a};
}
// Curve's stETH/ETH pool as published: 241,954 stETH (the shocked asset) and 235,285 ETH.
AmmPoolParameters steth_pool(double fee = 0.0004) {
    return stable_pool(241954, 235285, fee, 15);
}

} // namespace

TEST(AmmPool, ConstantProductFollowsGetAmountOut) {
    AmmPool pool(constant_product(100.0, 200000.0, 0.003));
    EXPECT_DOUBLE_EQ(pool.marginal_price(), 2000.0);
    // Uniswap v2: amountInWithFee = 1·997; out = 997·200000 / (100·1000 + 997).
    const double out = pool.sell_base(1.0);
    EXPECT_NEAR(out, 997.0 * 200000.0 / (100.0 * 1000.0 + 997.0), 1e-9);
    EXPECT_DOUBLE_EQ(pool.base(), 101.0); // the whole input stays in the pool
    EXPECT_NEAR(pool.quote(), 200000.0 - out, 1e-9);
    EXPECT_GT(pool.invariant(), 100.0 * 200000.0); // the fee grows k
    // Buying: in = y·q / ((x − q)·(1 − f)).
    const double x = pool.base(), y = pool.quote();
    const double in = pool.buy_base(2.0);
    EXPECT_NEAR(in, y * 2.0 / ((x - 2.0) * 0.997), 1e-9);
    EXPECT_NEAR(pool.base(), x - 2.0, 1e-12);
    EXPECT_NEAR(pool.quote(), y + in, 1e-9);
}

TEST(AmmPool, ConstantProductWithoutFeeKeepsK) {
    AmmPool pool(constant_product(50.0, 5000.0, 0.0));
    for (int i = 0; i < 20; ++i) {
        pool.sell_base(3.0 + i);
        pool.buy_base(2.5 + i);
    }
    EXPECT_NEAR(pool.invariant(), 50.0 * 5000.0, 1e-9 * 50.0 * 5000.0);
    // The VWAP of a sale lies between the prices before and after it.
    const double before = pool.marginal_price();
    const double vwap = pool.sell_base(10.0) / 10.0;
    EXPECT_LT(vwap, before);
    EXPECT_GT(vwap, pool.marginal_price());
}

// Curve stETH/ETH, A = 15, fee 0.04 %: selling 80,000 stETH leaves 156,359 ETH in the pool, which
// then quotes 0.9716 ETH per stETH with its fee (0.9720 at the margin).
TEST(AmmPool, StableSwapReproducesTheStethPoolAfterAnEightyThousandSale) {
    AmmPool pool(steth_pool());
    const double paid = pool.sell_base(80000.0);
    EXPECT_EQ(std::round(pool.quote()), 156359.0);
    EXPECT_EQ(pool.base(), 241954.0 + 80000.0);
    EXPECT_NEAR(paid, 235285.0 - pool.quote(), 1e-6);
    EXPECT_EQ(std::round(pool.marginal_price() * 1e4), 9720.0);
    EXPECT_EQ(std::round(pool.marginal_price() * (1.0 - 0.0004) * 1e4), 9716.0);
}

TEST(AmmPool, StableSwapConservesDAcrossFeelessSwaps) {
    AmmPool pool(steth_pool(0.0));
    const double d0 = pool.invariant();
    for (int i = 0; i < 50; ++i) {
        pool.sell_base(5000.0 + 100.0 * i);
        pool.buy_base(4000.0 + 50.0 * i);
        ASSERT_NEAR(stableswap::invariant(pool.base(), pool.quote(), 15.0), d0, 1e-9 * d0) << i;
    }
    EXPECT_NEAR(pool.invariant(), d0, 1e-9 * d0);
}

TEST(AmmPool, StableSwapTakesItsFeeFromTheOutput) {
    AmmPool with_fee(steth_pool()), without(steth_pool(0.0));
    const double gross = without.sell_base(1000.0);
    const double net = with_fee.sell_base(1000.0);
    EXPECT_NEAR(net, gross * (1.0 - 0.0004), 1e-9);
    EXPECT_NEAR(with_fee.quote(), without.quote() + gross * 0.0004, 1e-9); // the fee stays in the pool
    // A purchase of q pays out q after a fee on q / (1 − f) gross: dearer than without the fee.
    AmmPool buy_fee(steth_pool()), buy_free(steth_pool(0.0));
    EXPECT_GT(buy_fee.buy_base(1000.0), buy_free.buy_base(1000.0));
    EXPECT_NEAR(buy_fee.base(), 241954.0 - 1000.0, 1e-9);
}

// With a vanishing amplification the invariant becomes x·y = D²/4: a constant product.
TEST(AmmPool, StableSwapWithoutAmplificationIsAConstantProduct) {
    AmmPool ss(stable_pool(1000.0, 2000.0, 0.0, 1e-9)), cp(constant_product(1000.0, 2000.0, 0.0));
    EXPECT_NEAR(ss.marginal_price(), 2.0, 1e-6);
    EXPECT_NEAR(ss.sell_base(300.0), cp.sell_base(300.0), 1e-4);
}

TEST(AmmPool, BothDirectionsMoveThePriceTheRightWay) {
    for (const AmmPoolParameters& p : {constant_product(100.0, 100.0, 0.003), steth_pool()}) {
        AmmPool pool(p);
        const double start = pool.marginal_price();
        const double buy = pool.buy_base(0.1 * p.base_reserve) / (0.1 * p.base_reserve);
        EXPECT_GT(buy, start);
        EXPECT_GT(pool.marginal_price(), start);
        const double mid = pool.marginal_price();
        pool.sell_base(0.3 * p.base_reserve);
        EXPECT_LT(pool.marginal_price(), mid);
    }
}

TEST(AmmPool, QuantityToPriceLandsOnThePrice) {
    for (const AmmPoolParameters& p : {constant_product(100.0, 200000.0, 0.003), steth_pool()}) {
        const AmmPool pool(p);
        const double start = pool.marginal_price();
        for (double target : {start * 0.9, start * 0.999, start * 1.002, start * 1.3}) {
            const int side = target < start ? +1 : -1;
            const double q = pool.quantity_to_price(side, target);
            EXPECT_GT(q, 0.0);
            EXPECT_NEAR(pool.price_after(side, q), target, 1e-10 * target) << amm_kind_name(p.kind) << " " << target;
        }
        EXPECT_EQ(pool.quantity_to_price(+1, start * 1.1), 0.0);
        EXPECT_EQ(pool.quantity_to_price(-1, start * 0.9), 0.0);
    }
}

TEST(AmmPool, MovingToAPriceKeepsTheInvariant) {
    for (const AmmPoolParameters& p : {constant_product(100.0, 200000.0, 0.003), steth_pool()}) {
        AmmPool pool(p);
        const double k = pool.invariant(), start = pool.marginal_price();
        for (double target : {start * 0.8, start * 1.05, start}) {
            pool.move_to_price(target);
            EXPECT_NEAR(pool.marginal_price(), target, 1e-12 * target) << amm_kind_name(p.kind);
            EXPECT_NEAR(pool.invariant(), k, 1e-9 * k);
        }
    }
}

TEST(AmmPool, APurchaseLargerThanThePoolIsAnError) {
    AmmPool pool(constant_product(10.0, 1000.0, 0.003));
    try {
        pool.buy_base(10.0);
        FAIL();
    } catch (const LiquidityError& e) {
        EXPECT_EQ(e.problem().key, "amm_base_reserve");
        EXPECT_STREQ(e.what(), "amm_base_reserve: expected a purchase below what the pool can pay out, 10 base, "
                               "found 10 base");
    }
    EXPECT_EQ(pool.base(), 10.0); // nothing changed
    AmmPool curve(steth_pool());
    EXPECT_DOUBLE_EQ(curve.max_purchase(), 241954.0 * (1 - 0.0004));
    EXPECT_THROW(curve.buy_base(241954.0 * (1 - 0.0004)), LiquidityError);
    EXPECT_NO_THROW(curve.buy_base(241954.0 * 0.99));
}

TEST(AmmPool, ParametersOutOfRangeNameTheirKey) {
    const auto key = [](AmmPoolParameters p) { return check_amm_pool(p) ? check_amm_pool(p)->key : ""; };
    EXPECT_EQ(key(constant_product(1.0, 1.0, 0.0)), "");
    EXPECT_EQ(key(stable_pool(1.0, 1.0, 0.0, 0.0)), "amm_amplification");
    EXPECT_EQ(key(stable_pool(1.0, 1.0, 0.0, -3.0)), "amm_amplification");
    EXPECT_EQ(key(constant_product(1.0, 1.0, 0.0)), ""); // amplification is not the constant product's
    EXPECT_EQ(key(constant_product(0.0, 1.0, 0.0)), "amm_base_reserve");
    EXPECT_EQ(key(constant_product(1.0, -1.0, 0.0)), "amm_quote_reserve");
    EXPECT_EQ(key(constant_product(1.0, 1.0, 1.0)), "amm_fee");
    EXPECT_EQ(key(constant_product(1.0, 1.0, -0.001)), "amm_fee");
    EXPECT_EQ(key(constant_product(1.0, 1.0, NAN)), "amm_fee");
    EXPECT_EQ(check_amm_pool(stable_pool(1.0, 1.0, 0.0, 0.0))->found, "0");
    try {
        AmmPool bad(constant_product(1.0, 1.0, 1.5));
        FAIL();
    } catch (const LiquidityError& e) {
        EXPECT_STREQ(e.what(), "amm_fee: expected a fraction in [0, 1) (0.003 = 0.3 %), found 1.5");
    }
}

TEST(PoolWalk, FillsAtTheSwapsAveragePrice) {
    PoolWalk walk(AmmPool(steth_pool()), INFINITY);
    const double start = walk.book_price();
    EXPECT_DOUBLE_EQ(walk.index(), start);
    AmmPool reference(steth_pool());
    EXPECT_DOUBLE_EQ(walk.fill(+1, 80000.0), reference.sell_base(80000.0) / 80000.0);
    EXPECT_DOUBLE_EQ(walk.book_price(), reference.marginal_price());
    EXPECT_DOUBLE_EQ(walk.fill(-1, 1000.0), reference.buy_base(1000.0) / 1000.0);
    EXPECT_THROW(walk.fill(-1, 1e9), LiquidityError);
}

// The index moves; the pool does not follow by itself: arbitrage halves the log gap every half-life.
TEST(PoolWalk, ArbitragePullsThePoolTowardTheIndex) {
    PoolWalk walk(AmmPool(constant_product(100.0, 200000.0, 0.003)), 60.0);
    walk.set_index(1800.0);
    EXPECT_DOUBLE_EQ(walk.book_price(), 2000.0);
    const double gap = std::log(2000.0 / 1800.0);
    walk.advance(60.0);
    EXPECT_NEAR(walk.offset(), gap / 2, 1e-12);
    walk.advance(30.0);
    walk.advance(30.0);
    EXPECT_NEAR(walk.offset(), gap / 4, 1e-12);
    EXPECT_NEAR(walk.pool().invariant(), 100.0 * 200000.0, 1e-6); // along the invariant, no fee
    PoolWalk none(AmmPool(constant_product(100.0, 200000.0, 0.003)), INFINITY);
    none.set_index(1800.0);
    none.advance(1e6);
    EXPECT_DOUBLE_EQ(none.book_price(), 2000.0);
    // The permanent share of an impact moves the index; the pool's price stays.
    walk.shift_index(0.01);
    EXPECT_NEAR(walk.index(), 1800.0 * std::exp(0.01), 1e-9);
}

TEST(PoolWalk, FillableToReachesThePrice) {
    PoolWalk walk(AmmPool(steth_pool()), INFINITY);
    const double q = walk.fillable_to(+1, 0.98);
    walk.fill(+1, q);
    EXPECT_NEAR(walk.book_price(), 0.98, 1e-10);
}

// A pool as cumulative depth from a state: monotone, and depth() inverts distance().
TEST(PoolDepth, IsAMonotoneDepthFunction) {
    for (const AmmPoolParameters& p : {constant_product(100.0, 200000.0, 0.003), steth_pool()})
        for (int side : {+1, -1}) {
            const PoolDepth depth(AmmPool(p), side);
            double before = 0.0;
            for (double x : {0.001, 0.01, 0.05, 0.2}) {
                const double q = depth.depth(x);
                EXPECT_GT(q, before);
                EXPECT_NEAR(depth.distance(q), x, 1e-9) << amm_kind_name(p.kind) << " " << side << " " << x;
                before = q;
            }
        }
    // Constant product without fee: selling q moves price by 2·ln(1 + q/x).
    const PoolDepth cp(AmmPool(constant_product(100.0, 200000.0, 0.0)), +1);
    EXPECT_NEAR(cp.distance(21.0), 2.0 * std::log(1.21), 1e-12);
}
