// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps: axes, cells equal to single runs for any thread count, the fixed-point metrics and the
// critical shock, errors by key, cancellation.
#include "core/engine/Sweep.h"
#include "core/base/Issue.h"
#include "core/engine/CascadeEngine.h"
#include "core/engine/Simulation.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace levex;

namespace {

const PositionBook& book() {
    static const PositionBook b = [] {
        GeneratorSettings g;
        g.positions = 3000;
        g.seed = 8;
        return generate_book(g, test::bundled_venue("generic"));
    }();
    return b;
}

SweepSpec small_spec(const std::string& metric) {
    SweepSpec spec;
    spec.x = parse_axis("shock:-0.2:0:9");
    spec.y = parse_axis("leverage-mult:0.5:2.5:5");
    spec.metric = metric;
    return spec;
}

} // namespace

TEST(Sweep, AxisParsing) {
    const AxisRange r = parse_axis("leverage-mult:0.5:3:26");
    EXPECT_EQ(r.axis, SweepAxis::LeverageMult);
    ASSERT_EQ(r.values().size(), 26u);
    EXPECT_DOUBLE_EQ(r.values().front(), 0.5);
    EXPECT_DOUBLE_EQ(r.values().back(), 3.0);
    EXPECT_DOUBLE_EQ(r.values()[1], 0.6);
    EXPECT_THROW(parse_axis("leverage:0.5:3:26"), UsageError);
    EXPECT_THROW(parse_axis("shock:-0.3:0"), UsageError);
    EXPECT_THROW(parse_axis("depth-scale:0:1:3"), UsageError);
}

TEST(Sweep, CellsEqualSingleRunsAndThreadCountDoesNotMatter) {
    const VenueProfile venue = test::bundled_venue("generic");
    RunParameters base;
    base.depth_quote_within_1pct = 2e6;
    SweepSpec spec = small_spec("amplification");
    spec.threads = 1;
    const SweepResult one = run_sweep(book(), venue, base, spec);
    spec.threads = 4;
    const SweepResult four = run_sweep(book(), venue, base, spec);
    EXPECT_EQ(one.values, four.values);
    EXPECT_EQ(one.defined, four.defined);
    EXPECT_EQ(one.critical_shock, four.critical_shock);
    // A cell is the run with those parameters.
    RunParameters cell = base;
    cell.shock = one.xs[2];
    cell.leverage_mult = one.ys[3];
    const RunResult r = simulate(book(), venue, cell);
    EXPECT_DOUBLE_EQ(one.values[3 * one.xs.size() + 2], *r.summary.amplification);
    // Zero shock: amplification undefined.
    EXPECT_EQ(one.defined[one.xs.size() - 1], 0);
}

TEST(Sweep, FixedPointMetricAndCriticalShock) {
    const VenueProfile venue = test::bundled_venue("generic");
    RunParameters base;
    base.depth_quote_within_1pct = 2e6;
    const SweepResult r = run_sweep(book(), venue, base, small_spec("endogenous_move"));
    // More leverage, a smaller critical shock (or none at all at low leverage).
    std::optional<double> previous;
    for (std::size_t iy = 0; iy < r.ys.size(); ++iy) {
        const auto& c = r.critical_shock[iy];
        if (c && previous) {
            EXPECT_GE(*c, *previous - 1e-12) << iy; // less negative as leverage grows
        }
        if (c) {
            // At the critical shock the move exceeds the threshold; 0.1 % less does not.
            RunParameters p = base;
            p.leverage_mult = r.ys[iy];
            p.shock = *c;
            p.half_life_s = std::numeric_limits<double>::infinity();
            const RunResult at = simulate(book(), venue, p);
            EXPECT_GT(std::abs(std::log(at.summary.exhaustion_price / (100000.0 * (1 + *c)))), 0.02);
        }
        previous = c;
    }
    ASSERT_TRUE(r.critical_shock.back().has_value());
    for (std::size_t i = 0; i < r.values.size(); ++i)
        EXPECT_GE(r.values[i], 0.0);
}

