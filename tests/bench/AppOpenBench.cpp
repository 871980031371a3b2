// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app (offscreen) opening a large book: from openBook() until the first simulation has
// finished and been handed to the heatmap (goal for 1M positions: 0.5 s), and the app's resident
// memory then (VmRSS) and at its peak (VmHWM). The book is LEVEX_BENCH_BOOK when set (for a 10M
// book made beforehand with levex-cli generate, so that its making does not count in the peak),
// else a generated book of LEVEX_BENCH_POSITIONS rows (default 1M); LEVEX_BENCH_ITERATIONS opens it
// that many times (default 3).
#include "ui/window/MainWindow.h"

#include "core/base/MemoryReuse.h"
#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

std::string generated_path;

const std::string& book_path() {
    static const std::string path = [] {
        if (const char* given = std::getenv("LEVEX_BENCH_BOOK"))
            return std::string(given);
        levex::GeneratorSettings g;
        const char* positions = std::getenv("LEVEX_BENCH_POSITIONS");
        g.positions = positions ? std::stoull(positions) : 1'000'000;
        g.seed = 3;
        generated_path = (std::filesystem::temp_directory_path() / "levex-app-open-bench.csv").string();
        levex::write_text_file(generated_path, levex::write_positions_csv(levex::generate_book(
                                                   g, levex::load_venue_profile("generic", levex::venue_dir()))));
        return generated_path;
    }();
    return path;
}

// A line of /proc/self/status ("VmRSS", "VmHWM") in MB.
double status_mb(const std::string& key) {
    std::ifstream status("/proc/self/status");
    std::string word;
    while (status >> word)
        if (word == key + ":") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
    return 0.0;
}

void BM_OpenBookToFirstHeatmap(benchmark::State& state) {
    const QString book = QString::fromStdString(book_path());
    for (auto _ : state) {
        levex::ui::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QSignalSpy finished(&window, &levex::ui::MainWindow::simulationFinished);
        QElapsedTimer clock;
        clock.start();
        window.openBook(book);
        if (finished.count() == 0 && !finished.wait(600000))
            state.SkipWithError("the book did not open");
        state.SetIterationTime(double(clock.nsecsElapsed()) * 1e-9);
        state.counters["rss_mb"] = status_mb("VmRSS");
        state.counters["peak_rss_mb"] = status_mb("VmHWM");
    }
}

} // namespace

int main(int argc, char** argv) {
    levex::keep_freed_memory_for_reuse();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    book_path();                                                    // made before the clock and the peak start
    const char* iterations = std::getenv("LEVEX_BENCH_ITERATIONS"); // 1 for a 10M book
    benchmark::RegisterBenchmark("BM_OpenBookToFirstHeatmap", BM_OpenBookToFirstHeatmap)
        ->UseManualTime()
        ->Iterations(iterations ? std::stoll(iterations) : 3)
        ->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!generated_path.empty())
        std::filesystem::remove(generated_path);
    return 0;
}
