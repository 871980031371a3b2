// SPDX-License-Identifier: GPL-3.0-or-later
// The market factory: every depth model as a CascadeMarket, with and without stress withdrawal;
// static books bit for bit as before, pools at their own price, exhaustion searches per model.
#include "core/engine/MarketFactory.h"
#include "core/engine/CascadeEngine.h"
#include "core/engine/DepthCurveMarket.h"
#include "core/engine/PoolMarket.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"
#include "core/market/L2Depth.h"
#include "core/model/ParameterTable.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace levex;
using levex::test::BookBuilder;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

RunParameters static_book(DepthModel model) {
    RunParameters p;
    p.depth_model = model;
    p.withdrawal = false;
    p.depth_quote_per_pct = 3e5;
    p.depth_quote_within_1pct = 2e6;
    p.depth_exponent = 1.14;
    p.half_life_s = 30.0;
    p.permanent_fraction = 0.25;
    p.shock = -0.06;
    p.steps = 300;
    p.bins = 64;
    return p;
}

// 400 longs and 200 shorts at 2x to 40x around 100.
PositionBook ladder_book() {
    BookBuilder b(100.0);
    for (int i = 0; i < 600; ++i) {
        const int side = i % 3 == 2 ? -1 : 1;
        const double size = 10.0 + i % 13, entry = 96.0 + (i % 9);
        b.add(side, size, entry, size * entry / (2.0 + i % 39));
    }
    return b.book();
}

OrderBook small_l2() {
    OrderBook book;
    book.source = "test.csv";
    for (int i = 1; i <= 20; ++i) {
        book.bid_price.push_back(100.0 - 0.05 * i);
        book.bid_size.push_back(20.0 + 2.0 * i);
        book.ask_price.push_back(100.0 + 0.05 * i);
        book.ask_size.push_back(15.0 + 3.0 * i);
    }
    return book;
}

RunResult run_on(CascadeMarket& market, const PreparedBook& book, const RunParameters& p) {
    return run_cascade(book, market, build_index_path(p, std::nullopt), p);
}

void expect_same_run(const RunResult& a, const RunResult& b) {
    EXPECT_EQ(a.frames.book, b.frames.book);
    EXPECT_EQ(a.frames.index, b.frames.index);
    EXPECT_EQ(a.frames.mark, b.frames.mark);
    EXPECT_EQ(a.summary.final_price, b.summary.final_price);
    EXPECT_EQ(a.summary.exhaustion_price, b.summary.exhaustion_price);
    EXPECT_EQ(a.summary.liquidated_notional_long, b.summary.liquidated_notional_long);
    EXPECT_EQ(a.summary.liquidated_count, b.summary.liquidated_count);
    EXPECT_EQ(a.log.size(), b.log.size());
}

// Curve's stETH/ETH pool as published: 241,954 stETH (the shocked asset), 235,285 ETH, A = 15.
RunParameters steth_pool() {
    RunParameters p;
    p.depth_model = DepthModel::Amm;
    p.amm_kind = AmmKind::StableSwap;
    p.amm_base_reserve = 241954;
    p.amm_quote_reserve = 235285;
    p.amm_amplification = 15;
    return p;
}

} // namespace

// Without withdrawal the factory's market runs exactly as the static depth curves always have.
TEST(MarketFactory, StaticBooksRunBitForBitAsTheDepthCurves) {
    const PositionBook book = ladder_book();
    const PreparedBook prepared = prepare_book(book, test::bundled_venue("generic"), {}, 0, 100.0);
    const OrderBook l2 = small_l2();
    MarketInputs inputs;
    inputs.l2_book = l2;
    for (DepthModel model :
         {DepthModel::Flat, DepthModel::VShaped, DepthModel::Metaorder, DepthModel::PowerLaw, DepthModel::L2Book}) {
        const RunParameters p = static_book(model);
        const auto market = make_cascade_market(p, 100.0, inputs);
        const RunResult ours = run_on(*market, prepared, p);
        const RunResult before =
            run_cascade(prepared, build_depth(p, 100.0, &l2), build_index_path(p, std::nullopt), p);
        SCOPED_TRACE(depth_model_name(model));
        expect_same_run(ours, before);
        EXPECT_GT(ours.summary.liquidated_count, 0u);
        EXPECT_EQ(market->withdrawal(), 1.0);
    }
}

