// SPDX-License-Identifier: GPL-3.0-or-later
// Liquidation prices for a whole book, with the tiered Binance profile (bracket search per position),
// and the inspect table written from them (one CSV row of 19 columns per position): formatted
// alone, streamed into a file, and as one string.
#include "core/base/TextFile.h"
#include "core/io/InspectReport.h"
#include "core/model/BookGenerator.h"
#include "core/model/MarginModel.h"
#include "core/model/VenueProfile.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

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

struct InspectInputs {
    levex::VenueProfile venue =
        levex::load_venue_profile("binance-usdm-btcusdt", std::string(LEVEX_RESOURCE_DIR) + "/venues");
    levex::PositionBook book;
    levex::LiquidationLevels levels;
    levex::LeverageAudit audit;

    explicit InspectInputs(std::size_t positions) {
        levex::GeneratorSettings settings;
        settings.positions = positions;
        book = levex::generate_book(settings, venue);
        levels = levex::compute_liquidation_levels(book, venue);
        audit = levex::audit_leverage(book, venue, levels, book.symbol_mark);
    }
};

// The table formatted on every core and handed in order to a sink that only counts the bytes:
// the formatting alone. Arguments: positions, rows per block (0: the default).
void BM_WriteInspectCsv(benchmark::State& state) {
    const InspectInputs in(std::size_t(state.range(0)));
    levex::InspectStreamOptions options;
    if (state.range(1) > 0)
        options.block_rows = std::size_t(state.range(1));
    std::size_t bytes = 0;
    for (auto _ : state) {
        bytes = 0;
        levex::stream_inspect_csv(
            in.book, in.levels, in.audit, [&](std::string_view piece) { bytes += piece.size(); }, options);
        benchmark::DoNotOptimize(bytes);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * std::int64_t(bytes));
}
BENCHMARK(BM_WriteInspectCsv)->Args({1000000, 0})->Unit(benchmark::kMillisecond)->UseRealTime();

// What `levex-cli inspect --out FILE` does after the reading: the table streamed into a file (the
// kernel's copy into the page cache overlapping the formatting). Arguments as above.
void BM_WriteInspectCsvFile(benchmark::State& state) {
    const InspectInputs in(std::size_t(state.range(0)));
    const std::string path = (std::filesystem::temp_directory_path() / "levex-bench-inspect.csv").string();
    levex::InspectStreamOptions options;
    if (state.range(1) > 0)
        options.block_rows = std::size_t(state.range(1));
    for (auto _ : state)
        levex::write_text_file(path, [&](const levex::TextSink& sink) {
            levex::stream_inspect_csv(in.book, in.levels, in.audit, sink, options);
        });
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * std::int64_t(std::filesystem::file_size(path)));
    std::remove(path.c_str());
}
BENCHMARK(BM_WriteInspectCsvFile)->Args({1000000, 0})->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole table as one string (the library call for callers that want the text in memory).
void BM_WriteInspectCsvString(benchmark::State& state) {
    const InspectInputs in(std::size_t(state.range(0)));
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string csv = levex::write_inspect_csv(in.book, in.levels, in.audit);
        bytes = csv.size();
        benchmark::DoNotOptimize(csv.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * std::int64_t(bytes));
}
BENCHMARK(BM_WriteInspectCsvString)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
