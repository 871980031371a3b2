// SPDX-License-Identifier: GPL-3.0-or-later
// Edge cases of the model: each gives a defined result, and no NaN anywhere in what a run writes.
#include "core/base/TextFile.h"
#include "core/engine/CascadeEngine.h"
#include "core/engine/Simulation.h"
#include "core/io/MarketInputsReader.h"
#include "core/io/RunReport.h"
#include "core/model/ParameterTable.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::BookBuilder;

namespace {

VenueProfile generic() {
    return test::bundled_venue("generic");
}

// NaN nowhere: series, histograms, edges, the log, the summary and the JSON and CSV written from them.
void expect_no_nan(const RunResult& r) {
    const RunFrames& f = r.frames;
    for (const auto* v : {&f.edges, &f.index, &f.book, &f.mark, &f.liquidated_notional_long,
                          &f.liquidated_notional_short, &f.backstop_notional, &f.adl_notional, &f.open_interest,
                          &f.fund_balance, &f.open_long, &f.open_short, &f.executed_long, &f.executed_short})
        for (double x : *v)
            ASSERT_FALSE(std::isnan(x));
    for (const auto* prices : {&f.index, &f.book, &f.mark})
        for (double x : *prices)
            ASSERT_GT(x, 0.0);
    for (const LiquidationEvent& e : r.log) {
        ASSERT_TRUE(std::isfinite(e.fill_price) && e.fill_price > 0);
        ASSERT_TRUE(std::isfinite(e.size) && std::isfinite(e.fee) && std::isfinite(e.fund_pnl));
    }
    const RunSummary& s = r.summary;
    for (double x :
         {s.liquidated_notional_long, s.liquidated_notional_short, s.liquidated_share_of_oi, s.final_price, s.min_price,
          s.max_price, s.max_drawdown, s.cascade_duration_s, s.peak_liquidation_rate_quote_per_s, s.fund_loss,
          s.adl_notional, s.backstop_notional, s.exhaustion_price})
        ASSERT_TRUE(std::isfinite(x)) << x;
    if (s.amplification) {
        ASSERT_TRUE(std::isfinite(*s.amplification));
    }
    const std::string json = summary_json(s);
    EXPECT_EQ(json.find("nan"), std::string::npos) << json;
    const std::string frames = frames_csv(f);
    EXPECT_EQ(frames.find("nan"), std::string::npos);
}

RunParameters flat(double shock, double depth_quote_per_pct) {
    RunParameters p;
    p.shock = shock;
    p.depth_model = DepthModel::Flat;
    p.depth_quote_per_pct = depth_quote_per_pct;
    p.steps = 50;
    p.bins = 64;
    return p;
}

} // namespace

// Forced selling larger than the whole book would take price to 0 (exp underflow): it stops at the
// floor, and the summary says so.
TEST(ModelEdgeCases, PriceDrivenToZeroIsFlooredAndReported) {
    BookBuilder b(100.0);
    b.add(+1, 1e6, 100.0, 1e6);
    b.add(+1, 1.0, 50.0, 5.0);
    b.add(-1, 1.0, 100.0, 10.0);
    const RunResult r = simulate(b.book(), generic(), flat(-0.02, 1.0));
    expect_no_nan(r);
    EXPECT_TRUE(r.summary.price_floor_hit);
    EXPECT_DOUBLE_EQ(r.summary.min_price, 100.0 * kPriceFloorFraction);
    EXPECT_DOUBLE_EQ(r.summary.final_price, 100.0 * kPriceFloorFraction);
    EXPECT_EQ(r.summary.liquidated_count_long, 2u);
    EXPECT_NE(summary_json(r.summary).find("\"price_floor_hit\": true"), std::string::npos);

    const RunResult calm = simulate(b.book(), generic(), flat(-0.001, 1e12));
    EXPECT_FALSE(calm.summary.price_floor_hit);
}

// Inverse PnL is Q·C·(1/E − 1/P): at a zero price it would be infinite; at the floor it is finite.
TEST(ModelEdgeCases, InverseContractAtTheFloorStaysFinite) {
    VenueProfile coin = parse_venue_profile(read_text_file(test::data_path("venues/binance-coinm-btcusd.json")),
                                            "binance-coinm-btcusd.json");
    BookBuilder b(30000.0);
    b.add(+1, 1e7, 30000.0, 1000.0); // 1e9 USD of contracts on 1,000 BTC: 33x
    const RunResult r = simulate(b.book(), coin, flat(-0.05, 1.0));
    expect_no_nan(r);
    EXPECT_TRUE(r.summary.price_floor_hit);
}