// The power law with k = 2 is the V-shaped book, and with k = 1 the flat one, to the last bit.
TEST(MarketFactory, PowerLawOfTwoIsTheVShapedBook) {
    const PositionBook book = ladder_book();
    const PreparedBook prepared = prepare_book(book, test::bundled_venue("generic"), {}, 0, 100.0);
    RunParameters power = static_book(DepthModel::PowerLaw);
    power.depth_exponent = 2.0;
    const RunParameters v = static_book(DepthModel::VShaped);
    expect_same_run(run_on(*make_cascade_market(power, 100.0, {}), prepared, power),
                    run_on(*make_cascade_market(v, 100.0, {}), prepared, v));
    power.depth_exponent = 1.0;
    power.depth_quote_within_1pct = power.depth_quote_per_pct;
    const RunParameters flat = static_book(DepthModel::Flat);
    expect_same_run(run_on(*make_cascade_market(power, 100.0, {}), prepared, power),
                    run_on(*make_cascade_market(flat, 100.0, {}), prepared, flat));
}

// An L2 snapshot continues past its last level with the power law fitted to its own levels.
TEST(MarketFactory, L2BookContinuesWithItsFittedTail) {
    MarketInputs inputs;
    inputs.l2_book = small_l2();
    const RunParameters p = static_book(DepthModel::L2Book);
    const L2Depth expected = l2_depth(*inputs.l2_book, 100.0);
    const BookDepth depth = build_depth(p, 100.0, &*inputs.l2_book);
    for (double x : {0.001, 0.02, 0.1})
        EXPECT_EQ(depth.bids.depth(x), expected.depth.bids.depth(x)) << x;
    EXPECT_NEAR(depth.bids.tail_exponent(), expected.fit.bids.exponent, 1e-12);
    EXPECT_NEAR(depth.bids.tail_distance(), expected.bid_edge, 1e-12);
    const MarketStart start = market_start(p, 103.0, inputs);
    EXPECT_EQ(start.price, 103.0);
    ASSERT_TRUE(start.gap.has_value());
    EXPECT_TRUE(start.gap->notable()); // the snapshot's mid is 100
    // Where the snapshot ends on each side, at the start price, for the charts.
    ASSERT_TRUE(start.snapshot_ends.has_value());
    EXPECT_NEAR(start.snapshot_ends->bid_price, 103.0 * std::exp(-expected.bid_edge), 1e-12);
    EXPECT_NEAR(start.snapshot_ends->ask_price, 103.0 * std::exp(expected.ask_edge), 1e-12);
    EXPECT_FALSE(market_start(static_book(DepthModel::VShaped), 103.0, inputs).snapshot_ends.has_value());
    // The notice the front ends show, from the core.
    const auto notice = market_start_notice(p, start);
    ASSERT_TRUE(notice.has_value());
    EXPECT_EQ(*notice, "the L2 snapshot's mid 100 is 2.91 % below the start price 103 (it was taken at another price); "
                       "its levels are re-based to the start price");
    // A price a factor away reads as that factor, the per cent beside it.
    const MarketStart far{0.0019, PriceGap{100000.0, 0.0019}, std::nullopt};
    RunParameters pool = p;
    pool.depth_model = DepthModel::Amm;
    EXPECT_EQ(*market_start_notice(pool, far), "the pool's price 0.0019 is 1.9e-08 times (100 % below) the book's "
                                               "mark 100000; the run starts at the pool's price");
}

// With withdrawal the flow thins the book: the same sale moves price further, a bigger one further
// still, and w comes back with its half-life.
TEST(MarketFactory, WithdrawalThinsTheBookUnderFlow) {
    RunParameters p = static_book(DepthModel::VShaped);
    p.permanent_fraction = 0.0;
    p.half_life_s = kInf;
    const auto still = make_cascade_market(p, 100.0, {});
    p.withdrawal = true;
    const auto thinning = make_cascade_market(p, 100.0, {});
    for (auto* m : {still.get(), thinning.get()}) {
        m->set_index(0.0);
        m->fill(+1, 2000.0); // 10 % of the resting depth within 1 % at a time
        m->fill(+1, 2000.0);
    }
    EXPECT_LT(thinning->book_price(), still->book_price());
    const double w = thinning->withdrawal();
    EXPECT_LT(w, 1.0);
    thinning->fill(+1, 2000.0);
    EXPECT_LT(thinning->withdrawal(), w);
    const double after = thinning->withdrawal();
    thinning->advance(p.withdrawal_half_life_s);
    EXPECT_GT(thinning->withdrawal(), after);
    EXPECT_LT(thinning->withdrawal(), 1.0);
}

