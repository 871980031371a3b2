// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/RunSeries.h"

#include <algorithm>
#include <array>

namespace levex {

namespace {

using F = RunFrames;

constexpr std::array<RunSeries, 12> kSeries = {{
    {"index", "quote per base", &F::index, nullptr, 0},
    {"book", "quote per base", &F::book, nullptr, 1},
    {"mark", "quote per base", &F::mark, nullptr, 2},
    {"liquidated_notional_long", "quote", &F::liquidated_notional_long, nullptr, 3},
    {"liquidated_notional_short", "quote", &F::liquidated_notional_short, nullptr, 4},
    {"liquidated_count_long", "positions", nullptr, &F::liquidated_count_long, 9},
    {"liquidated_count_short", "positions", nullptr, &F::liquidated_count_short, 10},
    {"backstop_notional", "quote", &F::backstop_notional, nullptr, 5},
    {"adl_notional", "quote", &F::adl_notional, nullptr, 6},
    {"open_interest", "quote", &F::open_interest, nullptr, 7},
    {"fund_balance", "margin currency", &F::fund_balance, nullptr, 8},
    {"withdrawal", "fraction of resting depth", &F::withdrawal, nullptr, 11},
}};

constexpr std::array<RunHistogram, 4> kHistograms = {{
    {"open_long", &F::open_long},
    {"open_short", &F::open_short},
    {"executed_long", &F::executed_long},
    {"executed_short", &F::executed_short},
}};

} // namespace

double RunSeries::at(const RunFrames& frames, std::size_t step) const {
    return values ? (frames.*values)[step] : double((frames.*counts)[step]);
}

void RunSeries::set(RunFrames& frames, std::size_t step, double value) const {
    if (values)
        (frames.*values)[step] = value;
    else
        (frames.*counts)[step] = static_cast<std::uint32_t>(value);
}

std::size_t RunSeries::size(const RunFrames& frames) const {
    return values ? (frames.*values).size() : (frames.*counts).size();
}

void RunSeries::resize(RunFrames& frames, std::size_t steps) const {
    if (values)
        (frames.*values).resize(steps);
    else
        (frames.*counts).resize(steps);
}

std::span<const RunSeries> run_series() {
    return kSeries;
}

std::span<const RunHistogram> run_histograms() {
    return kHistograms;
}

void copy_step(const RunFrames& from, RunFrames& to, std::size_t step) {
    for (const RunSeries& s : kSeries)
        if (s.values)
            (to.*s.values)[step] = (from.*s.values)[step];
        else
            (to.*s.counts)[step] = (from.*s.counts)[step];
    if (from.bins == 0 || (from.*kHistograms[0].values).size() < (step + 1) * from.bins)
        return; // a run without histograms
    for (const RunHistogram& h : kHistograms)
        std::copy_n(from.row(from.*h.values, step), from.bins, (to.*h.values).data() + step * to.bins);
}

} // namespace levex
