// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace database speed (issue goal: 1M positions saved in ≤ 2 s and loaded in ≤ 1 s), on a
// file in the temporary folder with the store's own settings (WAL, synchronous=NORMAL).
#include "core/base/ResourcePaths.h"
#include "core/model/BookGenerator.h"
#include "core/model/VenueProfile.h"
#include "core/store/Workspace.h"

#include "GeneratedBooks.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>

namespace {

namespace fs = std::filesystem;

std::string fresh_path() {
    const std::string path = (fs::temp_directory_path() / "levex-bench-workspace.db").string();
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path + suffix);
    return path;
}

void BM_WorkspaceSaveBook(benchmark::State& state) {
    const levex::PositionBook& book = levex::bench::generated_book(std::size_t(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        auto ws = std::make_unique<levex::Workspace>(fresh_path());
        state.ResumeTiming();
        ws->import_snapshot(book, {"bench", "bench.csv", "hash", "generic"}); // committed to the WAL
        state.PauseTiming();
        ws.reset(); // the checkpoint into the main file: measured by BM_WorkspaceSaveBookAndClose
        state.ResumeTiming();
    }
    fresh_path();
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_WorkspaceSaveBook)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);

// The same with the connection closed, which checkpoints the WAL into the database file.
void BM_WorkspaceSaveBookAndClose(benchmark::State& state) {
    const levex::PositionBook& book = levex::bench::generated_book(std::size_t(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        auto ws = std::make_unique<levex::Workspace>(fresh_path());
        state.ResumeTiming();
        ws->import_snapshot(book, {"bench", "bench.csv", "hash", "generic"});
        ws.reset();
    }
    fresh_path();
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_WorkspaceSaveBookAndClose)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_WorkspaceLoadBook(benchmark::State& state) {
    const levex::PositionBook& book = levex::bench::generated_book(std::size_t(state.range(0)));
    const std::string path = fresh_path();
    levex::Workspace ws(path);
    const auto id = ws.import_snapshot(book, {"bench", "bench.csv", "hash", "generic"}).snapshot.id;
    for (auto _ : state) {
        levex::PositionBook loaded = ws.load_book(id);
        benchmark::DoNotOptimize(loaded.size.data());
    }
    fresh_path();
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_WorkspaceLoadBook)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace
