// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop-app speed (offscreen): rendering one 600 × 512 heatmap frame, the latency from a
// shock change to the new heatmap on screen for a 1M-position book (worker run + hand-over +
// drawing every frame + replot), the longest the event loop stalls while the whole app imports,
// simulates and sweeps a 1M-position book, and the cost of exports (animation frames, GIF coding,
// charts).
#include "ui/export/CascadeAnimation.h"
#include "ui/export/ChartExporter.h"
#include "ui/export/GifWriter.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/SimulationController.h"

#include "core/base/MemoryReuse.h"
#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>
#include <qcustomplot.h>

#include <benchmark/benchmark.h>

#include <filesystem>

namespace {

// Waits (running the event loop) for the controller's next finished run.
std::shared_ptr<const levex::ui::LiveRun> finished_run(levex::ui::SimulationController& controller) {
    std::shared_ptr<const levex::ui::LiveRun> out;
    QEventLoop loop;
    auto c = QObject::connect(&controller, &levex::ui::SimulationController::runFinished, &loop,
                              [&](std::shared_ptr<const levex::ui::LiveRun> run) {
                                  out = run;
                                  loop.quit();
                              });
    loop.exec();
    QObject::disconnect(c);
    return out;
}

const std::string& million_book_path() {
    static const std::string path = [] {
        const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
        levex::GeneratorSettings g;
        g.positions = 1'000'000;
        g.seed = 3;
        const std::string p = (std::filesystem::temp_directory_path() / "levex-ui-bench-1m.csv").string();
        levex::write_text_file(p, levex::write_positions_csv(levex::generate_book(g, venue)));
        return p;
    }();
    return path;
}

levex::RunParameters run_params(double shock) {
    levex::RunParameters p;
    p.shock = shock;
    p.steps = 600;
    p.bins = 512;
    p.depth_quote_within_1pct = 200e6;
    return p;
}

void BM_RenderHeatmapFrame(benchmark::State& state) {
    levex::ui::SimulationController controller;
    controller.request(QString::fromStdString(levex::sample_book_path()), "generic", run_params(-0.05));
    const auto run = finished_run(controller);
    levex::ui::CascadeHeatmapView view;
    view.resize(1200, 800);
    view.show();
    view.showRun(run, run->ready.load());
    for (auto _ : state)
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    state.counters["steps"] = double(run->ready.load());
    state.counters["bins"] = double(run->bins);
}
BENCHMARK(BM_RenderHeatmapFrame)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ShockChangeToHeatmap1M(benchmark::State& state) {
    levex::ui::SimulationController controller;
    const QString book = QString::fromStdString(million_book_path());
    controller.request(book, "generic", run_params(-0.05));
    finished_run(controller); // reads the book and prepares it once
    levex::ui::CascadeHeatmapView view;
    view.resize(1200, 800);
    view.show();
    int i = 0;
    double worker_ms = 0;
    for (auto _ : state) {
        QElapsedTimer clock;
        clock.start();
        controller.request(book, "generic", run_params(-0.04 - 0.01 * (i++ % 3)));
        const auto run = finished_run(controller);
        view.showRun(run, run->ready.load());
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        state.SetIterationTime(double(clock.nsecsElapsed()) * 1e-9);
        worker_ms = run->prepare_ms + run->run_ms;
        state.counters["reused"] = run->reused_prepared_book;
        state.counters["liquidated"] = double(run->summary.liquidated_count);
        state.counters["run_ms"] = run->run_ms;
        state.counters["shock"] = run->params.shock;
        state.counters["prepare_ms"] = run->prepare_ms;
    }
    state.counters["worker_ms"] = worker_ms;
}
BENCHMARK(BM_ShockChangeToHeatmap1M)->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The longest gap between two ticks of a 1 ms timer on the GUI thread: how long the app would
// not answer the user (goal: 50 ms).
class StallMeter {
public:
    StallMeter() {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(1);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            longest_ns_ = std::max(longest_ns_, now - last_ns_);
            last_ns_ = now;
        });
    }
    void start() {
        longest_ns_ = 0;
        clock_.start();
        last_ns_ = 0;
        timer_.start();
    }
    double stop_ms() {
        timer_.stop();
        return double(longest_ns_) * 1e-6;
    }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ns_ = 0, longest_ns_ = 0;
};

bool wait_for(QSignalSpy& spy) {
    return spy.count() > 0 || spy.wait(600000);
}

void BM_EventLoopStall1M(benchmark::State& state) {
    const QString book = QString::fromStdString(million_book_path());
    for (auto _ : state) {
        levex::ui::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        StallMeter meter;

        // Import (read, prepare) and the first simulation, drawn as it arrives.
        QSignalSpy first(&window, &levex::ui::MainWindow::simulationFinished);
        meter.start();
        window.openBook(book);
        if (!wait_for(first))
            state.SkipWithError("the import did not finish");
        state.counters["import_stall_ms"] = meter.stop_ms();

        // A leverage change: the book is prepared again and simulated.
        QSignalSpy second(&window, &levex::ui::MainWindow::simulationFinished);
        meter.start();
        emit window.sensitivity()->cellChosen(-0.08, 2.0);
        if (!wait_for(second))
            state.SkipWithError("the simulation did not finish");
        state.counters["simulate_stall_ms"] = meter.stop_ms();

        // The sensitivity sweep (31 × 11 runs on the 1M book), filled in row by row.
        QSignalSpy swept(window.sensitivity(), &levex::ui::SensitivityPanel::finished);
        meter.start();
        window.sensitivity()->compute();
        if (!wait_for(swept))
            state.SkipWithError("the sweep did not finish");
        state.counters["sweep_stall_ms"] = meter.stop_ms();
        state.counters["max_stall_ms"] =
            std::max({state.counters["import_stall_ms"].value, state.counters["simulate_stall_ms"].value,
                      state.counters["sweep_stall_ms"].value});
    }
}
BENCHMARK(BM_EventLoopStall1M)->Iterations(1)->Unit(benchmark::kMillisecond);

// Export: one animation frame (heatmap beside the map, 1200 × 700) drawn, then quantised and
// LZW-coded into a GIF; and a whole chart written as PNG, PDF and SVG.
void BM_AnimationFrameRender(benchmark::State& state) {
    levex::ui::SimulationController controller;
    controller.request(QString::fromStdString(levex::sample_book_path()), "generic", run_params(-0.05));
    const auto run = finished_run(controller);
    levex::ui::ChartStyle style;
    style.width = 1200;
    style.height = 700;
    style.caption = QStringLiteral("caption");
    levex::ui::CascadeAnimation animation(run, style);
    std::size_t step = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(animation.frame(step++ % animation.steps()));
}
BENCHMARK(BM_AnimationFrameRender)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_GifFrameEncode(benchmark::State& state) {
    levex::ui::SimulationController controller;
    controller.request(QString::fromStdString(levex::sample_book_path()), "generic", run_params(-0.05));
    const auto run = finished_run(controller);
    levex::ui::ChartStyle style;
    style.width = 1200;
    style.height = 700;
    levex::ui::CascadeAnimation animation(run, style);
    std::vector<QImage> frames;
    for (std::size_t step = 0; step < 40; ++step)
        frames.push_back(animation.frame(step));
    const QString path = QString::fromStdString((std::filesystem::temp_directory_path() / "levex-bench.gif").string());
    levex::ui::GifWriter gif(path, frames.front().size(), 10, levex::ui::median_cut_palette(frames, 255));
    std::size_t i = 0;
    for (auto _ : state)
        gif.addFrame(frames[i++ % frames.size()]);
    gif.finish();
    std::filesystem::remove(path.toStdString());
}
BENCHMARK(BM_GifFrameEncode)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ExportHeatmap(benchmark::State& state, const char* suffix) {
    levex::ui::SimulationController controller;
    controller.request(QString::fromStdString(levex::sample_book_path()), "generic", run_params(-0.05));
    const auto run = finished_run(controller);
    levex::ui::CascadeHeatmapView view;
    view.showRun(run, run->ready.load());
    const QString path =
        QString::fromStdString((std::filesystem::temp_directory_path() / "levex-bench-chart.").string()) + suffix;
    levex::ui::ChartStyle style; // 1200 × 800
    style.caption = QStringLiteral("caption");
    for (auto _ : state)
        levex::ui::export_chart(*view.plot(), path, style);
    std::filesystem::remove(path.toStdString());
}
BENCHMARK_CAPTURE(BM_ExportHeatmap, png, "png")->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(BM_ExportHeatmap, pdf, "pdf")->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(BM_ExportHeatmap, svg, "svg")->Unit(benchmark::kMillisecond)->MinTime(1.0);

} // namespace

int main(int argc, char** argv) {
    levex::keep_freed_memory_for_reuse();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::filesystem::remove(std::filesystem::temp_directory_path() / "levex-ui-bench-1m.csv");
    return 0;
}
