// SPDX-License-Identifier: GPL-3.0-or-later
// The cascade views on their own: the headline and the exhaustion note from a summary, the
// liquidation map when one band dominates, money ticks that tell values apart, the animation's
// frames and length, the export dialog's length note.
#include "ui/dialogs/ExportDialog.h"
#include "ui/export/AnimationExport.h"
#include "ui/models/LiveRunFromResult.h"
#include "ui/models/PositionTableModel.h"
#include "ui/panels/PlaybackBar.h"
#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/RunSummaryView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/views/SwatchLegendItem.h"

#include "core/base/ResourcePaths.h"
#include "core/engine/CascadeWindow.h"
#include "core/engine/Simulation.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/VenueProfile.h"

#include <QImageReader>
#include <QLabel>
#include <QSet>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <span>

namespace levex::ui {
namespace {

QLocale grouped_c() {
    QLocale c = QLocale::c();
    c.setNumberOptions(c.numberOptions() & ~QLocale::OmitGroupSeparator);
    return c;
}

RunSummary example_summary() {
    RunSummary s;
    s.start_price = 100000;
    s.min_price = 93100;
    s.max_price = 100000;
    s.final_price = 96000;
    s.liquidated_notional_long = 70e6;
    s.liquidated_notional_short = 7e6;
    s.liquidated_count = 10213;
    s.liquidated_share_of_oi = 0.147;
    s.exhaustion_price = 93088;
    s.insurance_fund_min = std::numeric_limits<double>::infinity();
    return s;
}

TEST(RunHeadline, StatesTheAnswerInOneLine) {
    RunParameters p;
    p.shock = -0.05;
    EXPECT_EQ(run_headline(example_summary(), p, grouped_c()),
              QStringLiteral("100,000 → 93,100: −5.0 % shock + −2.0 % cascade; 77M USD liquidated "
                             "(10,213 positions, 14.7 % of OI); exhausted at 93,088"));
    EXPECT_EQ(exhaustion_note(example_summary(), p, grouped_c()), QString()); // reached: nothing to explain
}

// A lowest price that stays above P*: the headline calls P* a bound, the note says why.
TEST(RunHeadline, ExplainsAnExhaustionPriceTheRunDoesNotReach) {
    RunSummary s = example_summary();
    s.min_price = 94500;
    RunParameters p;
    p.shock = -0.05;
    p.half_life_s = 120;
    const QString headline = run_headline(s, p, grouped_c());
    EXPECT_TRUE(headline.endsWith("exhaustion bound P* 93,088 not reached")) << headline.toStdString();
    const QString note = exhaustion_note(s, p, grouped_c());
    EXPECT_TRUE(note.contains("half-life 120 s")) << note.toStdString();
    EXPECT_TRUE(note.contains("94,500, stays above P*")) << note.toStdString();
    // A rise mirrors it.
    RunSummary up = example_summary();
    up.min_price = 100000;
    up.max_price = 104000;
    up.exhaustion_price = 104000;
    p.shock = 0.03;
    EXPECT_TRUE(run_headline(up, p, grouped_c()).startsWith("100,000 → 104,000: +3.0 % shock + +1.0 % cascade"));
}

TEST(RunSummaryView, EveryRowSaysWhatItMeans) {
    LiveRun run;
    run.summary = example_summary();
    run.params.shock = -0.05;
    RunSummaryView view;
    view.showRun(run);
    ASSERT_GE(view.rows(), 14);
    for (int row = 0; row < view.rows(); ++row)
        EXPECT_FALSE(view.nameAt(row)->toolTip().isEmpty()) << view.nameAt(row)->text().toStdString();
    ASSERT_NE(view.valueOf("Exhaustion price P*"), nullptr);
    EXPECT_TRUE(view.valueOf("Exhaustion price P*")->text().endsWith("(reached)"));
    EXPECT_TRUE(view.valueOf("Share of open interest")->toolTip().startsWith("%"));
    EXPECT_TRUE(view.valueOf("Insurance fund")->text().startsWith("unlimited; covered"));
    // A fund the venue profile only assumes says so.
    run.fund_assumed = true;
    view.showRun(run);
    EXPECT_TRUE(view.valueOf("Insurance fund")->text().startsWith("unlimited (assumed); covered"));
    EXPECT_TRUE(view.valueOf("Insurance fund")->toolTip().contains("user defaults"));
}

// A run of two steps over 40 bands, by hand: one long band dominates the others.
std::shared_ptr<LiveRun> dominated_run() {
    auto run = std::make_shared<LiveRun>();
    run->bins = 40;
    run->capacity = 2;
    for (std::size_t i = 0; i <= run->bins; ++i)
        run->edges.push_back(90000.0 * std::pow(110000.0 / 90000.0, double(i) / double(run->bins)));
    for (auto* h : {&run->open_long, &run->open_short, &run->executed_long, &run->executed_short})
        h->assign(run->capacity * run->bins, 0.0);
    for (std::size_t b = 1; b < 19; ++b)
        run->open_long[b] = 1e6 + 1e4 * double(b);
    run->open_long[10] = 300e6; // a whale's level
    for (std::size_t b = 21; b + 1 < run->bins; ++b)
        run->open_short[b] = 2e6;
    for (std::size_t b = 0; b < run->bins; ++b) { // step 1: nothing executed
        run->open_long[run->bins + b] = run->open_long[b];
        run->open_short[run->bins + b] = run->open_short[b];
    }
    run->mark = {100000, 100000};
    run->index = run->book = run->mark;
    run->liquidated_long = run->liquidated_short = {0, 0};
    run->params.step_seconds = 1;
    run->ready = 2;
    run->finished = true;
    run->summary.start_price = 100000;
    return run;
}

TEST(LiquidationMap, OneDominantBandIsCutAndLabelledSoTheOthersStayReadable) {
    LiquidationMapView view;
    const auto run = dominated_run();
    view.showFrame(run, 1, "BTCUSDT");
    EXPECT_LT(view.bandLimit(), 300e6 / 10) << "the axis is not sized by the whale";
    EXPECT_GE(view.bandLimit(), 2e6);
    int visible = 0;
    for (QCPItemText* label : view.cutLabels())
        if (label->visible()) {
            ++visible;
            EXPECT_EQ(label->text(), QStringLiteral("◀ 300M"));
        }
    EXPECT_EQ(visible, 1);
    EXPECT_TRUE(view.outsideText().startsWith("Beyond the chart: longs below 90,")) << view.outsideText().toStdString();
    // Without a dominant band the axis is the largest one.
    EXPECT_DOUBLE_EQ(readable_band_limit({1e6, 2e6, 3e6, 2.5e6}), 3e6);
}

TEST(MoneyTicks, TellNearbyValuesApart) {
    const QLocale c = QLocale::c();
    EXPECT_EQ(format_money(2.5e9, c), "2.5B");
    EXPECT_EQ(format_money(2.495e9, c, 5e6), "2.495B");
    EXPECT_EQ(format_money(2.5e9, c, 5e6), "2.500B");
    EXPECT_EQ(format_money(12e6, c, 5e6), "12M");
}

// The open-interest panel's ticks never repeat a label, however little the open interest moves.
TEST(SeriesChart, OpenInterestTicksAreDistinct) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    auto book = std::make_shared<PositionBook>(read_positions_csv(sample_book_path()).book);
    RunParameters params;
    params.shock = -0.02;
    params.steps = 60;
    params.fund = 5e6; // a limited fund: its panel draws a line
    const auto run = live_run_from_result(simulate(*book, venue, params), params, book->symbol_names.front(), book);
    SeriesChartView view;
    view.resize(900, 700);
    view.showRun(run);
    view.plot()->replot();
    for (int i = 0; i < view.plot()->itemCount(); ++i) { // the note for an empty chart is gone
        if (auto* text = qobject_cast<QCPItemText*>(view.plot()->item(i)); text && text->visible()) {
            EXPECT_FALSE(text->text().contains("No run yet")) << text->text().toStdString();
        }
    }
    QCPAxis* oi = view.openInterestGraph()->valueAxis();
    const QVector<QString> labels = oi->tickVectorLabels();
    ASSERT_GE(labels.size(), 2);
    EXPECT_EQ(QSet<QString>(labels.begin(), labels.end()).size(), labels.size()) << labels.join(' ').toStdString();
}

// Stress withdrawal's w is drawn on the open-interest panel's right axis, 0 to 1, with its legend entry.
TEST(SeriesChart, DrawsTheDepthLeftUnderWithdrawal) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    auto book = std::make_shared<PositionBook>(read_positions_csv(sample_book_path()).book);
    RunParameters params;
    params.shock = -0.05;
    params.steps = 60;
    const auto run = live_run_from_result(simulate(*book, venue, params), params, book->symbol_names.front(), book);
    SeriesChartView view;
    view.resize(900, 700);
    view.showRun(run);
    QCPGraph* w = view.withdrawalGraph();
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->name(), "Depth left (w)");
    EXPECT_EQ(w->valueAxis(), view.openInterestGraph()->valueAxis()->axisRect()->axis(QCPAxis::atRight));
    EXPECT_EQ(w->valueAxis()->range().lower, 0.0);
    ASSERT_EQ(std::size_t(w->data()->size()), run->summary.steps_run);
    double lowest = 1.0;
    for (const QCPGraphData& d : *w->data()) {
        EXPECT_GT(d.value, 0.0);
        EXPECT_LE(d.value, 1.0);
        lowest = std::min(lowest, d.value);
    }
    EXPECT_LT(lowest, 1.0) << "forced flow withdrew some depth";
    auto* legend = qobject_cast<QCPLegend*>(w->valueAxis()->axisRect()->insetLayout()->elementAt(0));
    ASSERT_NE(legend, nullptr);
    EXPECT_TRUE(legend->hasItemWithPlottable(w));
}

