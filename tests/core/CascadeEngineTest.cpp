// SPDX-License-Identifier: GPL-3.0-or-later
// The cascade engine (docs/model.md §4, §5, §6): hand-computed cases, properties on random books and
// the model's edge cases.
#include "core/engine/CascadeEngine.h"
#include "core/base/TextFile.h"
#include "core/engine/DepthCurveMarket.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/io/MarketInputsReader.h"
#include "core/io/RunReport.h"
#include "core/model/BookGenerator.h"
#include "core/model/ParameterTable.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

using namespace levex;
using levex::test::BookBuilder;

namespace {

// A flat book of 1,000 quote per 1 % at price 100 (10 base per 1 %) with permanent impact:
// selling q moves price by exp(-q / 1000).
RunParameters flat_permanent(double shock) {
    RunParameters p;
    p.shock = shock;
    p.depth_model = DepthModel::Flat;
    p.depth_quote_per_pct = 1000.0;
    p.withdrawal = false; // the static book these answers are worked out on
    p.half_life_s = std::numeric_limits<double>::infinity();
    p.steps = 50;
    p.bins = 64;
    return p;
}

VenueProfile generic() {
    return test::bundled_venue("generic");
}

double long_liq(double size, double entry, double margin) {
    return (size * entry - margin) / (size * 0.995);
}

RunResult run(const PositionBook& book, const VenueProfile& venue, const RunParameters& p) {
    return simulate(book, venue, p);
}

} // namespace

// Three longs; a -5 % shock to 95 fires B (liq 95.477), whose sale of 5 takes price to
// 95·e^-0.005 = 94.526, which fires C (liq 94.975) next step; C's 10 take it to 95·e^-0.015.
// A (liq 90.45) survives. Fills are exact VWAPs along the curve.
TEST(CascadeEngine, FlatBookPermanentImpactKnownAnswer) {
    BookBuilder b(100.0);
    b.add(+1, 1, 100, 10);  // A: 10x
    b.add(+1, 5, 100, 25);  // B: 20x
    b.add(+1, 10, 100, 55); // C
    ASSERT_NEAR(long_liq(5, 100, 25), 95.4774, 1e-4);
    ASSERT_NEAR(long_liq(10, 100, 55), 94.9749, 1e-4);
    const RunResult r = run(b.book(), generic(), flat_permanent(-0.05));
    ASSERT_EQ(r.log.size(), 2u);
    EXPECT_EQ(r.log[0].position, 1u);
    EXPECT_EQ(r.log[0].step, 0u);
    EXPECT_EQ(r.log[0].path, LiquidationPath::Book);
    EXPECT_NEAR(r.log[0].fill_price, 95.0 * 1000.0 * (1 - std::exp(-0.005)) / 5.0, 1e-10);
    EXPECT_EQ(r.log[1].position, 2u);
    EXPECT_EQ(r.log[1].step, 1u);
    EXPECT_NEAR(r.log[1].fill_price, 95.0 * 1000.0 * (std::exp(-0.005) - std::exp(-0.015)) / 10.0, 1e-10);
    EXPECT_NEAR(r.summary.final_price, 95.0 * std::exp(-0.015), 1e-10);
    EXPECT_NEAR(r.summary.exhaustion_price, 95.0 * std::exp(-0.015), 1e-10);
    // The price range includes the start, which the shock moved away from at once.
    EXPECT_EQ(r.summary.max_price, 100.0);
    EXPECT_NEAR(r.summary.min_price, 95.0 * std::exp(-0.015), 1e-10);
    EXPECT_EQ(r.summary.liquidated_count_long, 2u);
    EXPECT_EQ(r.summary.liquidated_count_short, 0u);
    EXPECT_NEAR(r.summary.liquidated_notional_long, 5 * r.log[0].fill_price + 10 * r.log[1].fill_price, 1e-9);
    EXPECT_NEAR(*r.summary.amplification, 0.015 / -std::log(0.95) + 1.0, 1e-12);
    EXPECT_EQ(r.summary.steps_run, 3u); // the shock, C's step, one quiet step
    // Settlement: B's margin 25 plus its loss at the fill, the rest kept by the fund (generic).
    EXPECT_NEAR(r.log[0].fund_pnl, 25 + 5 * (r.log[0].fill_price - 100), 1e-9);
    EXPECT_LT(r.summary.ledger_max_imbalance, 1e-9);
}

