// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"
#include "ui/models/LiquidationLogModel.h"
#include "ui/models/PositionTableModel.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/PlaybackBar.h"
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/RunSummaryView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/views/SnapshotEndMarks.h"
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/engine/CascadeWindow.h"
#include "core/engine/Simulation.h"
#include "core/engine/Sweep.h"
#include "core/io/PositionCsvReader.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <span>

using levex::ui::MainWindow;

namespace {

bool waitFor(QSignalSpy& spy, int ms = 30000) {
    return spy.count() > 0 || spy.wait(ms);
}

QString sample() {
    return QString::fromStdString(levex::sample_book_path());
}

// Opens the sample and waits for its first simulation and for the render timer to hand it over.
void open_sample(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(sample());
    ASSERT_TRUE(waitFor(finished));
    QTest::qWait(50);
}

} // namespace

TEST(MainWindow, OpensTheSampleBookAndShowsItsCascade) {
    MainWindow window;
    window.show();
    QSignalSpy ready(&window, &MainWindow::bookReady);
    open_sample(window);
    ASSERT_EQ(ready.count(), 1);
    const auto run = window.simulation()->currentRun();
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->symbol, "BTCUSDT");
    EXPECT_GT(run->summary.liquidated_count, 0u);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("btcusdt-sample.csv — LevEx"));
    // Not playing: the cursor is at the end of the framed cascade; with the whole run framed, at
    // the run's end. The map has one bar per bin on each side.
    EXPECT_EQ(window.playback()->cursor(), window.heatmap()->framedSteps() - 1);
    window.setWholeRun(true);
    EXPECT_EQ(window.playback()->cursor(), run->ready.load() - 1);
    QCustomPlot* map = window.liquidationMap()->plot();
    ASSERT_EQ(map->plottableCount(), 4);
    EXPECT_EQ(map->plottable(0)->interface1D()->dataCount(), int(run->bins));
    // The cumulative lines end at the sum of the open bands on their side of the mark.
    const std::size_t step = window.playback()->cursor(), bins = run->bins;
    const double* open_long = run->row(run->open_long, step);
    const double* open_short = run->row(run->open_short, step);
    double below = 0.0, above = 0.0;
    for (std::size_t b = 1; b + 1 < bins; ++b) {
        if (run->edges[b] <= run->mark[step])
            below += open_long[b];
        if (run->edges[b + 1] > run->mark[step])
            above += open_short[b];
    }
    const auto* longs = map->plottable(2)->interface1D();
    const auto* shorts = map->plottable(3)->interface1D();
    EXPECT_NEAR(-longs->dataMainValue(0), below, 1e-6 * below); // sorted by price: the lowest first
    EXPECT_NEAR(shorts->dataMainValue(shorts->dataCount() - 1), above, 1e-6 * above);
    // The two views share the price axis.
    EXPECT_EQ(map->yAxis->range(), window.heatmap()->plot()->yAxis->range());
}

TEST(MainWindow, HigherLeverageLiquidatesMore) {
    MainWindow window;
    open_sample(window);
    const auto before = window.simulation()->currentRun();
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    auto* leverage = window.findChild<QDoubleSpinBox*>("leverage");
    ASSERT_NE(leverage, nullptr);
    leverage->setValue(2.0);
    ASSERT_TRUE(waitFor(finished));
    const auto after = window.simulation()->currentRun();
    EXPECT_DOUBLE_EQ(after->params.leverage_mult, 2.0);
    EXPECT_GT(after->summary.liquidated_notional_long, before->summary.liquidated_notional_long);
}

TEST(MainWindow, ReportsABadFileWithLineAndColumn) {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    std::ofstream(path.toStdString()) << "id,side,size,entry_price,leverage\n1,long,1,100,10\n2,long,abc,100,10\n";
    MainWindow window;
    QStringList told;
    window.setNotify([&told](const QString& title, const QString& message) { told << title + ": " + message; });
    QSignalSpy failed(&window, &MainWindow::bookFailed);
    window.openBook(path);
    ASSERT_TRUE(waitFor(failed));
    const QString message = failed.takeFirst().at(0).toString();
    EXPECT_TRUE(message.startsWith(path + ":3:8: expected a number for size")) << message.toStdString();
    EXPECT_EQ(told, QStringList{"Could not open the book: " + message});
}