TEST(SeriesChart, SaysWhatToDoBeforeTheFirstRun) {
    SeriesChartView view;
    bool found = false;
    for (int i = 0; i < view.plot()->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(view.plot()->item(i)); text && text->visible())
            found = found || text->text().contains("File → Open");
    EXPECT_TRUE(found);
}

// The animation of the cascade: the book before the shock, then the framed steps.
TEST(Animation, CoversTheFramedCascadeFromTheBookBeforeTheShock) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    auto book = std::make_shared<PositionBook>(read_positions_csv(sample_book_path()).book);
    RunParameters params;
    params.shock = -0.05;
    params.steps = 120;
    params.bins = 128;
    const auto run = live_run_from_result(simulate(*book, venue, params), params, book->symbol_names.front(), book);
    const std::size_t steps = run->summary.steps_run;
    const CascadeWindow frame = cascade_window(std::span(run->liquidated_long.data(), steps),
                                               std::span(run->liquidated_short.data(), steps), params);
    ASSERT_LT(frame.end, steps);
    AnimationOptions options;
    options.style.width = 500;
    options.style.height = 300;
    options.end_step = frame.end;
    options.before_shock = true;
    EXPECT_EQ(animation_frame_count(steps, options), frame.end + 1);
    EXPECT_DOUBLE_EQ(animation_seconds(steps, options), double(frame.end + 1) / options.fps);
    QTemporaryDir dir;
    AnimationExport gif(run, dir.filePath("cascade.gif"), options);
    EXPECT_EQ(gif.frameCount(), frame.end + 1);
    gif.finish();
    QImageReader reader(dir.filePath("cascade.gif"));
    EXPECT_EQ(reader.imageCount(), int(frame.end + 1));
    const QImage before = reader.read(), first = reader.read();
    EXPECT_NE(before, first); // the shock hits between them

    ExportDialog dialog(ExportDialog::Kind::Animation, "cascade", dir.path());
    dialog.setAnimationSteps(frame.end, steps, 1.0, false);
    EXPECT_EQ(dialog.animation().end_step, frame.end);
    EXPECT_TRUE(dialog.animation().before_shock);
    EXPECT_EQ(dialog.lengthText(), QStringLiteral("%1 frames (the first before the shock): plays %2 s at 10 frames/s")
                                       .arg(frame.end + 1)
                                       .arg(QLocale().toString(double(frame.end + 1) / 10.0, 'f', 1)));
    dialog.setAnimationSteps(frame.end, steps, 1.0, true); // the window shows the whole run
    EXPECT_EQ(dialog.animation().end_step, steps);
}

