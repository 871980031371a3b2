// SPDX-License-Identifier: GPL-3.0-or-later
// Positions CSV parsing speed: a generated book of N rows, parsed from memory (the file read is
// measured separately so disk cache effects stay visible).
#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/io/PositionCsvReader.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"
#include "core/model/VenueProfile.h"

#include "GeneratedBooks.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>

namespace {

const std::string& book_csv(std::size_t positions) {
    static std::map<std::size_t, std::string> cache;
    auto it = cache.find(positions);
    if (it == cache.end())
        it = cache.emplace(positions, levex::write_positions_csv(levex::bench::generated_book(positions))).first;
    return it->second;
}

void BM_ParsePositionsCsv(benchmark::State& state) {
    const std::string& csv = book_csv(std::size_t(state.range(0)));
    for (auto _ : state) {
        auto result = levex::parse_positions_csv(csv, "bench.csv");
        if (!result.ok)
            state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(result.book.size.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * std::int64_t(csv.size()));
}
BENCHMARK(BM_ParsePositionsCsv)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReadPositionsCsvFile(benchmark::State& state) {
    const std::string& csv = book_csv(std::size_t(state.range(0)));
    const std::string path = (std::filesystem::temp_directory_path() / "levex-bench-book.csv").string();
    levex::write_text_file(path, csv);
    for (auto _ : state) {
        auto result = levex::read_positions_csv(path);
        benchmark::DoNotOptimize(result.book.size.data());
    }
    std::remove(path.c_str());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReadPositionsCsvFile)->Arg(1000000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace
