// SPDX-License-Identifier: GPL-3.0-or-later
// What the market models cost per forced order: a walk of 4,096 fills (deterministic sizes, about
// 3 % deep in all) through each depth model, with and without stress withdrawal, and through the
// two AMM pools; one arbitrage step of each pool; and the 1M-position cascade (the engine as it is,
// without withdrawal) on each depth curve against today's V-shaped one.
#include "core/engine/CascadeEngine.h"
#include "core/engine/PreparedBook.h"
#include "core/market/DepthWalk.h"
#include "core/market/IndexPath.h"
#include "core/market/L2Depth.h"
#include "core/market/PoolWalk.h"
#include "core/model/BookGenerator.h"
#include "core/model/VenueProfile.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {

constexpr int kFills = 4096;
constexpr double kPrice = 100000.0;
constexpr double kDepthQuote = 200e6; // within 1 %, quote

// Fill sizes in base summing to 1.5 resting depths within 1 %, spread like a ladder's (0.2x to 1.8x).
const std::vector<double>& fill_sizes() {
    static const std::vector<double> sizes = [] {
        std::vector<double> s(kFills);
        for (int i = 0; i < kFills; ++i)
            s[std::size_t(i)] = 1.5 * kDepthQuote / kPrice / kFills * (0.2 + 1.6 * ((i * 37) % 101) / 100.0);
        return s;
    }();
    return sizes;
}

// A synthetic 1,000-level snapshot per side, cumulative quote 200M·(x/1 %)^1.3, ending at 0.25 %.
levex::OrderBook snapshot() {
    levex::OrderBook book;
    double before = 0.0;
    for (int i = 1; i <= 1000; ++i) {
        const double x = 2.5e-6 * i;
        const double cumulative = kDepthQuote * std::pow(x / 0.01, 1.3);
        book.bid_price.push_back(kPrice * std::exp(-x));
        book.bid_size.push_back((cumulative - before) / kPrice);
        book.ask_price.push_back(kPrice * std::exp(x));
        book.ask_size.push_back((cumulative - before) / kPrice);
        before = cumulative;
    }
    return book;
}

enum Model { VShaped, Flat, PowerLaw114, PowerLaw15, L2FittedTail };

levex::BookDepth depth_of(int model) {
    const double d1 = kDepthQuote / kPrice;
    switch (model) {
    case Flat: return {levex::DepthCurve::flat(d1), levex::DepthCurve::flat(d1)};
    case PowerLaw114: return {levex::DepthCurve::power_law(d1, 1.14), levex::DepthCurve::power_law(d1, 1.14)};
    case PowerLaw15: return {levex::DepthCurve::power_law(d1, 1.5), levex::DepthCurve::power_law(d1, 1.5)};
    case L2FittedTail: return levex::l2_depth(snapshot(), kPrice).depth;
    default: return {levex::DepthCurve::v_shaped(d1), levex::DepthCurve::v_shaped(d1)};
    }
}

const char* model_name(int model) {
    const char* names[] = {"v-shaped", "flat", "power-1.14", "power-1.5", "l2-fitted-tail"};
    return names[model];
}

void BM_BookFills(benchmark::State& state) {
    const int model = int(state.range(0));
    const bool withdrawal = state.range(1) != 0;
    const levex::BookDepth depth = depth_of(model);
    const auto settings =
        withdrawal ? std::optional<levex::WithdrawalParameters>(levex::WithdrawalParameters{}) : std::nullopt;
    double last = 0.0;
    for (auto _ : state) {
        levex::DepthWalk walk(depth, 120.0, settings);
        walk.set_index(kPrice);
        for (double q : fill_sizes())
            benchmark::DoNotOptimize(walk.fill(+1, q));
        walk.advance(1.0);
        last = walk.book_price();
    }
    state.SetItemsProcessed(state.iterations() * kFills);
    state.SetLabel(std::string(model_name(model)) + (withdrawal ? " + withdrawal" : ""));
    state.counters["end_move_pct"] = 100.0 * (1.0 - last / kPrice);
}
BENCHMARK(BM_BookFills)->ArgsProduct({{VShaped, Flat, PowerLaw114, PowerLaw15, L2FittedTail}, {0, 1}});

