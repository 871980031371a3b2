// SPDX-License-Identifier: GPL-3.0-or-later
// The table of a run's per-step series: every writer and copier reads it.
#include "core/engine/RunSeries.h"
#include "core/io/RunReport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace levex {
namespace {

RunFrames frames_of(std::size_t steps, std::size_t bins) {
    RunFrames f;
    f.steps = steps;
    f.bins = bins;
    for (std::size_t b = 0; b <= bins; ++b)
        f.edges.push_back(100.0 + double(b));
    std::size_t k = 0;
    for (const RunSeries& s : run_series()) {
        s.resize(f, steps);
        for (std::size_t t = 0; t < steps; ++t)
            s.set(f, t, double(10 * k + t + 1));
        ++k;
    }
    for (const RunHistogram& h : run_histograms())
        (f.*h.values).assign(steps * bins, 1.0);
    return f;
}

TEST(RunSeries, NamesAreUniqueAndStoredRowsArePermutation) {
    std::set<std::string> names;
    std::vector<std::size_t> rows;
    for (const RunSeries& s : run_series()) {
        names.insert(s.name);
        rows.push_back(s.stored_row);
        EXPECT_TRUE((s.values == nullptr) != (s.counts == nullptr)) << s.name;
        EXPECT_NE(std::string(s.unit), "") << s.name;
    }
    EXPECT_EQ(names.size(), run_series().size());
    std::sort(rows.begin(), rows.end());
    for (std::size_t r = 0; r < rows.size(); ++r)
        EXPECT_EQ(rows[r], r);
}

TEST(RunSeries, TheSeriesCsvHasAColumnPerSeriesInTableOrder) {
    const RunFrames f = frames_of(3, 2);
    const std::string csv = series_csv(f, 2.0);
    std::string header = "step,time_s";
    for (const RunSeries& s : run_series())
        header += std::string(",") + s.name;
    EXPECT_EQ(csv.substr(0, csv.find('\n')), header);
    EXPECT_NE(csv.find("\n1,2,2,12,"), std::string::npos) << csv; // step 1: time 2 s, then 10k + 2
}

TEST(RunSeries, TheFramesCsvWritesEverySeriesAndHistogram) {
    const std::string csv = frames_csv(frames_of(2, 2));
    for (const RunSeries& s : run_series())
        EXPECT_NE(csv.find(std::string("\n0,") + s.name + ",,,"), std::string::npos) << s.name;
    for (const RunHistogram& h : run_histograms())
        EXPECT_NE(csv.find(std::string("\n1,") + h.name + ",101,102,1\n"), std::string::npos) << h.name;
}

TEST(RunSeries, CopyStepCopiesOneStepOfEverything) {
    const RunFrames from = frames_of(4, 3);
    RunFrames to;
    to.steps = 4;
    to.bins = 3;
    for (const RunSeries& s : run_series())
        s.resize(to, 4);
    for (const RunHistogram& h : run_histograms())
        (to.*h.values).assign(12, 0.0);
    copy_step(from, to, 2);
    for (const RunSeries& s : run_series()) {
        EXPECT_EQ(s.at(to, 2), s.at(from, 2)) << s.name;
        EXPECT_EQ(s.at(to, 1), 0.0) << s.name;
    }
    for (const RunHistogram& h : run_histograms()) {
        EXPECT_EQ((to.*h.values)[2 * 3 + 1], 1.0) << h.name;
        EXPECT_EQ((to.*h.values)[1 * 3 + 1], 0.0) << h.name;
    }
}

} // namespace
} // namespace levex
