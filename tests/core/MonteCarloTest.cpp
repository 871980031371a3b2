// SPDX-License-Identifier: GPL-3.0-or-later
// Monte Carlo: reproducible percentiles for any thread count, errors by key, cancellation and
// failures as the caller sees them.
#include "core/engine/MonteCarlo.h"
#include "core/base/Issue.h"
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

} // namespace

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

TEST(MonteCarlo, ErrorsNameTheKeys) {
    MonteCarloSpec spec;
    spec.paths = 0;
    try {
        run_monte_carlo(book(), test::bundled_venue("generic"), RunParameters{}, spec);
        ADD_FAILURE() << "no paths ran";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "paths: expected at least one path, found 0");
    }
}

TEST(MonteCarlo, CancellationIsAResult) {
    RunParameters p;
    p.vol = 0.002;
    p.steps = 50;
    MonteCarloSpec spec;
    spec.paths = 40;
    spec.threads = 2;
    std::size_t calls = 0;
    const MonteCarloResult r =
        run_monte_carlo(book(), test::bundled_venue("generic"), p, spec, {}, [&](std::size_t done, std::size_t total) {
            ++calls;
            EXPECT_EQ(total, 40u);
            return done < 5;
        });
    EXPECT_TRUE(r.cancelled);
    EXPECT_LT(calls, 40u);
    EXPECT_TRUE(r.metrics.empty()); // percentiles of some paths would mislead
    EXPECT_TRUE(r.price_fan.empty());
}

// A path that cannot run fails the whole Monte Carlo with its error, on the caller's thread.
TEST(MonteCarlo, APathsErrorReachesTheCaller) {
    RunParameters p;
    p.vol = 0.002;
    p.half_life_s = -1.0; // refused by every run
    MonteCarloSpec spec;
    spec.paths = 8;
    spec.threads = 3;
    EXPECT_THROW(run_monte_carlo(book(), test::bundled_venue("generic"), p, spec), std::invalid_argument);
}