// The fixed point with withdrawal walks the resting book as far as thinning depth lets a
// continuous walk go: at or below the static book's, and a bound on the run's lowest price.
TEST(MarketFactory, ExhaustionWithWithdrawalIsADeeperBound) {
    const PositionBook book = ladder_book();
    const PreparedBook prepared = prepare_book(book, test::bundled_venue("generic"), {}, 0, 100.0);
    RunParameters p = static_book(DepthModel::PowerLaw);
    p.permanent_fraction = 0.0;
    p.half_life_s = kInf;
    const auto still = make_cascade_market(p, 100.0, {});
    p.withdrawal = true;
    const auto thinning = make_cascade_market(p, 100.0, {});
    const double shocked = 94.0;
    const double static_p = still->exhaustion_price(prepared.long_ladder, shocked, true);
    const double withdrawn_p = thinning->exhaustion_price(prepared.long_ladder, shocked, true);
    EXPECT_LT(withdrawn_p, static_p);
    const RunResult r = run_on(*make_cascade_market(p, 100.0, {}), prepared, p);
    EXPECT_EQ(r.summary.exhaustion_price, withdrawn_p);
    EXPECT_GE(r.summary.min_price, withdrawn_p * (1 - 1e-12));
    // An exogenous sale walks the same side first: deeper still.
    EXPECT_LT(thinning->exhaustion_price(prepared.long_ladder, shocked, true, 500.0), withdrawn_p);
}

// A pool is the venue's book: the run starts at its marginal price; a book mark away from it is a notice.
TEST(MarketFactory, APoolStartsAtItsOwnPrice) {
    RunParameters p;
    p.depth_model = DepthModel::Amm;
    p.amm_base_reserve = 100.0;
    p.amm_quote_reserve = 200000.0;
    const MarketStart start = market_start(p, 2000.0, {});
    EXPECT_DOUBLE_EQ(start.price, 2000.0);
    ASSERT_TRUE(start.gap.has_value());
    EXPECT_FALSE(start.gap->notable());
    EXPECT_TRUE(market_start(p, 2100.0, {}).gap->notable());
    const auto market = make_cascade_market(p, start.price, {});
    EXPECT_DOUBLE_EQ(market->start_price(), 2000.0);
    market->set_index(0.0);
    // Uniswap v2 at its usual 0.3 %: out = 997·dx·y / (1000·x + 997·dx).
    const double vwap = market->fill(+1, 1.0);
    EXPECT_NEAR(vwap, 997.0 * 200000.0 / (100.0 * 1000.0 + 997.0), 1e-9);
    EXPECT_NEAR(market->book_price(), 200000.0 * 100.0 / (100.0 + 0.997) / 101.0, 1e-9);
    EXPECT_EQ(market->withdrawal(), 1.0); // pools do not withdraw
}

// docs/liquidity.md §4: after selling 80,000 stETH the pool holds 156,359 ETH and quotes 0.9720 at
// the margin; depth_scale scales both reserves.
TEST(MarketFactory, TheStethPoolAsAMarket) {
    RunParameters p = steth_pool();
    p.half_life_s = kInf;
    const auto market = make_cascade_market(p, 1.0, {});
    market->set_index(0.0);
    market->fill(+1, 80000.0);
    const auto& pool = dynamic_cast<const PoolMarket&>(*market).pool();
    EXPECT_NEAR(pool.quote(), 156359.0, 0.5);
    EXPECT_NEAR(market->book_price(), 0.9720, 5e-5);
    p.depth_scale = 2.0;
    const auto doubled_market = make_cascade_market(p, 1.0, {}); // kept alive: pool() refers into it
    const auto& doubled = dynamic_cast<const PoolMarket&>(*doubled_market).pool();
    EXPECT_DOUBLE_EQ(doubled.base(), 2 * 241954.0);
}