// Changing the shock runs the cascade again; the heatmap's cells are the core's histograms.
TEST(MainWindow, ShockChangeRedrawsTheHeatmapFromTheCoreRun) {
    MainWindow window;
    open_sample(window);
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    auto* shock = window.findChild<QDoubleSpinBox*>("shock");
    ASSERT_NE(shock, nullptr);
    shock->setValue(-8.0);
    ASSERT_TRUE(waitFor(finished));
    QTest::qWait(50);
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

// Playback: rewinding hides the later steps, playing reveals them again up to the end.
TEST(MainWindow, PlaybackRevealsTheCascadeStepByStep) {
    MainWindow window;
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    levex::ui::PlaybackBar* playback = window.playback();
    QCPColorMapData* cells = window.heatmap()->colorMap()->data();
    auto column_drawn = [&](int t) {
        for (int b = 0; b < cells->valueSize(); ++b)
            if (!std::isnan(cells->cell(t, b)))
                return true;
        return false;
    };
    ASSERT_TRUE(column_drawn(10));
    playback->setCursor(0); // Home goes further back, to the book before the shock
    EXPECT_EQ(playback->cursor(), 0u);
    EXPECT_TRUE(column_drawn(0));
    EXPECT_FALSE(column_drawn(10));
    playback->stepForward();
    EXPECT_EQ(playback->cursor(), 1u);
    QSignalSpy moved(playback, &levex::ui::PlaybackBar::cursorChanged);
    playback->play();
    EXPECT_TRUE(playback->playing());
    ASSERT_TRUE(moved.wait(2000));
    QTest::qWait(300);
    EXPECT_GT(playback->cursor(), 1u);
    EXPECT_TRUE(column_drawn(int(playback->cursor())));
    playback->pause();
    EXPECT_FALSE(playback->playing());
    EXPECT_LT(playback->cursor(), run->ready.load());
}

// The positions table: every position, sortable by any column (none last), filterable, and
// marking what the cascade liquidated by the cursor.
TEST(MainWindow, PositionsTableSortsFiltersAndMarksLiquidations) {
    MainWindow window;
    levex::ui::PositionTableModel* model = window.positions();
    QSignalSpy ordered(model, &levex::ui::PositionTableModel::orderingFinished);
    open_sample(window);
    ASSERT_TRUE(waitFor(ordered));
    const auto run = window.simulation()->currentRun();
    ASSERT_EQ(model->rowCount(), 30000);
    ASSERT_EQ(model->columnCount(), levex::ui::PositionTableModel::kColumns);

    ordered.clear();
    model->sort(levex::ui::PositionTableModel::Liquidation, Qt::AscendingOrder);
    ASSERT_TRUE(waitFor(ordered));
    double previous = -1.0;
    for (int row = 0; row < model->rowCount(); row += 97) {
        const double liq = run->liquidation_by_row[model->bookRow(row)];
        ASSERT_FALSE(std::isnan(liq));
        ASSERT_GE(liq, previous);
        previous = liq;
    }

    ordered.clear();
    model->setFilter("p00012");
    ASSERT_TRUE(waitFor(ordered));
    ASSERT_EQ(model->rowCount(), 100); // p0001200 … p0001299 (ids run to p0030000)
    for (int row = 0; row < model->rowCount(); ++row)
        EXPECT_TRUE(model->data(model->index(row, 0), Qt::DisplayRole).toString().contains("p00012"));

    // The cursor at the end: liquidated positions say when.
    ordered.clear();
    model->setFilter("");
    ASSERT_TRUE(waitFor(ordered));
    int liquidated = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        liquidated += model->data(model->index(row, levex::ui::PositionTableModel::Status), Qt::DisplayRole)
                          .toString()
                          .startsWith("liquidated at");
    EXPECT_EQ(std::size_t(liquidated), run->summary.liquidated_count);
    // At the first step only what step 0 liquidated is marked.
    window.playback()->setCursor(0);
    int at_start = 0, expected = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        at_start += model->data(model->index(row, levex::ui::PositionTableModel::Status), Qt::DisplayRole)
                        .toString()
                        .startsWith("liquidated at");
        expected += run->first_step_by_row[model->bookRow(row)] == 0;
    }
    EXPECT_EQ(at_start, expected);
    EXPECT_LT(at_start, liquidated);
    // Before the shock nothing is.
    window.playback()->rewind();
    ASSERT_TRUE(window.playback()->beforeShock());
    for (int row = 0; row < model->rowCount(); row += 13)
        EXPECT_EQ(model->data(model->index(row, levex::ui::PositionTableModel::Status), Qt::DisplayRole).toString(),
                  "open");
    EXPECT_EQ(model->headerData(levex::ui::PositionTableModel::Size, Qt::Horizontal, Qt::DisplayRole).toString(),
              "Size (BTC)");
}

// The liquidation log: every event of the run, filterable by path; choosing one moves the cursor
// to its step.
TEST(MainWindow, LiquidationLogListsEventsAndFilters) {
    MainWindow window;
    levex::ui::LiquidationLogModel* log = window.liquidationLog();
    QSignalSpy ordered(log, &levex::ui::LiquidationLogModel::orderingFinished);
    open_sample(window);
    ASSERT_TRUE(waitFor(ordered));
    const auto run = window.simulation()->currentRun();
    ASSERT_EQ(std::size_t(log->rowCount()), run->log.size());
    ASSERT_GT(log->rowCount(), 0);
    EXPECT_EQ(log->data(log->index(0, levex::ui::LiquidationLogModel::Path), Qt::DisplayRole).toString(), "book");
    ordered.clear();
    log->setFilter(levex::LiquidationPath::Adl, "");
    ASSERT_TRUE(waitFor(ordered));
    EXPECT_EQ(log->rowCount(), 0); // the generic venue's fund is unlimited: no ADL
    ordered.clear();
    const QString id = QUtf8StringView(run->position_book->id[run->log[3].position]).toString();
    log->setFilter(std::nullopt, id);
    ASSERT_TRUE(waitFor(ordered));
    ASSERT_GE(log->rowCount(), 1);
    EXPECT_EQ(log->data(log->index(0, levex::ui::LiquidationLogModel::Position), Qt::DisplayRole).toString(), id);
    EXPECT_EQ(log->event(0).step, run->log[3].step);
}