// Binance-style IOC at the bankruptcy price: the book takes what it can above 95, the fund takes
// the rest over at 95 and sells it into the book the next step.
TEST(CascadeEngine, IocBankruptcyTakeoverIsUnwoundNextStep) {
    VenueProfile venue = generic();
    venue.execution = Execution::IocBankruptcy;
    BookBuilder b(100.0);
    b.add(+1, 10, 100, 50); // liq 95.477, bankruptcy 95
    RunParameters p = flat_permanent(-0.046);
    p.fund = 1e6;
    const RunResult r = run(b.book(), venue, p);
    const double index = 100 * 0.954;
    const double fillable = 1000 * std::log(index / 95.0); // base until the book price reaches 95
    ASSERT_EQ(r.log.size(), 2u);
    EXPECT_EQ(r.log[0].path, LiquidationPath::Book);
    EXPECT_NEAR(r.log[0].size, fillable, 1e-9);
    EXPECT_NEAR(r.log[0].fill_price, index * 1000 * (1 - std::exp(-fillable / 1000)) / fillable, 1e-9);
    EXPECT_GE(r.log[0].fill_price, 95.0);
    EXPECT_EQ(r.log[1].path, LiquidationPath::Takeover);
    EXPECT_NEAR(r.log[1].size, 10 - fillable, 1e-9);
    EXPECT_DOUBLE_EQ(r.log[1].fill_price, 95.0);
    // Next step the fund sells its 10 - fillable from where the book stood.
    const double unwind_vwap = index * 1000 * (std::exp(-fillable / 1000) - std::exp(-10.0 / 1000)) / (10 - fillable);
    const double fund_after_fill = 1e6 + r.log[0].fund_pnl;
    EXPECT_NEAR(r.frames.fund_balance[0], fund_after_fill, 1e-6);
    EXPECT_NEAR(r.frames.fund_balance[1], fund_after_fill + (10 - fillable) * (unwind_vwap - 95.0), 1e-6);
    EXPECT_NEAR(r.frames.book[1], index * std::exp(-0.01), 1e-9);
    EXPECT_LT(r.summary.ledger_max_imbalance, 1e-6);
}

// Hyperliquid-style partial liquidation: above the size threshold 20 % goes per slice, then a
// 30 s cool-down before the next.
TEST(CascadeEngine, PartialLiquidationWaitsForItsCooldown) {
    VenueProfile venue = generic();
    venue.partial = PartialLiquidationRule{1000.0, 0.2, 30.0};
    BookBuilder b(100.0);
    b.add(+1, 100, 100, 500); // 20x, liq 95.477, 10,000 quote
    RunParameters p = flat_permanent(-0.06);
    p.depth_quote_per_pct = 1e9; // deep: the slices barely move price
    p.steps = 100;
    const RunResult r = run(b.book(), venue, p);
    ASSERT_GE(r.log.size(), 3u);
    EXPECT_EQ(r.log[0].step, 0u);
    EXPECT_NEAR(r.log[0].size, 20.0, 1e-12);
    EXPECT_EQ(r.log[1].step, 30u);
    EXPECT_NEAR(r.log[1].size, 16.0, 1e-12);
    EXPECT_EQ(r.log[2].step, 60u);
    EXPECT_NEAR(r.log[2].size, 12.8, 1e-12);
    EXPECT_EQ(r.summary.liquidated_count_long, 1u);
}

// With the fund exhausted, a liquidated short is closed against profitable longs at its bankruptcy
// price, highest rank first, with no book impact.
TEST(CascadeEngine, AdlClosesAgainstWinnersAtBankruptcyWhenTheFundIsEmpty) {
    BookBuilder b(100.0);
    b.add(-1, 10, 100, 50);  // short, 20x: liq (1000+50)/(10·1.005) = 104.48, bankruptcy 105
    b.add(+1, 4, 90, 36);    // long from 90 at 10x: rank (10/90 %)·...
    b.add(+1, 20, 95, 1900); // long from 95 at 1x: lower rank (little leverage)
    RunParameters p = flat_permanent(0.05);
    p.fund = 0.0;
    const RunResult r = run(b.book(), generic(), p);
    ASSERT_GE(r.log.size(), 2u);
    EXPECT_EQ(r.log[0].path, LiquidationPath::Adl);
    EXPECT_EQ(r.log[0].position, 0u);
    EXPECT_DOUBLE_EQ(r.log[0].fill_price, 105.0);
    EXPECT_DOUBLE_EQ(r.log[0].size, 4.0); // the 10x long first, all of its 4
    EXPECT_EQ(r.log[1].path, LiquidationPath::Adl);
    EXPECT_DOUBLE_EQ(r.log[1].size, 6.0);
    EXPECT_NEAR(r.summary.adl_notional, 10 * 105.0, 1e-9);
    EXPECT_NEAR(r.frames.book[0], 105.0, 1e-9); // no book impact: the index alone
    EXPECT_LT(r.summary.ledger_max_imbalance, 1e-9);
}