TEST(ModelEdgeCases, EmptyBookMovesOnlyTheIndex) {
    BookBuilder b(100.0);
    const RunResult r = simulate(b.book(), generic(), flat(-0.1, 1000.0));
    expect_no_nan(r);
    EXPECT_EQ(r.summary.liquidated_count, 0u);
    PositionBook nothing;
    nothing.source = "empty.csv";
    try {
        simulate(nothing, generic(), flat(-0.1, 1000.0));
        ADD_FAILURE() << "an empty book without a symbol ran";
    } catch (const DataError& e) {
        EXPECT_STREQ(e.what(), "empty.csv: expected at least one position, found none");
    }
    EXPECT_DOUBLE_EQ(r.summary.final_price, 90.0);
    EXPECT_DOUBLE_EQ(*r.summary.amplification, 1.0);
    EXPECT_DOUBLE_EQ(r.summary.liquidated_share_of_oi, 0.0);
}

TEST(ModelEdgeCases, OneSideOnly) {
    BookBuilder b(100.0);
    for (int i = 0; i < 20; ++i)
        b.add(+1, 1.0, 100.0, 4.0 + 0.5 * i); // liquidated at 96.5 … 87.0
    const RunResult up = simulate(b.book(), generic(), flat(+0.2, 1000.0));
    expect_no_nan(up);
    EXPECT_EQ(up.summary.liquidated_count, 0u);
    const RunResult down = simulate(b.book(), generic(), flat(-0.2, 1000.0));
    expect_no_nan(down);
    EXPECT_EQ(down.summary.liquidated_count_long, 20u);
    EXPECT_EQ(down.summary.liquidated_count_short, 0u);
}

// An L2 book with 10 base of bids and a position of 10,000 base: the walk goes past every level
// into the V-shaped tail; fills stay positive and below the last level.
TEST(ModelEdgeCases, OnePositionLargerThanAllDepth) {
    BookBuilder b(100.0);
    b.add(+1, 10000.0, 100.0, 100000.0);
    RunParameters p = flat(-0.2, 1.0);
    p.depth_model = DepthModel::L2Book;
    p.book_file = test::data_path("orderbooks/small_l2.csv");
    const RunResult r = simulate(b.book(), generic(), p, read_market_inputs(p));
    expect_no_nan(r);
    ASSERT_EQ(r.log.size(), 1u);
    EXPECT_LT(r.log[0].fill_price, 99.5);
    EXPECT_GT(r.summary.fund_loss, 0.0);
}

TEST(ModelEdgeCases, OneStep) {
    BookBuilder b(100.0);
    b.add(+1, 1.0, 100.0, 5.0); // liquidated at 95.477
    RunParameters p = flat(-0.1, 1000.0);
    p.steps = 1;
    const RunResult r = simulate(b.book(), generic(), p);
    expect_no_nan(r);
    EXPECT_EQ(r.summary.steps_run, 1u);
    EXPECT_EQ(r.frames.steps, 1u);
    EXPECT_EQ(r.summary.liquidated_count, 1u);
}

// A random path keeps the run going for all 100,000 steps.
TEST(ModelEdgeCases, AHundredThousandSteps) {
    BookBuilder b(100.0);
    for (int i = 0; i < 50; ++i)
        b.add(i % 2 ? +1 : -1, 1.0, 100.0, 2.0 + 0.2 * i);
    RunParameters p = flat(0.0, 1e5);
    p.steps = 100000;
    p.bins = 32;
    p.vol = 0.0005;
    p.seed = 7;
    const RunResult r = simulate(b.book(), generic(), p);
    expect_no_nan(r);
    EXPECT_EQ(r.summary.steps_run, 100000u);
    EXPECT_EQ(r.frames.index.size(), 100000u);
    EXPECT_EQ(r.frames.open_long.size(), 100000u * 32u);
    EXPECT_GT(r.summary.liquidated_count, 0u);
}

// Every trigger already crossed at the start mark: all go in step 0, in trigger order.
TEST(ModelEdgeCases, EveryPositionAlreadyLiquidatableAtTheMark) {
    BookBuilder b(100.0);
    b.add(+1, 1.0, 120.0, 2.0); // liquidated at 118.6
    b.add(+1, 1.0, 110.0, 2.0); // at 108.5
    b.add(-1, 1.0, 80.0, 2.0);  // at 81.6
    const RunResult r = simulate(b.book(), generic(), flat(0.0, 1e6));
    expect_no_nan(r);
    EXPECT_EQ(r.summary.liquidated_count, 3u);
    ASSERT_EQ(r.log.size(), 3u);
    for (const LiquidationEvent& e : r.log)
        EXPECT_EQ(e.step, 0u);
    EXPECT_FALSE(r.summary.amplification.has_value()); // no shock, no amplification
}

TEST(ModelEdgeCases, HeatmapMemoryIsBoundedUpFront) {
    RunParameters p;
    p.steps = 10'000'000;
    p.bins = 512;
    const auto bad = check_run_parameters(p);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->key, "bins");
    p.bins = 4;
    EXPECT_FALSE(check_run_parameters(p).has_value());
}