// The sensitivity map fills row by row with the core's sweep; a chosen cell loads its scenario.
TEST(MainWindow, SensitivityMapFillsAndLoadsACell) {
    MainWindow window;
    open_sample(window);
    levex::ui::SensitivityPanel* panel = window.sensitivity();
    QSignalSpy rows(panel, &levex::ui::SensitivityPanel::progress);
    QSignalSpy done(panel, &levex::ui::SensitivityPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(panel->rowsFilled(), 11u);
    EXPECT_EQ(rows.count(), 11);
    QCPColorMapData* cells = panel->colorMap()->data();
    ASSERT_EQ(cells->keySize(), 31);
    ASSERT_EQ(cells->valueSize(), 11);
    // Cells equal the core's sweep of the same grid.
    const auto run = window.simulation()->currentRun();
    levex::SweepSpec spec;
    spec.x = levex::parse_axis("shock:-0.3:0:31");
    spec.y = levex::parse_axis("leverage-mult:0.5:3:11");
    spec.metric = "amplification";
    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    const levex::SweepResult core = levex::run_sweep(*run->position_book, venue, run->params, spec);
    for (int iy = 0; iy < 11; ++iy)
        for (int ix = 0; ix < 31; ++ix) {
            const std::size_t k = std::size_t(iy) * 31 + std::size_t(ix);
            if (core.defined[k])
                ASSERT_DOUBLE_EQ(cells->cell(ix, iy), core.values[k]) << ix << " " << iy;
            else
                ASSERT_TRUE(std::isnan(cells->cell(ix, iy)));
        }
    EXPECT_GT(panel->criticalCurve()->dataCount(), 0);
    // The critical-shock legend sits in the heading row, never over a cell of the map.
    QCustomPlot* plot = panel->plot();
    plot->resize(900, 300);
    plot->replot();
    EXPECT_TRUE(plot->legend->visible());
    EXPECT_FALSE(plot->legend->outerRect().intersects(plot->axisRect()->rect()));

    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    emit panel->cellChosen(-0.12, 2.0);
    ASSERT_TRUE(waitFor(finished));
    const auto chosen = window.simulation()->currentRun();
    EXPECT_DOUBLE_EQ(chosen->params.shock, -0.12);
    EXPECT_DOUBLE_EQ(chosen->params.leverage_mult, 2.0);
}

// Monte Carlo: a fan of the book price over the run's steps and a histogram of every path.
TEST(MainWindow, MonteCarloDrawsAFanAndADistribution) {
    MainWindow window;
    open_sample(window);
    levex::ui::MonteCarloPanel* panel = window.monteCarlo();
    // Before the first paths the empty chart says what to press.
    EXPECT_TRUE(panel->blankNote()->visible());
    EXPECT_TRUE(panel->blankNote()->text().contains("press Run")) << panel->blankNote()->text().toStdString();
    EXPECT_TRUE(window.sensitivity()->criticalNote().contains("press Compute"));
    QSignalSpy done(panel, &levex::ui::MonteCarloPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(panel->blankNote()->visible());
    // The histogram's axis starts at zero: nothing liquidated is its origin.
    EXPECT_DOUBLE_EQ(panel->histogram()->xAxis->range().lower, 0.0);
    const auto run = window.simulation()->currentRun();
    ASSERT_EQ(panel->fan()->graphCount(), 5);
    EXPECT_FALSE(panel->fan()->legend->visible()); // the title names the bands; nothing covers the fan
    EXPECT_EQ(panel->fan()->graph(2)->dataCount(), int(run->params.steps));
    // Bands are ordered: the 5th percentile never above the median, the median never above the 95th.
    for (int i = 0; i < panel->fan()->graph(2)->dataCount(); i += 37) {
        const double p5 = panel->fan()->graph(0)->data()->at(i)->value;
        const double p50 = panel->fan()->graph(4)->data()->at(i)->value;
        const double p95 = panel->fan()->graph(1)->data()->at(i)->value;
        EXPECT_LE(p5, p50);
        EXPECT_LE(p50, p95);
    }
    ASSERT_EQ(panel->histogram()->plottableCount(), 1);
    auto* bars = static_cast<QCPBars*>(panel->histogram()->plottable(0));
    double paths = 0;
    for (auto it = bars->data()->begin(); it != bars->data()->end(); ++it)
        paths += it->value;
    EXPECT_DOUBLE_EQ(paths, 100.0);
}

namespace {
QCheckBox* permanent_box(MainWindow& window) {
    for (QCheckBox* box : window.findChildren<QCheckBox*>())
        if (box->text() == "permanent")
            return box;
    return nullptr;
}
} // namespace

// A sweep says what it was computed on; a change of a setting it does not sweep marks it stale
// (on the plot too), a change of its own axes (a cell chosen) does not; a new metric sweeps again at once.
TEST(MainWindow, SensitivitySaysItsBasisAndTurnsStale) {
    MainWindow window;
    open_sample(window);
    levex::ui::SensitivityPanel* panel = window.sensitivity();
    EXPECT_FALSE(panel->basisLabel()->isVisibleTo(panel)); // nothing computed yet
    QSignalSpy done(panel, &levex::ui::SensitivityPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(panel->isStale());
    EXPECT_TRUE(panel->basisLabel()->text().startsWith("Computed on btcusdt-sample.csv · BTCUSDT · generic"))
        << panel->basisLabel()->text().toStdString();

    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    emit panel->cellChosen(-0.12, 2.0); // the sweep's own axes
    ASSERT_TRUE(waitFor(finished));
    EXPECT_FALSE(panel->isStale());

    finished.clear();
    QCheckBox* permanent = permanent_box(window);
    ASSERT_NE(permanent, nullptr);
    permanent->setChecked(true);
    ASSERT_TRUE(waitFor(finished));
    EXPECT_TRUE(panel->isStale());
    EXPECT_TRUE(panel->basisLabel()->text().contains("Stale")) << panel->basisLabel()->text().toStdString();
    EXPECT_TRUE(panel->basisLabel()->text().contains("Changed since: Half-life"))
        << panel->basisLabel()->text().toStdString();
    finished.clear();
    permanent->setChecked(false); // back to what it was computed on
    ASSERT_TRUE(waitFor(finished));
    EXPECT_FALSE(panel->isStale());

    // Another metric: swept again at once, the cells the core's of that metric.
    done.clear();
    const int share = panel->metricBox()->findData("liquidated_share_of_oi");
    ASSERT_GE(share, 0);
    panel->metricBox()->setCurrentIndex(share);
    EXPECT_EQ(panel->spec().metric, "liquidated_share_of_oi");
    ASSERT_TRUE(done.wait(60000));
    const auto run = window.simulation()->currentRun();
    levex::SweepSpec spec = panel->spec();
    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    levex::RunParameters base = run->params;
    base.symbol = run->symbol;
    const levex::SweepResult core = levex::run_sweep(*run->position_book, venue, base, spec);
    QCPColorMapData* cells = panel->colorMap()->data();
    for (int iy = 0; iy < int(core.ys.size()); iy += 3)
        for (int ix = 0; ix < int(core.xs.size()); ix += 5) {
            const std::size_t k = std::size_t(iy) * core.xs.size() + std::size_t(ix);
            if (core.defined[k]) {
                ASSERT_DOUBLE_EQ(cells->cell(ix, iy), core.values[k]) << ix << " " << iy;
            }
        }
}

// The sensitivity panel sweeps any two of the command line's axes over edited ranges (up moves
// too), any summary metric, with the threshold given; it says why a critical-shock curve is absent.
TEST(MainWindow, SensitivitySweepsEditedAxesAndExplainsAMissingCurve) {
    MainWindow window;
    open_sample(window);
    levex::ui::SensitivityPanel* panel = window.sensitivity();
    const levex::ui::AxisEditor& x = panel->xEditor();
    const levex::ui::AxisEditor& y = panel->yEditor();
    x.parameter->setCurrentIndex(x.parameter->findData(int(levex::SweepAxis::Shock)));
    x.from->setValue(0.0);
    x.to->setValue(20.0); // a short squeeze
    x.count->setValue(5);
    y.parameter->setCurrentIndex(y.parameter->findData(int(levex::SweepAxis::DepthScale)));
    y.from->setValue(0.5);
    y.to->setValue(2.0);
    y.count->setValue(4);
    panel->thresholdBox()->setValue(1.0);
    panel->metricBox()->setCurrentIndex(panel->metricBox()->findData("max_price"));
    QSignalSpy done(panel, &levex::ui::SensitivityPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(panel->spec().metric, "max_price");
    EXPECT_DOUBLE_EQ(panel->spec().critical_threshold, 0.01);

    const auto run = window.simulation()->currentRun();
    levex::SweepSpec spec;
    spec.x = levex::parse_axis("shock:0:0.2:5");
    spec.y = levex::parse_axis("depth-scale:0.5:2:4");
    spec.metric = "max_price";
    spec.critical_threshold = 0.01;
    levex::RunParameters base = run->params;
    base.symbol = run->symbol;
    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    const levex::SweepResult core = levex::run_sweep(*run->position_book, venue, base, spec);
    QCPColorMapData* cells = panel->colorMap()->data();
    ASSERT_EQ(cells->keySize(), 5);
    ASSERT_EQ(cells->valueSize(), 4);
    for (int iy = 0; iy < 4; ++iy)
        for (int ix = 0; ix < 5; ++ix) {
            const std::size_t k = std::size_t(iy) * 5 + std::size_t(ix);
            ASSERT_TRUE(core.defined[k]);
            ASSERT_DOUBLE_EQ(cells->cell(ix, iy), core.values[k]) << ix << " " << iy;
        }
    EXPECT_GT(cells->cell(4, 0), run->summary.start_price); // an up move
    bool any_critical = false;
    for (const auto& c : core.critical_shock)
        any_critical = any_critical || c.has_value();
    EXPECT_EQ(panel->criticalCurve()->dataCount() > 0, any_critical);
    EXPECT_EQ(panel->criticalNote().isEmpty(), any_critical) << panel->criticalNote().toStdString();

    // Half-life × leverage: no shock axis, so no curve, and the panel says so.
    x.parameter->setCurrentIndex(x.parameter->findData(int(levex::SweepAxis::HalfLife)));
    x.count->setValue(3);
    y.parameter->setCurrentIndex(y.parameter->findData(int(levex::SweepAxis::LeverageMult)));
    y.count->setValue(2);
    panel->metricBox()->setCurrentIndex(panel->metricBox()->findData("exhaustion_price"));
    done.clear();
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(panel->criticalCurve()->dataCount(), 0);
    EXPECT_TRUE(panel->criticalNote().contains("needs the shock on the x axis")) << panel->criticalNote().toStdString();
}

// Monte Carlo paths say what they were computed on and turn stale when the shock changes.
TEST(MainWindow, MonteCarloSaysItsBasisAndTurnsStale) {
    MainWindow window;
    open_sample(window);
    levex::ui::MonteCarloPanel* panel = window.monteCarlo();
    QSignalSpy done(panel, &levex::ui::MonteCarloPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(panel->isStale());
    EXPECT_TRUE(panel->basisLabel()->text().startsWith("Computed on btcusdt-sample.csv"))
        << panel->basisLabel()->text().toStdString();
    auto* vol = panel->findChild<QDoubleSpinBox*>("monteCarloVol");
    ASSERT_NE(vol, nullptr);
    EXPECT_EQ(vol->suffix(), " % per step") << "in per cent, like the shock";
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.findChild<QDoubleSpinBox*>("shock")->setValue(-9.0);
    ASSERT_TRUE(waitFor(finished));
    EXPECT_TRUE(panel->isStale());
    EXPECT_TRUE(panel->basisLabel()->text().contains("Changed since: Shock"))
        << panel->basisLabel()->text().toStdString();
    done.clear();
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(panel->isStale());
    EXPECT_TRUE(panel->basisLabel()->text().contains("Shock -9 %") ||
                panel->basisLabel()->text().contains("Shock −9 %"))
        << panel->basisLabel()->text().toStdString();
}

// The positions table shows the margin and leverage the run used beside the file's; the positions
// liquidatable before any shock and above the venue's max leverage are counted on the status line
// and listed by the table's filter.
TEST(MainWindow, PositionsShowTheLeverageUsedAndFlagWhatLooksWrong) {
    QTemporaryDir dir;
    const QString path = dir.filePath("flagged.csv");
    std::ofstream(path.toStdString()) << "id,side,size,entry_price,leverage,mark_price\n"
                                         "p0,long,1,100,10,99\n"
                                         "p1,short,1,100,200,99\n"
                                         "p2,long,1,120,10,99\n";
    MainWindow window;
    using Model = levex::ui::PositionTableModel;
    Model* model = window.positions();
    QSignalSpy ordered(model, &Model::orderingFinished);
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(path);
    ASSERT_TRUE(waitFor(finished));
    while (model->rowCount() != 3 && ordered.wait(30000)) {
    }
    ASSERT_EQ(model->rowCount(), 3);
    auto cell = [model](int row, int column) {
        return model->data(model->index(row, column), Qt::DisplayRole).toString();
    };
    EXPECT_EQ(cell(0, Model::LeverageUsed), "10.00");
    EXPECT_EQ(cell(0, Model::MarginUsed), "10.00");
    EXPECT_EQ(cell(1, Model::Check), "above max leverage");
    EXPECT_EQ(cell(2, Model::Check), "liquidatable at start");
    auto* status = window.findChild<QLabel*>("status");
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains("1 liquidatable before any shock, 1 above the venue's max leverage"))
        << status->text().toStdString();

    auto* flags = window.findChild<QComboBox*>("positionFlags");
    ASSERT_NE(flags, nullptr);
    ordered.clear();
    flags->setCurrentIndex(flags->findData(int(Model::Flagged::LiquidatableAtStart)));
    ASSERT_TRUE(waitFor(ordered));
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(cell(0, Model::Id), "p2");
    ordered.clear();
    flags->setCurrentIndex(flags->findData(int(Model::Flagged::All)));
    ASSERT_TRUE(waitFor(ordered));

    // Leverage × 2: the file's figures stay, the run's double.
    finished.clear();
    ordered.clear();
    window.findChild<QDoubleSpinBox*>("leverage")->setValue(2.0);
    ASSERT_TRUE(waitFor(finished));
    while (model->run() != window.simulation()->currentRun().get() && ordered.wait(30000)) {
    }
    const int p0 = model->rowOf(0);
    ASSERT_GE(p0, 0);
    EXPECT_EQ(cell(p0, Model::Leverage), "10.00");
    EXPECT_EQ(cell(p0, Model::Margin), "10.00");
    EXPECT_EQ(cell(p0, Model::LeverageUsed), "20.00");
    EXPECT_EQ(cell(p0, Model::MarginUsed), "5.00");
}

// A multi-symbol book: the symbol with the largest open interest is proposed and the book's size shown.
TEST(MainWindow, ProposesTheLargestSymbolOfAMultiSymbolBook) {
    MainWindow window;
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(QString(LEVEX_TEST_DATA_DIR) + "/published/binance_cross_faq.csv");
    ASSERT_TRUE(waitFor(finished));
    const auto run = window.simulation()->currentRun();
    EXPECT_EQ(run->symbol, "ETHUSDT");
    EXPECT_EQ(window.runParameters().symbol, "ETHUSDT");
    const auto* status = window.statusBar()->findChild<QLabel*>();
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains("2 positions")) << status->text().toStdString();
}

// The About dialog names the CMake project version, the one `levex --version` and the package carry.
TEST(MainWindow, AboutShowsTheProjectVersion) {
    MainWindow window;
    window.show();
    QAction* about = nullptr;
    for (QAction* action : window.menuBar()->findChildren<QAction*>())
        if (action->text().remove('&') == QStringLiteral("About LevEx"))
            about = action;
    ASSERT_NE(about, nullptr);
    QString text;
    QTimer::singleShot(0, &window, [&text] { // runs inside the dialog's own event loop
        QWidget* modal = QApplication::activeModalWidget();
        if (const auto* box = qobject_cast<QMessageBox*>(modal))
            text = box->text();
        if (modal != nullptr)
            modal->close();
    });
    about->trigger();
    EXPECT_TRUE(text.contains(QStringLiteral("LevEx " LEVEX_PROJECT_VERSION))) << text.toStdString();
    EXPECT_STREQ(levex::version(), LEVEX_PROJECT_VERSION);
}

// The time axis frames the cascade (core cascade_window) with the pre-shock column; the whole run
// is one toggle away; playback and the scrubber follow the frame.
TEST(MainWindow, TheTimeAxisFramesTheCascade) {
    MainWindow window;
    window.show();
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    const std::size_t steps = run->summary.steps_run;
    const levex::CascadeWindow frame = levex::cascade_window(
        std::span(run->liquidated_long.data(), steps), std::span(run->liquidated_short.data(), steps), run->params);
    ASSERT_LT(frame.end, steps) << "the sample's cascade is over long before the run";
    EXPECT_EQ(window.heatmap()->framedSteps(), frame.end);
    const double dt = run->params.step_seconds;
    const QCPRange time = window.heatmap()->plot()->xAxis->range();
    EXPECT_DOUBLE_EQ(time.lower, -2.5 * dt); // the column before the shock
    EXPECT_DOUBLE_EQ(time.upper, (double(frame.end) - 0.5) * dt);
    auto* scrubber = window.playback()->findChild<QSlider*>();
    ASSERT_NE(scrubber, nullptr);
    EXPECT_EQ(scrubber->minimum(), -1); // before the shock
    EXPECT_EQ(scrubber->maximum(), int(frame.end) - 1);
    // A click on the track jumps there.
    EXPECT_EQ(scrubber->style()->styleHint(QStyle::SH_Slider_AbsoluteSetButtons, nullptr, scrubber),
              int(Qt::LeftButton));
    // The series tab follows the frame.
    EXPECT_DOUBLE_EQ(window.seriesChart()->markGraph()->keyAxis()->range().upper, (double(frame.end) - 0.5) * dt);

    window.setWholeRun(true);
    EXPECT_EQ(window.heatmap()->framedSteps(), steps);
    EXPECT_DOUBLE_EQ(window.heatmap()->plot()->xAxis->range().upper, (double(steps) - 0.5) * dt);
    EXPECT_EQ(scrubber->maximum(), int(steps) - 1);
    EXPECT_EQ(window.playback()->cursor(), steps - 1);
    window.setWholeRun(false);
    EXPECT_EQ(window.playback()->cursor(), frame.end - 1);
    // End goes to the frame's last step.
    window.playback()->setCursor(2);
    window.playback()->toEnd();
    EXPECT_EQ(window.playback()->cursor(), frame.end - 1);
}

// After any change the cursor lands on the end of the framed cascade, not on an empty start.
TEST(MainWindow, TheCursorLandsOnTheEndOfTheCascadeAfterAChange) {
    MainWindow window;
    open_sample(window);
    window.playback()->rewind(); // the user looks at the start, then changes a control
    ASSERT_TRUE(window.playback()->beforeShock());
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    auto* leverage = window.findChild<QDoubleSpinBox*>("leverage");
    ASSERT_NE(leverage, nullptr);
    leverage->setValue(1.5);
    ASSERT_TRUE(waitFor(finished));
    EXPECT_FALSE(window.playback()->beforeShock());
    EXPECT_EQ(window.playback()->cursor(), window.heatmap()->framedSteps() - 1);
    EXPECT_GT(window.playback()->cursor(), 0u);
    // A new book too.
    window.playback()->setCursor(0);
    finished.clear();
    window.openBook(QString(LEVEX_TEST_DATA_DIR) + "/published/binance_cross_faq.csv");
    ASSERT_TRUE(waitFor(finished));
    EXPECT_EQ(window.playback()->cursor(), window.heatmap()->framedSteps() - 1);
}

// Home shows the book before the shock: the mark at the start price, every level still open.
TEST(MainWindow, TheStartShowsTheBookBeforeTheShock) {
    MainWindow window;
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    window.playback()->rewind();
    ASSERT_TRUE(window.playback()->beforeShock());
    // The heatmap: no step column, the pre-shock column, mark and index at the start price.
    QCPColorMapData* cells = window.heatmap()->colorMap()->data();
    for (int b = 0; b < cells->valueSize(); ++b)
        ASSERT_TRUE(std::isnan(cells->cell(0, b)));
    QCPColorMapData* before = window.heatmap()->beforeShockMap()->data();
    int open = 0;
    for (std::size_t b = 0; b < run->bins; ++b) {
        const double expected = levex::ui::CascadeHeatmapView::cell_value(run->open_long[b] + run->executed_long[b],
                                                                          run->open_short[b] + run->executed_short[b]);
        if (std::isnan(expected)) {
            ASSERT_TRUE(std::isnan(before->cell(1, int(b))));
        } else {
            ASSERT_DOUBLE_EQ(before->cell(1, int(b)), expected);
            ++open;
        }
    }
    EXPECT_GT(open, 0);
    const auto mark = window.heatmap()->markGraph()->data();
    ASSERT_EQ(mark->size(), 1);
    EXPECT_DOUBLE_EQ(mark->begin()->key, -1.5 * run->params.step_seconds);
    EXPECT_DOUBLE_EQ(std::exp(mark->begin()->value), run->summary.start_price);
    // The map: titled so, the executed parts empty, the levels about to go still open.
    QCustomPlot* map = window.liquidationMap()->plot();
    const auto* title = static_cast<QCPTextElement*>(map->plotLayout()->element(0, 0));
    EXPECT_TRUE(title->text().contains("before the shock")) << title->text().toStdString();
    for (std::size_t b = 0; b < run->bins; ++b)
        ASSERT_EQ(window.liquidationMap()->executedShown(true, b), 0.0);
    // Forward one step: the shock hits.
    window.playback()->stepForward();
    EXPECT_FALSE(window.playback()->beforeShock());
    EXPECT_EQ(window.playback()->cursor(), 0u);
}

// Executed levels are drawn in their own colour, not the page's white of "nothing there".
TEST(MainWindow, ExecutedLevelsHaveTheirOwnColour) {
    MainWindow window;
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    const std::size_t t = window.playback()->cursor();
    const levex::ui::ChartTheme& theme = levex::ui::ChartTheme::light();
    QCPColorMap* executed = window.heatmap()->executedMap();
    const QRgb colour = executed->gradient().color(1.0, QCPRange(0.0, 1.0));
    EXPECT_EQ(QColor(colour), theme.executed);
    EXPECT_NE(QColor(colour), theme.background);
    EXPECT_NE(QColor(colour), theme.neutral);
    int grey = 0;
    for (std::size_t b = 1; b + 1 < run->bins; ++b) {
        double gone = 0.0;
        for (std::size_t s = 0; s <= t; ++s)
            gone += run->row(run->executed_long, s)[b] + run->row(run->executed_short, s)[b];
        const bool empty = run->row(run->open_long, t)[b] <= 0 && run->row(run->open_short, t)[b] <= 0;
        const double cell = executed->data()->cell(int(t), int(b));
        if (gone > 0 && empty) {
            ASSERT_EQ(cell, 1.0) << b;
            ++grey;
        } else {
            ASSERT_TRUE(std::isnan(cell)) << b;
        }
        double gone_long = 0.0;
        for (std::size_t s = 0; s <= t; ++s)
            gone_long += run->row(run->executed_long, s)[b];
        ASSERT_NEAR(window.liquidationMap()->executedShown(true, b), gone_long, 1e-9 * (1 + gone_long));
    }
    EXPECT_GT(grey, 0) << "the cascade emptied some bands";
}

// The headline states the answer from the run's summary; every summary row says what it means.
TEST(MainWindow, TheHeadlineStatesTheAnswer) {
    MainWindow window;
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    const levex::RunSummary& s = run->summary;
    const QLocale locale = levex::ui::grouped_locale();
    const QString headline = window.headline()->text();
    EXPECT_EQ(headline, levex::ui::run_headline(s, run->params, locale));
    EXPECT_TRUE(window.headline()->isVisibleTo(&window));
    for (const QString& figure :
         {locale.toString(s.start_price, 'f', 0), locale.toString(s.min_price, 'f', 0),
          locale.toString(qulonglong(s.liquidated_count)), locale.toString(s.liquidated_share_of_oi * 100, 'f', 1),
          locale.toString(s.exhaustion_price, 'f', 0), locale.toString(std::abs(run->params.shock) * 100, 'f', 1)})
        EXPECT_TRUE(headline.contains(figure)) << figure.toStdString() << " in " << headline.toStdString();
    levex::ui::RunSummaryView* summary = window.summary();
    ASSERT_GE(summary->rows(), 14);
    for (int row = 0; row < summary->rows(); ++row) {
        EXPECT_FALSE(summary->nameAt(row)->toolTip().isEmpty()) << summary->nameAt(row)->text().toStdString();
        EXPECT_EQ(summary->valueAt(row)->toolTip(), summary->nameAt(row)->toolTip());
    }
    // The fund reads as one statement, not "unlimited / 0 USD", and the generic venue's unlimited
    // fund is an assumption (no published size), said so in the value and its tooltip.
    EXPECT_TRUE(summary->valueOf("Insurance fund")->text().startsWith("unlimited (assumed); covered"));
    EXPECT_TRUE(summary->valueOf("Insurance fund")->toolTip().contains("cites no published size"));
}

// A book that cannot be read leaves the shown book, its symbol and its run in place.
TEST(MainWindow, AFailedOpenKeepsTheShownBook) {
    MainWindow window;
    window.setNotify([](const QString&, const QString&) {});
    open_sample(window);
    const auto shown = window.shownRun();
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.csv");
    std::ofstream(bad.toStdString()) << "id,side,size,entry_price,leverage\n1,long,x,100,10\n";
    QSignalSpy failed(&window, &MainWindow::bookFailed);
    window.openBook(bad);
    ASSERT_TRUE(waitFor(failed));
    EXPECT_EQ(window.bookPath(), sample());
    EXPECT_EQ(window.runParameters().symbol, "BTCUSDT");
    EXPECT_EQ(window.shownRun(), shown);
    // The controls still run the shown book.
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.findChild<QDoubleSpinBox*>("leverage")->setValue(1.2);
    ASSERT_TRUE(waitFor(finished));
    EXPECT_EQ(window.simulation()->currentRun()->position_book->positions(), 30000u);
}

int main(int argc, char** argv) {
    // Offscreen also when CTest lists the tests (its ENVIRONMENT property reaches only the runs).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

namespace {

// Shows `params` in the controls and runs them (an edit of the shock starts the run).
std::shared_ptr<const levex::ui::LiveRun> run_with(MainWindow& window, levex::RunParameters params) {
    auto* panel = window.findChild<levex::ui::RunControlsPanel*>();
    auto* shock = window.findChild<QDoubleSpinBox*>("shock");
    EXPECT_TRUE(panel && shock);
    params.shock = -0.04;
    EXPECT_TRUE(panel->setParameters(params, "generic").isEmpty());
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    shock->setValue(shock->value() == -4.5 ? -5.5 : -4.5); // a change: the run starts
    EXPECT_TRUE(waitFor(finished));
    QTest::qWait(50);
    return window.simulation()->currentRun();
}

} // namespace

// An L2 snapshot taken at another price: the core's notice beside the depth controls and on the
// status line, and both charts mark where each side of the snapshot ends and the fitted tail begins.
TEST(MainWindow, AnL2SnapshotIsNoticedWhenRebasedAndItsEndsAreMarked) {
    MainWindow window;
    open_sample(window);
    EXPECT_FALSE(window.liquidationMap()->snapshotEnds().visible());
    levex::RunParameters p;
    p.depth_model = levex::DepthModel::L2Book;
    // Mid 102,000, 2 % above the sample's mark of 100,000; last levels 101,500 and 102,600.
    p.book_file = std::string(LEVEX_TEST_DATA_DIR) + "/orderbooks/btc_l2_at_102000.csv";
    const auto run = run_with(window, p);
    ASSERT_NE(run, nullptr);
    ASSERT_EQ(run->params.depth_model, levex::DepthModel::L2Book);
    const double start = run->summary.start_price;
    EXPECT_EQ(run->market_notice, "the L2 snapshot's mid 102000 is 2 % above the start price 100000 (it was "
                                  "taken at another price); its levels are re-based to the start price");
    auto* panel = window.findChild<levex::ui::RunControlsPanel*>();
    EXPECT_EQ(panel->marketNotice(), "Notice: " + QString::fromStdString(run->market_notice));
    const QString status = window.findChild<QLabel*>("status")->text();
    EXPECT_TRUE(status.contains("notice: " + QString::fromStdString(run->market_notice))) << status.toStdString();
    // The snapshot's last levels, re-based to the start price.
    for (const levex::ui::SnapshotEndMarks* marks :
         {&window.liquidationMap()->snapshotEnds(), &window.heatmap()->snapshotEnds()}) {
        ASSERT_TRUE(marks->visible());
        EXPECT_NEAR(marks->logPrice(true), std::log(start * 101500 / 102000), 1e-9);
        EXPECT_NEAR(marks->logPrice(false), std::log(start * 102600 / 102000), 1e-9);
        EXPECT_TRUE(marks->label(true).startsWith("L2 snapshot ends (bids")) << marks->label(true).toStdString();
        EXPECT_TRUE(marks->label(false).contains("fitted tail above"));
    }
    // Back to the V-shaped book: no notice, no marks.
    run_with(window, levex::RunParameters{});
    EXPECT_EQ(panel->marketNotice(), QString());
    EXPECT_FALSE(window.heatmap()->snapshotEnds().visible());
}

// A pool priced away from the book's mark: the run starts at the pool's price, with the core's
// notice; a purchase the pool cannot pay out is shown beside the Sell / buy order.
TEST(MainWindow, APoolAwayFromTheMarkIsNoticedAndARefusedPurchaseShownBesideTheOrder) {
    MainWindow window;
    open_sample(window);
    levex::RunParameters p;
    p.depth_model = levex::DepthModel::Amm;
    p.amm_base_reserve = 1000;
    p.amm_quote_reserve = 1000 * 95000.0; // 95,000 against the sample's mark of 100,000
    const auto run = run_with(window, p);
    ASSERT_NE(run, nullptr);
    EXPECT_DOUBLE_EQ(run->summary.start_price, 95000.0);
    EXPECT_EQ(run->market_notice,
              "the pool's price 95000 is 5 % below the book's mark 100000; the run starts at the pool's price");
    auto* panel = window.findChild<levex::ui::RunControlsPanel*>();
    EXPECT_TRUE(panel->marketNotice().contains("the pool's price 95000")) << panel->marketNotice().toStdString();
    EXPECT_FALSE(window.liquidationMap()->snapshotEnds().visible());
    QSignalSpy failed(&window, &MainWindow::bookFailed);
    p.buy = 2000;
    ASSERT_TRUE(panel->setParameters(p, "generic").isEmpty());
    window.findChild<QDoubleSpinBox*>("shock")->setValue(-3.5); // a change: the run starts
    ASSERT_TRUE(waitFor(failed));
    EXPECT_TRUE(panel->problemShown("buy").contains("a purchase below what the pool can pay out"))
        << panel->problemShown("buy").toStdString();
}

// Settings that cannot run say so in the headline, in place of the shown run's answer, until a run
// replaces it: the charts of the run before are never taken for theirs.
TEST(MainWindow, SettingsThatCannotRunSayTheChartsAreThePreviousRun) {
    MainWindow window;
    open_sample(window);
    auto* headline = window.findChild<QLabel*>("headline");
    ASSERT_NE(headline, nullptr);
    const QString answer = headline->text();
    ASSERT_TRUE(answer.startsWith("100,000 →")) << answer.toStdString();
    auto* model = window.controls()->findChild<QComboBox*>("depthModel");
    model->setCurrentIndex(model->findData(int(levex::DepthModel::Amm))); // no reserves yet
    EXPECT_TRUE(headline->text().startsWith("Not run: Base reserve: expected a reserve > 0"))
        << headline->text().toStdString();
    EXPECT_TRUE(headline->text().endsWith("still those of the previous run."));
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    model->setCurrentIndex(model->findData(int(levex::DepthModel::VShaped)));
    ASSERT_TRUE(waitFor(finished));
    EXPECT_EQ(headline->text(), answer);
    EXPECT_TRUE(headline->styleSheet().isEmpty());
}