TEST(CascadeEngine, ExhaustionPriceUpShockMirrors) {
    BookBuilder b(100.0);
    b.add(-1, 5, 100, 25);  // liq (500+25)/(5·1.005) = 104.48
    b.add(-1, 10, 100, 60); // liq 1060/10.05 = 105.47
    const RunResult r = run(b.book(), generic(), flat_permanent(0.05));
    EXPECT_NEAR(r.summary.exhaustion_price, 105.0 * std::exp(0.015), 1e-9);
    EXPECT_NEAR(r.summary.final_price, r.summary.exhaustion_price, 1e-9);
    EXPECT_EQ(r.summary.liquidated_count_short, 2u);
}

namespace {

PositionBook random_book(std::uint64_t seed, std::size_t n = 4000) {
    GeneratorSettings g;
    g.positions = n;
    g.seed = seed;
    return generate_book(g, generic());
}

bool finite_everywhere(const RunResult& r) {
    auto ok = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return !std::isnan(x); });
    };
    const RunFrames& f = r.frames;
    for (const auto* v : {&f.index, &f.book, &f.mark, &f.liquidated_notional_long, &f.liquidated_notional_short,
                          &f.open_interest, &f.open_long, &f.open_short, &f.executed_long, &f.executed_short})
        if (!ok(*v))
            return false;
    for (const LiquidationEvent& e : r.log)
        if (std::isnan(e.fill_price) || std::isnan(e.size) || std::isnan(e.fee) || std::isnan(e.fund_pnl))
            return false;
    return !std::isnan(r.summary.final_price) && !std::isnan(r.summary.exhaustion_price);
}

} // namespace

// docs/model.md §5: under instant shock, generic rules, β = 1 and permanent impact, the engine ends at
// the fixed point.
TEST(CascadeEngineProperties, EngineEndsAtTheExhaustionFixedPoint) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const PositionBook book = random_book(seed);
        for (double shock : {-0.02, -0.05, -0.12, 0.03, 0.08}) {
            RunParameters p;
            p.shock = shock;
            p.withdrawal = false; // the fixed point's condition: a static book
            p.half_life_s = std::numeric_limits<double>::infinity();
            p.depth_quote_within_1pct = 3e6;
            p.steps = 2000;
            const RunResult r = run(book, generic(), p);
            EXPECT_NEAR(r.summary.final_price, r.summary.exhaustion_price, 1e-9 * r.summary.exhaustion_price)
                << "seed " << seed << " shock " << shock;
            EXPECT_LT(r.summary.steps_run, 2000u);
        }
    }
}

TEST(CascadeEngineProperties, MoreDepthNeverLiquidatesMore) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const PositionBook book = random_book(seed);
        RunParameters p;
        p.shock = -0.06;
        p.withdrawal = false; // a static book: with withdrawal the path can reorder fills
        p.depth_quote_within_1pct = 3e6;
        double previous = std::numeric_limits<double>::infinity();
        for (double scale : {0.5, 1.0, 2.0, 4.0}) {
            p.depth_scale = scale;
            const double liquidated = run(book, generic(), p).summary.liquidated_notional_long;
            EXPECT_LE(liquidated, previous * (1 + 1e-12)) << "seed " << seed << " scale " << scale;
            previous = liquidated;
        }
    }
}

TEST(CascadeEngineProperties, HigherLeverageNeverLiquidatesLess) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const PositionBook book = random_book(seed);
        RunParameters p;
        p.shock = -0.05;
        p.withdrawal = false; // a static book: with withdrawal the path can reorder fills
        p.depth_quote_within_1pct = 5e6;
        double previous = 0.0;
        for (double k : {0.5, 1.0, 1.5, 2.5}) {
            p.leverage_mult = k;
            const double liquidated = run(book, generic(), p).summary.liquidated_notional_long;
            EXPECT_GE(liquidated, previous * (1 - 1e-12)) << "seed " << seed << " k " << k;
            previous = liquidated;
        }
    }
}

TEST(CascadeEngineProperties, AnUpShockNeverLiquidatesABookOfLongs) {
    BookBuilder b(100.0);
    for (int i = 0; i < 200; ++i) { // entries at or below the mark, 5x to 19x: none liquidatable yet
        const double size = 1 + i % 7, entry = 90 + i % 10;
        b.add(+1, size, entry, size * entry / (5 + i % 15));
    }
    for (double shock : {0.01, 0.1, 0.5}) {
        RunParameters p;
        p.shock = shock;
        const RunResult r = run(b.book(), generic(), p);
        EXPECT_EQ(r.summary.liquidated_count, 0u);
        EXPECT_TRUE(r.log.empty());
    }
}

