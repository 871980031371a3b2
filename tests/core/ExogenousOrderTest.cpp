// SPDX-License-Identifier: GPL-3.0-or-later
// The exogenous order (run parameters sell and buy): an outside market order walking the same depth
// as forced orders, at step 0 or spread over the shock's steps (docs/model.md §3, §4).
#include "core/engine/CascadeEngine.h"
#include "core/engine/MarketFactory.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"
#include "core/market/LiquidityProblem.h"
#include "core/model/BookGenerator.h"
#include "core/model/ParameterTable.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace levex;
using levex::test::BookBuilder;

namespace {

// A static flat book of 1,000 quote per 1 % at 100 (10 base per 1 %) with permanent impact: an order
// of q base moves the price by exp(∓q / 1000).
RunParameters flat_static() {
    RunParameters p;
    p.depth_model = DepthModel::Flat;
    p.depth_quote_per_pct = 1000.0;
    p.withdrawal = false;
    p.half_life_s = std::numeric_limits<double>::infinity();
    p.steps = 50;
    p.bins = 64;
    return p;
}

VenueProfile generic() {
    return test::bundled_venue("generic");
}

} // namespace

// A sale of 5 alone takes the book to 100·e^-0.005 = 99.501, below A's liquidation price 99.7
// ((2·105 − 11.597) / (2·0.995)); A's forced sale of 2 takes it on to 100·e^-0.007. B (liq 50.25)
// survives. No index shock: the index stays at 100.
TEST(ExogenousOrder, SaleAloneWalksTheBookDownAndLiquidates) {
    BookBuilder b(100.0);
    b.add(+1, 2, 105, 11.597); // A
    b.add(+1, 1, 100, 50);     // B
    RunParameters p = flat_static();
    p.sell = 5;
    const RunResult r = simulate(b.book(), generic(), p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_EQ(r.log[0].position, 0u);
    EXPECT_EQ(r.log[0].step, 0u);
    EXPECT_EQ(r.log[0].path, LiquidationPath::Book);
    EXPECT_NEAR(r.log[0].fill_price, 100.0 * 1000.0 * (std::exp(-0.005) - std::exp(-0.007)) / 2.0, 1e-10);
    EXPECT_DOUBLE_EQ(r.frames.index[0], 100.0);
    EXPECT_NEAR(r.frames.book[0], 100.0 * std::exp(-0.007), 1e-10);
    EXPECT_NEAR(r.summary.final_price, 100.0 * std::exp(-0.007), 1e-10);
    // The fixed point counts the sale: here (permanent impact, one step) the run ends on it.
    EXPECT_NEAR(r.summary.exhaustion_price, 100.0 * std::exp(-0.007), 1e-10);
    EXPECT_EQ(r.summary.liquidated_count_long, 1u);
    EXPECT_EQ(r.summary.liquidated_count_short, 0u);
}

// The mirror: a purchase of 5 takes the book to 100·e^0.005 = 100.501, above the short's liquidation
// price 100.3 ((2·95 + 11.603) / (2·1.005)); its forced purchase of 2 takes it to 100·e^0.007.
TEST(ExogenousOrder, PurchaseAloneWalksTheBookUpAndLiquidatesShorts) {
    BookBuilder b(100.0);
    b.add(-1, 2, 95, 11.603);
    b.add(+1, 1, 100, 50);
    RunParameters p = flat_static();
    p.buy = 5;
    const RunResult r = simulate(b.book(), generic(), p);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_EQ(r.log[0].position, 0u);
    EXPECT_NEAR(r.log[0].fill_price, 100.0 * 1000.0 * (std::exp(0.007) - std::exp(0.005)) / 2.0, 1e-10);
    EXPECT_NEAR(r.summary.final_price, 100.0 * std::exp(0.007), 1e-10);
    EXPECT_NEAR(r.summary.exhaustion_price, 100.0 * std::exp(0.007), 1e-10);
    EXPECT_EQ(r.summary.liquidated_count_short, 1u);
    EXPECT_EQ(r.summary.liquidated_count_long, 0u);
}

// Spread over the shock's steps: 6 base over 3 steps, 2 each, the book 0.2 % lower at each.
TEST(ExogenousOrder, SpreadOverTheShockStepsInEqualParts) {
    BookBuilder b(100.0);
    b.add(+1, 1, 100, 50); // liq 50.25: never reached
    RunParameters p = flat_static();
    p.sell = 6;
    p.shock_steps = 3;
    const RunResult r = simulate(b.book(), generic(), p);
    ASSERT_GE(r.frames.book.size(), 3u);
    for (std::size_t t = 0; t < 3; ++t)
        EXPECT_NEAR(r.frames.book[t], 100.0 * std::exp(-0.002 * double(t + 1)), 1e-10) << "step " << t;
    EXPECT_NEAR(r.summary.final_price, 100.0 * std::exp(-0.006), 1e-10);
    EXPECT_EQ(r.summary.liquidated_count, 0u);
}

// With sell = buy = 0 a run through the market factory is, bit for bit, the run on the static depth
// curves it has always been.
TEST(ExogenousOrder, NoOrderRunsBitForBitAsBefore) {
    GeneratorSettings g;
    g.positions = 3000;
    g.seed = 7;
    const PositionBook book = generate_book(g, generic());
    for (double shock : {-0.08, 0.05}) {
        RunParameters p;
        p.withdrawal = false;
        p.shock = shock;
        p.shock_steps = 4;
        p.half_life_s = 30;
        p.steps = 400;
        const RunResult now = simulate(book, generic(), p);
        const PreparedBook prepared = prepare_book(book, generic(), {}, 0, book.symbol_mark[0]);
        const RunResult before =
            run_cascade(prepared, build_depth(p, book.symbol_mark[0]), build_index_path(p, std::nullopt), p);
        EXPECT_EQ(now.frames.book, before.frames.book);
        EXPECT_EQ(now.frames.index, before.frames.index);
        EXPECT_EQ(now.frames.mark, before.frames.mark);
        EXPECT_EQ(now.frames.liquidated_notional_long, before.frames.liquidated_notional_long);
        EXPECT_EQ(now.frames.liquidated_notional_short, before.frames.liquidated_notional_short);
        EXPECT_EQ(now.summary.final_price, before.summary.final_price);
        EXPECT_EQ(now.summary.exhaustion_price, before.summary.exhaustion_price);
        EXPECT_EQ(now.summary.liquidated_count, before.summary.liquidated_count);
        EXPECT_EQ(now.summary.steps_run, before.summary.steps_run);
        ASSERT_EQ(now.log.size(), before.log.size());
        for (std::size_t i = 0; i < now.log.size(); ++i) {
            EXPECT_EQ(now.log[i].position, before.log[i].position);
            EXPECT_EQ(now.log[i].fill_price, before.log[i].fill_price);
        }
        for (double w : now.frames.withdrawal)
            EXPECT_EQ(w, 1.0);
    }
}

// With withdrawal the sale thins the book it walks (w < 1 recorded) and its later parts go deeper.
TEST(ExogenousOrder, SaleThinsAWithdrawingBook) {
    BookBuilder b(100.0);
    b.add(+1, 1, 100, 50);
    RunParameters p;
    p.depth_model = DepthModel::VShaped;
    p.depth_quote_within_1pct = 1e5;
    p.sell = 500; // 0.5 depths within 1 %, in 5 parts: each after the first meets a thinner book
    p.shock_steps = 5;
    p.steps = 50;
    p.bins = 64;
    p.withdrawal = false;
    const RunResult still = simulate(b.book(), generic(), p);
    p.withdrawal = true;
    const RunResult thinning = simulate(b.book(), generic(), p);
    EXPECT_LT(thinning.frames.withdrawal[0], 1.0);
    EXPECT_LT(thinning.frames.withdrawal[4], thinning.frames.withdrawal[0]); // more flow, less depth
    EXPECT_EQ(thinning.frames.book[0], still.frames.book[0]);                // the first part walks the full book
    EXPECT_LT(thinning.frames.book[4], still.frames.book[4]);
    EXPECT_LT(still.frames.book[4], 100.0);
}

// One exogenous order at a time; a purchase a pool cannot pay out is refused by key.
TEST(ExogenousOrder, RefusedWhereItCannotBe) {
    RunParameters both;
    both.sell = 1;
    both.buy = 1;
    const auto problem = check_run_parameters(both);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->key, "buy");

    RunParameters pool;
    pool.depth_model = DepthModel::Amm;
    pool.amm_base_reserve = 100;
    pool.amm_quote_reserve = 10000;
    pool.buy = 100;
    try {
        make_cascade_market(pool, 100.0, {});
        FAIL() << "a purchase of the whole reserve was accepted";
    } catch (const LiquidityError& e) {
        EXPECT_EQ(e.problem().key, "buy");
    }
    pool.buy = 50;
    EXPECT_NO_THROW(make_cascade_market(pool, 100.0, {}));
}