// The fixed point of a pool walks it from where arbitrage would have brought it at the shocked
// index; without arbitrage an index move alone leaves the pool where it is.
TEST(MarketFactory, APoolSearchStartsWhereArbitrageLeavesIt) {
    BookBuilder b(2000.0);
    for (int i = 0; i < 300; ++i) {
        const double size = 0.5 + (i % 7) * 0.25, entry = 1950.0 + (i % 11) * 10.0;
        b.add(+1, size, entry, size * entry / (3.0 + i % 30));
    }
    const PreparedBook prepared = prepare_book(b.book(), test::bundled_venue("generic"), {}, 0, 2000.0);
    RunParameters p;
    p.depth_model = DepthModel::Amm;
    p.amm_base_reserve = 400.0;
    p.amm_quote_reserve = 800000.0;
    p.half_life_s = kInf;
    const auto still = make_cascade_market(p, 2000.0, {});
    const auto alone = still->exhaustion_search(prepared.long_ladder, true, 12.0);
    const double after_sale = alone->at(2000.0);
    EXPECT_LT(after_sale, 2000.0);
    EXPECT_EQ(alone->at(1900.0), after_sale);
    p.half_life_s = 60.0;
    const auto arbitraged = make_cascade_market(p, 2000.0, {});
    const auto search = arbitraged->exhaustion_search(prepared.long_ladder, true, 0.0);
    const double shallow = search->at(1990.0), deep = search->at(1900.0);
    EXPECT_LE(shallow, 1990.0);
    EXPECT_LT(deep, 1900.0);
    EXPECT_LT(deep, shallow);
}

TEST(MarketFactory, BadPoolsAndMissingFilesAreRefused) {
    RunParameters p;
    p.depth_model = DepthModel::Amm;
    EXPECT_EQ(check_run_parameters(p)->key, "amm_base_reserve");
    p.amm_base_reserve = 10.0;
    EXPECT_EQ(check_run_parameters(p)->key, "amm_quote_reserve");
    p.amm_quote_reserve = 10.0;
    EXPECT_FALSE(check_run_parameters(p).has_value());
    p.amm_kind = AmmKind::StableSwap;
    EXPECT_EQ(check_run_parameters(p)->key, "amm_amplification");
    p.amm_amplification = 0.0;
    EXPECT_EQ(check_run_parameters(p)->key, "amm_amplification");
    p.amm_amplification = 10.0;
    p.amm_fee = 1.0;
    EXPECT_EQ(check_run_parameters(p)->key, "amm_fee");
    p.amm_fee = 0.5;
    EXPECT_NO_THROW(make_cascade_market(p, 1.0, {}));
    RunParameters l2;
    l2.depth_model = DepthModel::L2Book;
    EXPECT_THROW(make_cascade_market(l2, 100.0, {}), std::invalid_argument);
    RunParameters bad_withdrawal;
    bad_withdrawal.withdrawal_exponent = -1.0;
    EXPECT_THROW(make_cascade_market(bad_withdrawal, 100.0, {}), LiquidityError);
}

// Issue 15's check on the bundled sample (30,000 positions around 100,000, the default $20M within
// 1 %): a −5 % shock goes deeper with stress withdrawal than on the static book.
TEST(MarketFactory, OnTheBundledSampleAFivePercentShockGoesDeeperWithWithdrawal) {
    PositionCsvOptions options;
    const PositionCsvResult sample =
        read_positions_csv(std::string(LEVEX_RESOURCE_DIR) + "/samples/btcusdt-sample.csv", options);
    ASSERT_TRUE(sample.ok);
    RunParameters p;
    p.shock = -0.05;
    p.withdrawal = false;
    const RunResult still = simulate(sample.book, test::bundled_venue("generic"), p);
    p.withdrawal = true;
    const RunResult thinning = simulate(sample.book, test::bundled_venue("generic"), p);
    EXPECT_LT(thinning.summary.min_price, still.summary.min_price);
    EXPECT_GT(thinning.summary.liquidated_notional_long, still.summary.liquidated_notional_long);
    EXPECT_GT(*thinning.summary.amplification, *still.summary.amplification);
    EXPECT_LT(*std::min_element(thinning.frames.withdrawal.begin(), thinning.frames.withdrawal.end()), 1.0);
}