TEST(CascadeEngineProperties, LedgerBalancesAndNothingIsNaN) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const PositionBook book = random_book(seed);
        for (const char* name : {"generic", "binance-usdm-btcusdt", "hyperliquid-btc", "bybit-linear-btcusdt"}) {
            VenueProfile venue = test::bundled_venue(name);
            venue.insurance_fund = 20000.0; // small: the fund runs dry and ADL starts
            RunParameters p;
            p.shock = -0.08;
            p.shock_steps = 20;
            p.vol = 0.001;
            p.seed = seed;
            p.depth_quote_within_1pct = 2e6;
            const RunResult r = run(book, venue, p);
            EXPECT_LT(r.summary.ledger_max_imbalance, 1e-6 * r.summary.liquidated_notional_long + 1e-6) << name;
            EXPECT_TRUE(finite_everywhere(r)) << name;
            EXPECT_GT(r.summary.liquidated_count, 0u) << name;
        }
    }
}

// Every position's liquidated size adds up: the executed histogram holds exactly what the log says.
TEST(CascadeEngineProperties, ExecutedHistogramMatchesTheLog) {
    const PositionBook book = random_book(3);
    RunParameters p;
    p.shock = -0.07;
    const RunResult r = run(book, generic(), p);
    const double executed = std::accumulate(r.frames.executed_long.begin(), r.frames.executed_long.end(), 0.0);
    const PreparedBook prepared = prepare_book(book, generic(), {}, 0, 100000.0);
    double expected = 0.0;
    for (const LiquidationEvent& e : r.log)
        expected += e.size * e.trigger;
    EXPECT_NEAR(executed, expected, 1e-6 * expected);
    // Open levels fall by what was executed.
    const double open0 =
        std::accumulate(r.frames.row(r.frames.open_long, 0), r.frames.row(r.frames.open_long, 0) + r.frames.bins, 0.0);
    const std::size_t last = r.frames.steps - 1;
    const double open_end = std::accumulate(r.frames.row(r.frames.open_long, last),
                                            r.frames.row(r.frames.open_long, last) + r.frames.bins, 0.0);
    const double executed0 = std::accumulate(r.frames.row(r.frames.executed_long, 0),
                                             r.frames.row(r.frames.executed_long, 0) + r.frames.bins, 0.0);
    EXPECT_NEAR(open0 + executed0 - open_end, executed, 1e-6 * executed);
    (void)prepared;
}

TEST(CascadeEngine, RandomPathsReproduceFromTheSeed) {
    const PositionBook book = random_book(5, 2000);
    RunParameters p;
    p.vol = 0.003;
    p.student_nu = 4;
    p.jump_rate = 0.01;
    p.jump_stdev = 0.01;
    p.seed = 42;
    const RunResult a = run(book, generic(), p), b = run(book, generic(), p);
    EXPECT_EQ(a.frames.index, b.frames.index);
    EXPECT_EQ(a.frames.open_long, b.frames.open_long);
    p.seed = 43;
    EXPECT_NE(run(book, generic(), p).frames.index, a.frames.index);
}

TEST(CascadeEngine, ZeroShockHasNoAmplification) {
    const RunResult r = run(random_book(1, 500), generic(), RunParameters{});
    EXPECT_FALSE(r.summary.amplification.has_value());
    EXPECT_EQ(r.summary.liquidated_count, 0u);
    EXPECT_EQ(r.summary.steps_run, 1u);
}

// Edge cases of the model: each gives a defined result, and no NaN anywhere in what a run writes.
namespace {

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

// The engine's own preconditions name the parameter keys.
TEST(CascadeEngine, PreconditionsNameTheKeys) {
    BookBuilder b(100.0);
    b.add(+1, 1, 100, 10);
    const PreparedBook prepared = prepare_book(b.book(), generic(), {}, 0, 100.0);
    const BookDepth depth{DepthCurve::flat(10.0), DepthCurve::flat(10.0)};
    auto error = [&](const std::vector<double>& path, const RunParameters& p) -> std::string {
        try {
            run_cascade(prepared, depth, path, p);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "no error";
    };
    RunParameters p;
    EXPECT_EQ(error({}, p), "steps: expected an index path of at least one step, found none");
    p.step_seconds = 0;
    EXPECT_EQ(error({0.0}, p), "step_seconds: expected a number > 0, found 0");
    p = RunParameters{};
    p.half_life_s = -5;
    EXPECT_EQ(error({0.0}, p), "half_life_s: expected a number > 0, found -5");
    p = RunParameters{};
    p.permanent_fraction = 1;
    EXPECT_EQ(error({0.0}, p), "permanent_fraction: expected a number in [0, 1), found 1");
    // A market that does not start at the book's start mark is refused.
    DepthCurveMarket elsewhere(depth, 90.0, RunParameters{});
    EXPECT_THROW(run_cascade(prepared, elsewhere, {0.0}, RunParameters{}), std::invalid_argument);
}
