// SPDX-License-Identifier: GPL-3.0-or-later
// Liquidation prices for a whole book, with the tiered Binance profile (bracket search per position),
// and the inspect table written from them (one CSV row of 19 columns per position).
#include "core/io/InspectReport.h"
#include "core/model/BookGenerator.h"
#include "core/model/MarginModel.h"
#include "core/model/VenueProfile.h"

#include <benchmark/benchmark.h>

namespace {

void BM_LiquidationLevels(benchmark::State& state) {
    const auto venue = levex::load_venue_profile("binance-usdm-btcusdt", std::string(LEVEX_RESOURCE_DIR) + "/venues");
    levex::GeneratorSettings settings;
    settings.positions = std::size_t(state.range(0));
    const levex::PositionBook book = levex::generate_book(settings, venue);
    for (auto _ : state) {
        auto levels = levex::compute_liquidation_levels(book, venue);
        benchmark::DoNotOptimize(levels.liquidation_price.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LiquidationLevels)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_WriteInspectCsv(benchmark::State& state) {
    const auto venue = levex::load_venue_profile("binance-usdm-btcusdt", std::string(LEVEX_RESOURCE_DIR) + "/venues");
    levex::GeneratorSettings settings;
    settings.positions = std::size_t(state.range(0));
    const levex::PositionBook book = levex::generate_book(settings, venue);
    const auto levels = levex::compute_liquidation_levels(book, venue);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string csv = levex::write_inspect_csv(book, venue, levels);
        bytes = csv.size();
        benchmark::DoNotOptimize(csv.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * std::int64_t(bytes));
}
BENCHMARK(BM_WriteInspectCsv)->Arg(1000000)->Unit(benchmark::kMillisecond);

} // namespace