// The cursor lands on the frame's last step once a run finishes, even when the last steps'
// notice arrives after the finish (the render timer may deliver it late).
TEST(PlaybackBar, LandsOnTheFramesEndAndStaysThere) {
    PlaybackBar bar;
    bar.setRun(600, 1.0);
    bar.setReady(300);
    EXPECT_EQ(bar.cursor(), 299u); // following the newest step while the run computes
    bar.setReady(600);
    bar.setFinished(600, 20);
    EXPECT_EQ(bar.cursor(), 19u);
    bar.setReady(600);
    EXPECT_EQ(bar.cursor(), 19u);
    bar.stepForward(); // the frame's end is the end
    EXPECT_EQ(bar.cursor(), 19u);
    bar.rewind();
    EXPECT_TRUE(bar.beforeShock());
    bar.stepForward();
    EXPECT_FALSE(bar.beforeShock());
    EXPECT_EQ(bar.cursor(), 0u);
    bar.stepBack();
    EXPECT_TRUE(bar.beforeShock());
    bar.setFramed(600); // the whole run
    EXPECT_EQ(bar.cursor(), 599u);
    EXPECT_FALSE(bar.beforeShock());
}

// The dark theme recolours the executed parts and their legend swatch, and back.
TEST(LiquidationMap, ThemesRecolourTheExecutedLevels) {
    LiquidationMapView view;
    view.showFrame(dominated_run(), 1, "BTCUSDT");
    SwatchLegendItem* swatch = nullptr;
    for (int i = 0; i < view.plot()->legend->itemCount(); ++i)
        if (auto* s = qobject_cast<SwatchLegendItem*>(view.plot()->legend->item(i)))
            swatch = s;
    ASSERT_NE(swatch, nullptr);
    EXPECT_EQ(swatch->colour(), ChartTheme::light().executed);
    apply_chart_theme(*view.plot(), ChartTheme::light(), ChartTheme::dark_theme());
    EXPECT_EQ(swatch->colour(), ChartTheme::dark_theme().executed);
    apply_chart_theme(*view.plot(), ChartTheme::dark_theme(), ChartTheme::light());
    EXPECT_EQ(swatch->colour(), ChartTheme::light().executed);
}

TEST(PositionTable, SizesCarryTheirAsset) {
    EXPECT_EQ(base_asset_of("BTCUSDT"), "BTC");
    EXPECT_EQ(base_asset_of("ETH-PERP"), "ETH");
    EXPECT_EQ(base_asset_of("BTC/USDT:USDT"), "BTC");
    EXPECT_EQ(base_asset_of("SOL"), "SOL");
    EXPECT_EQ(base_asset_of("BTCUSD"), "BTC");
}

} // namespace
} // namespace levex::ui
