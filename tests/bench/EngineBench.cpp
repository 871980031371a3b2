// SPDX-License-Identifier: GPL-3.0-or-later
// Cascade engine speed on a 1M-position book (600 steps, 512 price bins): a run when only the
// shock changed (the prepared book is reused), a run after a leverage change (prepare + run), and
// a 64 × 64 shock × leverage sweep of the fixed-point metric. Also reports the memory the
// simulation holds per position.
#include "core/engine/CascadeEngine.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Sweep.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"
#include "core/model/BookGenerator.h"
#include "core/model/VenueProfile.h"

#include <benchmark/benchmark.h>

namespace {

const levex::VenueProfile& venue() {
    static const levex::VenueProfile v =
        levex::load_venue_profile("binance-usdm-btcusdt", std::string(LEVEX_RESOURCE_DIR) + "/venues");
    return v;
}

const levex::PositionBook& million() {
    static const levex::PositionBook book = [] {
        levex::GeneratorSettings g;
        g.positions = 1'000'000;
        g.seed = 3;
        return levex::generate_book(g, venue());
    }();
    return book;
}

levex::RunParameters params(double shock) {
    levex::RunParameters p;
    p.shock = shock;
    p.steps = 600;
    p.bins = 512;
    p.depth_quote_within_1pct = 200e6; // the 1M book holds ~17B of open interest
    return p;
}

void BM_RunAfterShockChange(benchmark::State& state) {
    const levex::PreparedBook prepared = levex::prepare_book(million(), venue(), {}, 0, 100000.0);
    const levex::BookDepth depth = levex::build_depth(params(0), 100000.0);
    int i = 0;
    std::size_t steps = 0, liquidated = 0;
    for (auto _ : state) {
        const levex::RunParameters p = params(-0.04 - 0.01 * (i++ % 3));
        const levex::RunResult r = levex::run_cascade(prepared, depth, levex::build_index_path(p, std::nullopt), p);
        steps = r.summary.steps_run;
        liquidated = r.summary.liquidated_count;
        benchmark::DoNotOptimize(r.summary.final_price);
    }
    state.counters["steps"] = double(steps);
    state.counters["liquidated"] = double(liquidated);
    // What a run holds per position: the prepared columns and ladders, plus the run's own state
    // (remaining size, cushion, touched flag, bin).
    const double held = double(prepared.memory_bytes()) +
                        double(prepared.positions()) * (2 * sizeof(double) + 1 + sizeof(std::int32_t));
    state.counters["bytes_per_position"] = held / double(prepared.positions());
}
BENCHMARK(BM_RunAfterShockChange)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_RunAfterLeverageChange(benchmark::State& state) {
    const levex::BookDepth depth = levex::build_depth(params(0), 100000.0);
    int i = 0;
    for (auto _ : state) {
        const levex::RunParameters p = params(-0.05);
        const levex::MarginSettings margins{1.0 + 0.25 * (i++ % 4), 1.0};
        const levex::PreparedBook prepared = levex::prepare_book(million(), venue(), margins, 0, 100000.0);
        const levex::RunResult r = levex::run_cascade(prepared, depth, levex::build_index_path(p, std::nullopt), p);
        benchmark::DoNotOptimize(r.summary.final_price);
    }
}
BENCHMARK(BM_RunAfterLeverageChange)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_PrepareBook(benchmark::State& state) {
    for (auto _ : state) {
        const levex::PreparedBook prepared = levex::prepare_book(million(), venue(), {}, 0, 100000.0);
        benchmark::DoNotOptimize(prepared.long_ladder.price.data());
    }
}
BENCHMARK(BM_PrepareBook)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Sweep64x64FixedPoint(benchmark::State& state) {
    levex::SweepSpec spec;
    spec.x = levex::parse_axis("shock:-0.3:0:64");
    spec.y = levex::parse_axis("leverage-mult:0.5:3:64");
    spec.metric = "exhaustion_price";
    const levex::PositionBook& book = million(); // built before the clock starts
    for (auto _ : state) {
        const levex::SweepResult r = levex::run_sweep(book, venue(), params(0), spec);
        benchmark::DoNotOptimize(r.values.data());
    }
}
BENCHMARK(BM_Sweep64x64FixedPoint)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace
