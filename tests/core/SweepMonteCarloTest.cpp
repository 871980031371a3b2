// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/CascadeEngine.h"
#include "core/engine/MonteCarlo.h"
#include "core/engine/Simulation.h"
#include "core/engine/Sweep.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(MonteCarlo, ReproducibleForAnyThreadCount) {
    const VenueProfile venue = test::bundled_venue("generic");
    RunParameters p;
    p.vol = 0.002;
    p.seed = 11;
    p.steps = 200;
    p.depth_quote_within_1pct = 2e6;
    MonteCarloSpec spec;
    spec.paths = 24;
    spec.threads = 1;
    const MonteCarloResult a = run_monte_carlo(book(), venue, p, spec);
    spec.threads = 3;
    const MonteCarloResult b = run_monte_carlo(book(), venue, p, spec);
    EXPECT_EQ(a.metrics, b.metrics);
    EXPECT_EQ(a.metric_bands, b.metric_bands);
    EXPECT_EQ(a.price_fan, b.price_fan);
    ASSERT_EQ(a.price_fan.size(), 200u);
    for (const auto& band : a.price_fan)
        for (std::size_t k = 1; k < band.size(); ++k)
            EXPECT_LE(band[k - 1], band[k]);
    EXPECT_DOUBLE_EQ(a.price_fan[0][0], 100000.0); // step 0: no return yet
    EXPECT_GT(a.price_fan[199][4], a.price_fan[199][0]);
}

TEST(MonteCarlo, PercentileInterpolatesLinearly) {
    std::vector<double> v = {5, 1, 4, 2, 3};
    EXPECT_DOUBLE_EQ(percentile(v, 50), 3.0);
    EXPECT_DOUBLE_EQ(percentile(v, 25), 2.0);
    EXPECT_DOUBLE_EQ(percentile(v, 5), 1.2);
    EXPECT_DOUBLE_EQ(percentile(v, 95), 4.8);
}