// Errors name the parameter keys (never a command-line flag) and come before any work.
TEST(Sweep, ErrorsNameTheKeys) {
    const VenueProfile venue = test::bundled_venue("generic");
    SweepSpec same = small_spec("amplification");
    same.y = parse_axis("shock:-0.1:0:3");
    try {
        run_sweep(book(), venue, RunParameters{}, same);
        ADD_FAILURE() << "two shock axes ran";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "y: expected a parameter other than x's (shock), found the same");
    }
    try {
        run_sweep(book(), venue, RunParameters{}, small_spec("amplifcation"));
        ADD_FAILURE() << "an unknown metric ran";
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("metric: expected one of liquidated_count_long, ", 0), 0u) << e.what();
        EXPECT_NE(std::string(e.what()).find("found 'amplifcation'"), std::string::npos) << e.what();
    }
}

// The progress callback says stop: the result says cancelled, and the cells done so far are kept.
TEST(Sweep, CancellationIsAResult) {
    const VenueProfile venue = test::bundled_venue("generic");
    RunParameters base;
    base.depth_quote_within_1pct = 2e6;
    for (unsigned threads : {1u, 3u}) {
        SweepSpec spec = small_spec("liquidated_notional_long");
        spec.threads = threads;
        std::size_t calls = 0;
        const SweepResult r =
            run_sweep(book(), venue, base, spec, {}, [&](std::size_t done, std::size_t total, std::size_t) {
                ++calls;
                EXPECT_EQ(total, 45u);
                return done < 4;
            });
        EXPECT_TRUE(r.cancelled) << threads;
        EXPECT_LT(calls, 45u) << threads;
        std::size_t defined = 0;
        for (std::uint8_t d : r.defined)
            defined += d;
        EXPECT_GE(defined, 4u) << threads;
    }
    const SweepResult all = run_sweep(book(), venue, base, small_spec("exhaustion_price"), {},
                                      [](std::size_t, std::size_t, std::size_t) { return true; });
    EXPECT_FALSE(all.cancelled);
}

// A cell that cannot run fails the sweep with its own error, on the caller's thread.
TEST(Sweep, ACellsErrorReachesTheCaller) {
    const VenueProfile venue = test::bundled_venue("generic");
    RunParameters base;
    base.permanent_fraction = 1.5; // outside [0, 1): every full run refuses it
    SweepSpec spec = small_spec("liquidated_notional_long");
    spec.threads = 2;
    EXPECT_THROW(run_sweep(book(), venue, base, spec), std::invalid_argument);
}

// An axis ends exactly at its ends: a shock axis up to 0 runs its last cell at no shock at all.
TEST(Sweep, AxisValuesHitTheirEndsExactly) {
    const std::vector<double> v = AxisRange{SweepAxis::Shock, -0.006, 0.0, 7}.values();
    ASSERT_EQ(v.size(), 7u);
    EXPECT_EQ(v.front(), -0.006);
    EXPECT_EQ(v.back(), 0.0);
    const std::vector<double> w = AxisRange{SweepAxis::Shock, -0.3, 0.0, 61}.values();
    EXPECT_EQ(w.back(), 0.0);
    for (std::size_t i = 1; i < w.size(); ++i)
        EXPECT_GT(w[i], w[i - 1]);
}

// The fixed-point metrics read the book the run walks: with stress withdrawal on (the default) a
// cell's exhaustion price is simulate()'s own, and off it is the static book's.
TEST(Sweep, FixedPointCellsEqualTheRunsExhaustionPriceWithAndWithoutWithdrawal) {
    const VenueProfile venue = test::bundled_venue("generic");
    for (bool withdrawal : {true, false}) {
        RunParameters base;
        base.depth_quote_within_1pct = 2e6;
        base.withdrawal = withdrawal;
        for (const char* x : {"shock:-0.2:0:9", "depth-scale:0.5:2:4"}) {
            SweepSpec spec = small_spec("exhaustion_price");
            spec.x = parse_axis(x);
            if (spec.x.axis != SweepAxis::Shock)
                base.shock = -0.05;
            const SweepResult r = run_sweep(book(), venue, base, spec);
            RunParameters cell = base;
            (spec.x.axis == SweepAxis::Shock ? cell.shock : cell.depth_scale) = r.xs[1];
            cell.leverage_mult = r.ys[2];
            const RunResult run = simulate(book(), venue, cell);
            EXPECT_DOUBLE_EQ(r.values[2 * r.xs.size() + 1], run.summary.exhaustion_price) << x << " " << withdrawal;
        }
    }
}
