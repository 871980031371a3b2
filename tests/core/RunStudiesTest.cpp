// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps and Monte Carlo on resolved inputs.
#include "tests/core/TestSupport.h"

#include "core/model/BookGenerator.h"
#include "core/model/ParameterError.h"
#include "core/usecase/RunStudies.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

StudyInputs inputs(const RunParameters& params = {}) {
    GeneratorSettings settings;
    settings.positions = 400;
    settings.seed = 3;
    const VenueProfile venue = test::bundled_venue("generic");
    return {std::make_shared<const PositionBook>(generate_book(settings, venue)), venue, params, {}, {}};
}

SweepSpec small_grid() {
    SweepSpec spec;
    spec.x = parse_axis("shock:-0.2:0:5");
    spec.y = parse_axis("leverage-mult:0.5:3:5");
    return spec;
}

TEST(RunStudies, ASweepInBatchesOfRowsEqualsTheWholeGrid) {
    const StudyInputs in = inputs();
    const SweepResult whole = run_sweep_study(in, small_grid());
    std::vector<std::size_t> firsts;
    const SweepResult batched = run_sweep_study(
        in, small_grid(),
        [&](std::size_t first, const SweepResult& rows) {
            firsts.push_back(first);
            EXPECT_LE(rows.ys.size(), 2u);
            return true;
        },
        2);
    EXPECT_EQ(firsts, (std::vector<std::size_t>{0, 2, 4}));
    EXPECT_EQ(batched.ys.size(), whole.ys.size());
    EXPECT_EQ(batched.defined, whole.defined);
    ASSERT_EQ(batched.values.size(), whole.values.size());
    for (std::size_t k = 0; k < whole.values.size(); ++k) {
        if (whole.defined[k]) {
            EXPECT_NEAR(batched.values[k], whole.values[k], 1e-9 * std::abs(whole.values[k])) << k;
        }
    }
}

TEST(RunStudies, ASweepStopsWhenTheRowsAreNotWanted) {
    const SweepResult r = run_sweep_study(
        inputs(), small_grid(), [](std::size_t, const SweepResult&) { return false; }, 2);
    EXPECT_TRUE(r.cancelled);
}

TEST(RunStudies, MonteCarloNeedsRandomPaths) {
    MonteCarloSpec spec;
    spec.paths = 4;
    try {
        run_monte_carlo_study(inputs(), spec);
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "vol");
    }
    RunParameters replay;
    replay.vol = 0.001;
    replay.price_series_file = test::data_path("prices/klines_small.csv");
    try {
        run_monte_carlo_study(inputs(replay), spec);
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "price_series_file");
    }
    RunParameters random;
    random.vol = 0.002;
    random.steps = 50;
    EXPECT_EQ(run_monte_carlo_study(inputs(random), spec).paths, 4u);
}

TEST(RunStudies, TheAppsInputsAreCheckedAndLoaded) {
    RunParameters bad;
    bad.bins = 1;
    EXPECT_THROW(study_inputs(inputs().book, "generic", bad), ParameterError);
    RunParameters l2;
    l2.depth_model = DepthModel::L2Book;
    l2.book_file = test::data_path("orderbooks/small_l2.csv");
    EXPECT_TRUE(study_inputs(inputs().book, "generic", l2).market.l2_book.has_value());
}

} // namespace
} // namespace levex