// A pool holding 2,000 base and 200M quote: the same fills are 0.75 base reserves in all.
levex::AmmPoolParameters pool_of(int kind) {
    if (kind == 0)
        return {levex::AmmKind::ConstantProduct, 2000.0, 2000.0 * kPrice, 0.003, 0.0};
    return {levex::AmmKind::StableSwap, 2000.0, 2000.0, 0.0004, 50.0};
}

void BM_PoolFills(benchmark::State& state) {
    const levex::AmmPool pool(pool_of(int(state.range(0))));
    const double scale = 0.5; // 1.5 depths of 2,000 base, halved
    for (auto _ : state) {
        levex::PoolWalk walk(pool, 120.0);
        for (double q : fill_sizes())
            benchmark::DoNotOptimize(walk.fill(+1, q * scale));
    }
    state.SetItemsProcessed(state.iterations() * kFills);
    state.SetLabel(state.range(0) == 0 ? "constant-product" : "stableswap");
}
BENCHMARK(BM_PoolFills)->Arg(0)->Arg(1);

// One step of arbitrage toward an index 5 % away.
void BM_PoolArbitrageStep(benchmark::State& state) {
    const levex::AmmPool pool(pool_of(int(state.range(0))));
    for (auto _ : state) {
        levex::PoolWalk walk(pool, 120.0);
        walk.set_index(0.95 * walk.book_price());
        walk.advance(1.0);
        benchmark::DoNotOptimize(walk.book_price());
    }
    state.SetLabel(state.range(0) == 0 ? "constant-product" : "stableswap");
}
BENCHMARK(BM_PoolArbitrageStep)->Arg(0)->Arg(1);

// What an IOC liquidation asks first: how much the pool takes before its price reaches a limit 2 % away.
void BM_PoolFillableTo(benchmark::State& state) {
    const levex::PoolWalk walk(levex::AmmPool(pool_of(int(state.range(0)))), 120.0);
    const double limit = 0.98 * walk.book_price();
    for (auto _ : state)
        benchmark::DoNotOptimize(walk.fillable_to(+1, limit));
    state.SetLabel(state.range(0) == 0 ? "constant-product" : "stableswap");
}
BENCHMARK(BM_PoolFillableTo)->Arg(0)->Arg(1);

const levex::VenueProfile& venue() {
    static const levex::VenueProfile v =
        levex::load_venue_profile("binance-usdm-btcusdt", std::string(LEVEX_RESOURCE_DIR) + "/venues");
    return v;
}

const levex::PreparedBook& prepared_million() {
    static const levex::PreparedBook prepared = [] {
        levex::GeneratorSettings g;
        g.positions = 1'000'000;
        g.seed = 3;
        return levex::prepare_book(levex::generate_book(g, venue()), venue(), {}, 0, kPrice);
    }();
    return prepared;
}

// The 1M-position cascade after a −5 % shock (600 steps, 512 bins) on each depth curve.
void BM_MillionPositionRun(benchmark::State& state) {
    const int model = int(state.range(0));
    const levex::BookDepth depth = depth_of(model);
    levex::RunParameters p;
    p.shock = -0.05;
    p.steps = 600;
    p.bins = 512;
    const std::vector<double> path = levex::build_index_path(p, std::nullopt);
    const levex::PreparedBook& prepared = prepared_million();
    std::size_t liquidated = 0;
    double final_price = 0.0;
    for (auto _ : state) {
        const levex::RunResult r = levex::run_cascade(prepared, depth, path, p);
        liquidated = r.summary.liquidated_count;
        final_price = r.summary.final_price;
    }
    state.SetLabel(model_name(model));
    state.counters["liquidated"] = double(liquidated);
    state.counters["final_price"] = final_price;
    // CPU time per liquidated position: the flatter books liquidate more of the same book.
    state.counters["s_per_liquidated"] = benchmark::Counter(
        double(liquidated), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MillionPositionRun)->DenseRange(VShaped, L2FittedTail)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace
