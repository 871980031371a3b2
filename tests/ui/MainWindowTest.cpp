// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"
#include "ui/CascadeHeatmapView.h"
#include "ui/LiquidationMapView.h"
#include "ui/SimulationController.h"

#include "core/PositionCsvReader.h"
#include "core/ResourcePaths.h"
#include "core/Simulation.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>

using levex::ui::MainWindow;

namespace {

double total(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}

bool waitFor(QSignalSpy& spy, int ms = 20000) {
    return spy.count() > 0 || spy.wait(ms);
}

} // namespace

TEST(MainWindow, OpensTheSampleBookAndDrawsItsMap) {
    MainWindow window;
    window.show();
    QSignalSpy ready(&window, &MainWindow::bookReady);
    window.openBook(QString::fromStdString(levex::sample_book_path()));
    ASSERT_TRUE(waitFor(ready));
    const auto* s = window.snapshot();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->book.positions(), 30000u);
    EXPECT_EQ(s->book.symbol_names[s->symbol], "BTCUSDT");
    EXPECT_DOUBLE_EQ(s->map.mark, 100000.0);
    EXPECT_GT(total(s->map.long_notional), 0.0);
    EXPECT_GT(total(s->map.short_notional), 0.0);
    // The plot holds the map's bins: two bar series, one bar per bin each.
    QCustomPlot* plot = window.liquidationMap()->plot();
    ASSERT_EQ(plot->plottableCount(), 2);
    EXPECT_EQ(plot->plottable(0)->interface1D()->dataCount(), int(s->map.long_notional.size()));
}

TEST(MainWindow, HigherLeverageMovesLiquidationsTowardTheMark) {
    MainWindow window;
    QSignalSpy ready(&window, &MainWindow::bookReady);
    window.openBook(QString::fromStdString(levex::sample_book_path()));
    ASSERT_TRUE(waitFor(ready));
    // Notional liquidating within 5 % below the mark, before and after doubling leverage.
    auto near_longs = [&] {
        const auto& map = window.snapshot()->map;
        double sum = 0;
        for (std::size_t b = 0; b < map.long_notional.size(); ++b)
            if (map.edges[b] >= map.mark * 0.95)
                sum += map.long_notional[b];
        return sum;
    };
    const double before = near_longs();
    auto* leverage = window.findChild<QDoubleSpinBox*>("leverage");
    ASSERT_NE(leverage, nullptr);
    ready.clear();
    leverage->setValue(2.0);
    ASSERT_TRUE(waitFor(ready));
    EXPECT_GT(near_longs(), before);
    EXPECT_DOUBLE_EQ(window.snapshot()->levels.margins.leverage_mult, 2.0);
}

TEST(MainWindow, ReportsABadFileWithLineAndColumn) {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    std::ofstream(path.toStdString()) << "id,side,size,entry_price,leverage\n1,long,1,100,10\n2,long,abc,100,10\n";
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::bookFailed);
    window.openBook(path);
    ASSERT_TRUE(waitFor(failed));
    const QString message = failed.takeFirst().at(0).toString();
    EXPECT_TRUE(message.startsWith(path + ":3:8: expected a number for size")) << message.toStdString();
}

// Changing the shock runs the cascade again; the heatmap's cells are the core's histograms.
TEST(MainWindow, ShockChangeRedrawsTheHeatmapFromTheCoreRun) {
    MainWindow window;
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(QString::fromStdString(levex::sample_book_path()));
    ASSERT_TRUE(waitFor(finished));
    auto* shock = window.findChild<QDoubleSpinBox*>("shock");
    ASSERT_NE(shock, nullptr);
    finished.clear();
    shock->setValue(-8.0);
    ASSERT_TRUE(waitFor(finished));
    // Let the render timer hand the last frames to the view.
    QTest::qWait(100);
    const auto run = window.simulation()->currentRun();
    ASSERT_NE(run, nullptr);
    EXPECT_DOUBLE_EQ(run->params.shock, -0.08);

    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    const auto book = levex::read_positions_csv(levex::sample_book_path()).book;
    const levex::RunResult core = levex::simulate(book, venue, window.runParameters());
    QCPColorMapData* cells = window.heatmap()->colorMap()->data();
    ASSERT_EQ(cells->keySize(), int(run->capacity));
    ASSERT_EQ(cells->valueSize(), int(core.frames.bins));
    for (std::size_t t = 0; t < core.frames.steps; t += 7)
        for (std::size_t b = 0; b < core.frames.bins; ++b) {
            const double expected = levex::ui::CascadeHeatmapView::cell_value(
                core.frames.row(core.frames.open_long, t)[b], core.frames.row(core.frames.open_short, t)[b]);
            const double shown = cells->cell(int(t), int(b));
            if (std::isnan(expected))
                ASSERT_TRUE(std::isnan(shown)) << t << " " << b;
            else
                ASSERT_DOUBLE_EQ(shown, expected) << t << " " << b;
        }
}

int main(int argc, char** argv) {
    // Offscreen also when CTest lists the tests (its ENVIRONMENT property reaches only the runs).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
