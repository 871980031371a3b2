// SPDX-License-Identifier: GPL-3.0-or-later
// Chart, animation and data export: every format decodes back at the asked size, themes and
// captions show, the GIF holds one frame per exported step, data and scenarios round-trip.
#include "ui/export/AnimationExport.h"
#include "ui/export/ChartExporter.h"
#include "ui/export/ExportController.h"
#include "ui/export/GifWriter.h"
#include "ui/export/MedianCutPalette.h"
#include "ui/export/ScenarioCaption.h"
#include "ui/export/ScenarioFiles.h"
#include "ui/models/LiveRunFromResult.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/engine/Simulation.h"
#include "core/engine/Sweep.h"
#include "core/io/PositionCsvReader.h"
#include "core/io/RunReport.h"
#include "core/io/ScenarioFile.h"
#include "core/model/VenueProfile.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <qcustomplot.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace levex::ui {
namespace {

// The sample book after a −6 % shock, computed once (the views draw it like the app's runs).
std::shared_ptr<const LiveRun> sample_run(std::size_t steps = 40) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    auto book = std::make_shared<PositionBook>(read_positions_csv(sample_book_path()).book);
    RunParameters params;
    params.shock = -0.06;
    params.steps = steps;
    params.bins = 128;
    RunResult result = simulate(*book, venue, params);
    return live_run_from_result(std::move(result), params, book->symbol_names.front(), book);
}

ChartStyle style_of(int width, int height, double scale = 1.0, const QString& theme = "light") {
    ChartStyle style;
    style.width = width;
    style.height = height;
    style.scale = scale;
    style.theme = theme;
    style.caption = QStringLiteral("sample · shock −6 %");
    return style;
}

QByteArray bytes_of(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

// A PDF a reader could open: header, one page of the asked size in points, cross-reference, trailer.
void expect_pdf(const QString& path, int width, int height) {
    const QByteArray pdf = bytes_of(path);
    ASSERT_TRUE(pdf.startsWith("%PDF-1.")) << pdf.left(16).toStdString();
    EXPECT_TRUE(pdf.trimmed().endsWith("%%EOF"));
    EXPECT_TRUE(pdf.contains("xref"));
    EXPECT_EQ(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page/") +
                  pdf.count("/Type /Page "),
              1)
        << "one page";
    const QByteArray box = QStringLiteral("/MediaBox [0 0 %1.000000 %2.000000]").arg(width).arg(height).toLatin1();
    EXPECT_TRUE(pdf.contains(box)) << "expected " << box.toStdString();
}

// An SVG that parses as XML and renders, with the asked view box.
void expect_svg(const QString& path, int width, int height) {
    QXmlStreamReader xml(bytes_of(path));
    int elements = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GT(elements, 100); // axes, ticks, labels, data
    QSvgRenderer svg(path);
    ASSERT_TRUE(svg.isValid());
    EXPECT_EQ(svg.viewBox(), QRect(0, 0, width, height));
    QImage drawn(width / 2, height / 2, QImage::Format_ARGB32);
    drawn.fill(Qt::transparent);
    QPainter painter(&drawn);
    svg.render(&painter);
    painter.end();
    EXPECT_NE(drawn.pixel(width / 4, height / 4), QColor(Qt::transparent).rgba());
}

QImage decoded(const QString& path, const char* format) {
    QImageReader reader(path, format);
    const QImage image = reader.read();
    EXPECT_FALSE(image.isNull()) << reader.errorString().toStdString();
    return image;
}

class ChartExport : public ::testing::TestWithParam<const char*> {};

// Each chart in each format, at its own size: raster at width·scale × height·scale, vector pages
// of width × height.
TEST_P(ChartExport, EveryFormatDecodesAtTheAskedSize) {
    const auto run = sample_run();
    CascadeHeatmapView heatmap;
    heatmap.showRun(run, run->capacity);
    heatmap.setFinished(run->summary.steps_run);
    LiquidationMapView map;
    map.showFrame(run, run->summary.steps_run - 1, "BTCUSDT");
    SeriesChartView series;
    series.showRun(run);
    const std::string chart = GetParam();
    QCustomPlot* plot = chart == "heatmap" ? heatmap.plot() : chart == "map" ? map.plot() : series.plot();

    QTemporaryDir dir;
    const QString base = dir.filePath(QString::fromStdString(chart));
    export_chart(*plot, base + ".png", style_of(900, 600, 2.0));
    EXPECT_EQ(decoded(base + ".png", "png").size(), QSize(1800, 1200));
    export_chart(*plot, base + ".jpg", style_of(1000, 500, 1.0, "dark"));
    EXPECT_EQ(decoded(base + ".jpg", "jpeg").size(), QSize(1000, 500));
    export_chart(*plot, base + ".pdf", style_of(800, 560));
    expect_pdf(base + ".pdf", 800, 560);
    export_chart(*plot, base + ".svg", style_of(1200, 700, 1.0, "dark"));
    expect_svg(base + ".svg", 1200, 700);
}

INSTANTIATE_TEST_SUITE_P(Charts, ChartExport, ::testing::Values("heatmap", "map", "series"));

TEST(ChartExport, ThemesColourThePageAndTheScreenIsLeftAsItWas) {
    const auto run = sample_run();
    SeriesChartView series;
    series.showRun(run);
    QCustomPlot& plot = *series.plot();
    auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(0));
    ASSERT_NE(title, nullptr);
    const QString own_title = title->text();

    ChartStyle dark = style_of(800, 600, 1.0, "dark");
    dark.title = QStringLiteral("My title");
    const QImage image = render_chart(plot, dark);
    EXPECT_EQ(QColor(image.pixel(2, 2)), ChartTheme::dark_theme().background);
    const QImage light = render_chart(plot, style_of(800, 600));
    EXPECT_EQ(QColor(light.pixel(2, 2)), ChartTheme::light().background);
    EXPECT_NE(image, light);

    EXPECT_EQ(title->text(), own_title); // restored after the export
    EXPECT_EQ(series.markGraph()->pen().color(), ChartTheme::light().mark);
    EXPECT_EQ(plot.axisRect()->axis(QCPAxis::atLeft)->labelColor(), ChartTheme::light().text);
}

// The caption band holds text when a caption is asked for and is plain page otherwise.
TEST(ChartExport, CaptionIsDrawnBeneathTheChart) {
    const auto run = sample_run();
    CascadeHeatmapView heatmap;
    heatmap.showRun(run, run->capacity);
    ChartStyle with = style_of(800, 600);
    with.caption = scenario_caption(run->params, "book.csv", "BTCUSDT", "generic");
    EXPECT_TRUE(with.caption.contains("shock -6.0 %"));
    EXPECT_TRUE(with.caption.contains("half-life 120 s"));
    EXPECT_TRUE(with.caption.contains("seed 1"));
    ChartStyle without = with;
    without.caption.clear();
    auto dark_pixels_in_band = [](const QImage& image) {
        int dark = 0;
        for (int y = image.height() - 12; y < image.height(); ++y)
            for (int x = 0; x < 150; ++x) // left of the time axis's label
                dark += QColor(image.pixel(x, y)).lightness() < 128;
        return dark;
    };
    EXPECT_GT(dark_pixels_in_band(render_chart(*heatmap.plot(), with)), 50);
    EXPECT_EQ(dark_pixels_in_band(render_chart(*heatmap.plot(), without)), 0);
}

TEST(ChartExport, RefusesUnknownSuffixesSizesAndUnwritableFiles) {
    const auto run = sample_run();
    SeriesChartView series;
    series.showRun(run);
    QTemporaryDir dir;
    try {
        export_chart(*series.plot(), dir.filePath("chart.bmp"), style_of(800, 600));
        FAIL() << "expected a ChartExportError";
    } catch (const ChartExportError& e) {
        EXPECT_NE(std::string(e.what()).find(".png, .jpg, .pdf or .svg"), std::string::npos) << e.what();
    }
    EXPECT_THROW(export_chart(*series.plot(), dir.filePath("c.png"), style_of(50, 600)), ChartExportError);
    EXPECT_THROW(export_chart(*series.plot(), dir.filePath("c.png"), style_of(800, 600, 0.0)), ChartExportError);
    try {
        export_chart(*series.plot(), dir.filePath("missing/folder/c.png"), style_of(800, 600));
        FAIL() << "expected a ChartExportError";
    } catch (const ChartExportError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
    }
}

TEST(Animation, GifHasOneLoopingFramePerExportedStep) {
    const auto run = sample_run(25);
    const std::size_t steps = run->summary.steps_run;
    ASSERT_GE(steps, 10u);
    QTemporaryDir dir;
    AnimationOptions options;
    options.style = style_of(640, 400);
    options.fps = 20;
    {
        AnimationExport gif(run, dir.filePath("all.gif"), options);
        EXPECT_EQ(gif.frameCount(), steps);
        gif.finish();
    }
    QImageReader reader(dir.filePath("all.gif"), "gif");
    EXPECT_EQ(reader.imageCount(), int(steps));
    EXPECT_EQ(reader.loopCount(), -1); // forever
    // The graphic control extension of the first frame: 5 hundredths of a second (20 fps).
    const QByteArray file = bytes_of(dir.filePath("all.gif"));
    const qsizetype control = file.indexOf(QByteArray("\x21\xF9\x04", 3));
    ASSERT_GE(control, 0);
    EXPECT_EQ(quint8(file[control + 4]) | (quint8(file[control + 5]) << 8), 5);
    int frames = 0;
    QImage first, last;
    while (reader.canRead()) {
        const QImage frame = reader.read();
        ASSERT_EQ(frame.size(), QSize(640, 400));
        (frames == 0 ? first : last) = frame;
        ++frames;
    }
    EXPECT_EQ(frames, int(steps));
    EXPECT_NE(first, last); // the cascade moves

    // Every third step, and the last one.
    options.every = 3;
    AnimationExport thinned(run, dir.filePath("thin.gif"), options);
    thinned.finish();
    EXPECT_EQ(QImageReader(dir.filePath("thin.gif")).imageCount(), int((steps - 1) / 3 + 1 + ((steps - 1) % 3 != 0)));
}

// The palette keeps the page and the text exact, and a smooth scale close to its colours.
TEST(Animation, PaletteKeepsDominantColoursExactAndGradientsClose) {
    QImage image(400, 300, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QLinearGradient ramp(0, 0, 400, 0);
    ramp.setColorAt(0, QColor(0, 60, 140));
    ramp.setColorAt(0.5, QColor(250, 250, 250));
    ramp.setColorAt(1, QColor(200, 80, 0));
    painter.fillRect(0, 100, 400, 100, ramp);
    painter.setPen(QColor(20, 20, 20));
    painter.drawText(10, 40, QStringLiteral("Price (USD) 94,000"));
    painter.end();
    const std::vector<QRgb> palette = median_cut_palette({image});
    ASSERT_LE(palette.size(), 256u);
    EXPECT_NE(std::find(palette.begin(), palette.end(), qRgb(255, 255, 255)), palette.end());
    PaletteMapper mapper(palette);
    int worst = 0;
    for (int x = 0; x < 400; ++x) {
        const QRgb c = image.pixel(x, 150), p = palette[mapper.index(c)];
        worst = std::max(
            {worst, std::abs(qRed(c) - qRed(p)), std::abs(qGreen(c) - qGreen(p)), std::abs(qBlue(c) - qBlue(p))});
    }
    EXPECT_LE(worst, 6) << "banding in a smooth scale";
}

TEST(Animation, PngSequenceIsNumberedAndDecodes) {
    const auto run = sample_run(12);
    QTemporaryDir dir;
    AnimationOptions options;
    options.style = style_of(500, 300, 2.0, "dark");
    AnimationExport sequence(run, dir.filePath("cascade.png"), options);
    sequence.finish();
    const std::size_t frames = sequence.framesWritten();
    EXPECT_EQ(frames, run->summary.steps_run);
    for (std::size_t i = 0; i < frames; ++i)
        EXPECT_EQ(decoded(png_sequence_file(dir.filePath("cascade.png"), i), "png").size(), QSize(1000, 600));
    EXPECT_FALSE(QFile::exists(png_sequence_file(dir.filePath("cascade.png"), frames)));
    EXPECT_TRUE(png_sequence_file("/x/cascade.png", 7).endsWith("/x/cascade-00007.png"));
}

TEST(Animation, Mp4WithoutFfmpegSaysSoClearly) {
    const QByteArray path = qgetenv("PATH");
    QTemporaryDir empty;
    qputenv("PATH", empty.path().toLocal8Bit()); // a PATH without ffmpeg
    const auto run = sample_run(8);
    AnimationOptions options;
    options.style = style_of(400, 300);
    try {
        AnimationExport mp4(run, empty.filePath("cascade.mp4"), options);
        FAIL() << "expected an AnimationError";
    } catch (const AnimationError& e) {
        EXPECT_NE(std::string(e.what()).find("ffmpeg, which is not installed"), std::string::npos) << e.what();
    }
    qputenv("PATH", path);
    EXPECT_FALSE(QFile::exists(empty.filePath("cascade.mp4")));
}

TEST(Animation, GifWriterRefusesAFrameOfAnotherSizeAndLeavesNoHalfFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath("x.gif");
    {
        GifWriter gif(path, QSize(100, 80), 10, {qRgb(0, 0, 0), qRgb(255, 255, 255)});
        QImage frame(100, 80, QImage::Format_RGB32);
        frame.fill(Qt::white);
        gif.addFrame(frame);
        EXPECT_THROW(gif.addFrame(QImage(50, 50, QImage::Format_RGB32)), AnimationError);
    }
    EXPECT_FALSE(QFile::exists(path)); // never finished
}

TEST(SensitivityChart, ShowsAFinishedSweepOfAnyAxes) {
    const VenueProfile venue = load_venue_profile("generic", venue_dir());
    const PositionBook book = read_positions_csv(sample_book_path()).book;
    SweepSpec spec;
    spec.x = parse_axis("shock:-0.1:0:6");
    spec.y = parse_axis("depth-scale:0.5:2:4");
    spec.metric = "endogenous_move";
    const SweepResult result = run_sweep(book, venue, RunParameters{}, spec);
    SensitivityPanel panel;
    panel.showSweep(spec, result);
    EXPECT_EQ(panel.colorMap()->data()->keySize(), 6);
    EXPECT_EQ(panel.colorMap()->data()->valueSize(), 4);
    EXPECT_DOUBLE_EQ(panel.colorMap()->data()->cell(5, 3), result.values[3 * 6 + 5]);
    EXPECT_EQ(panel.plot()->yAxis->label(), "Depth ×");
    QTemporaryDir dir;
    export_chart(*panel.plot(), dir.filePath("sweep.svg"), style_of(900, 700));
    expect_svg(dir.filePath("sweep.svg"), 900, 700);
}

bool waitFor(QSignalSpy& spy, int ms = 30000) {
    return spy.count() > 0 || spy.wait(ms);
}

void open_sample(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(QString::fromStdString(sample_book_path()));
    ASSERT_TRUE(waitFor(finished));
    QTest::qWait(50);
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string c;
        while (std::getline(ss, c, ','))
            cells.push_back(c);
        if (!line.empty() && line.back() == ',')
            cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}

// The app's charts, clipboard and data files: the same writers as the command line, read back.
TEST(AppExport, ChartsClipboardAndDataRoundTrip) {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    open_sample(window);
    const auto run = window.simulation()->currentRun();
    ASSERT_TRUE(run && run->finished.load());
    ExportController& exporter = *window.exporter();
    QTemporaryDir dir;
    for (auto chart :
         {ExportController::Chart::Heatmap, ExportController::Chart::Map, ExportController::Chart::Series}) {
        const QString path = dir.filePath(QStringLiteral("chart%1.png").arg(int(chart)));
        exporter.exportChart(chart, path, style_of(700, 500, 1.5));
        EXPECT_EQ(decoded(path, "png").size(), QSize(1050, 750));
    }
    const QImage copied = exporter.copyChart(ExportController::Chart::Heatmap);
    EXPECT_FALSE(copied.isNull());
    EXPECT_EQ(QApplication::clipboard()->image().size(), copied.size());

    exporter.exportData(ExportController::Data::Series, dir.filePath("series.csv"));
    const auto series = csv_rows(read_text_file(dir.filePath("series.csv").toStdString()));
    ASSERT_EQ(series.size(), run->summary.steps_run + 1);
    EXPECT_EQ(series[0][4], "mark");
    for (std::size_t t = 0; t < run->summary.steps_run; ++t) {
        EXPECT_DOUBLE_EQ(std::stod(series[t + 1][4]), run->mark[t]);
        EXPECT_DOUBLE_EQ(std::stod(series[t + 1][11]), run->frames->open_interest[t]);
    }

    exporter.exportData(ExportController::Data::Summary, dir.filePath("summary.json"));
    const auto summary = nlohmann::json::parse(read_text_file(dir.filePath("summary.json").toStdString()));
    EXPECT_EQ(summary["liquidated_count"].get<std::size_t>(), run->summary.liquidated_count);
    EXPECT_DOUBLE_EQ(summary["final_price"].get<double>(), run->summary.final_price);

    exporter.exportData(ExportController::Data::Liquidated, dir.filePath("liquidated.csv"));
    const auto liquidated = csv_rows(read_text_file(dir.filePath("liquidated.csv").toStdString()));
    EXPECT_EQ(liquidated.size(), run->summary.liquidated_count + 1);

    exporter.exportData(ExportController::Data::Frames, dir.filePath("frames.csv"));
    EXPECT_EQ(read_text_file(dir.filePath("frames.csv").toStdString()), frames_csv(*run->frames));
    exporter.exportData(ExportController::Data::Log, dir.filePath("log.csv"));
    EXPECT_EQ(csv_rows(read_text_file(dir.filePath("log.csv").toStdString())).size(), run->log.size() + 1);
    EXPECT_THROW(exporter.exportData(ExportController::Data::SweepGrid, dir.filePath("grid.csv")), std::runtime_error);

    // The animation from the app: progress through the event loop, then a complete GIF.
    QSignalSpy done(&exporter, &ExportController::animationFinished);
    AnimationOptions options;
    options.style = style_of(600, 360);
    options.every = 20;
    ASSERT_TRUE(exporter.startAnimation(dir.filePath("cascade.gif"), options));
    ASSERT_TRUE(waitFor(done, 60000));
    EXPECT_TRUE(done.front().at(0).toBool()) << done.front().at(1).toString().toStdString();
    const std::size_t steps = run->summary.steps_run;
    EXPECT_EQ(QImageReader(dir.filePath("cascade.gif")).imageCount(),
              int((steps - 1) / 20 + 1 + ((steps - 1) % 20 != 0)));
}

// The tabs' charts: the sensitivity map (and its grid as CSV) and the Monte Carlo fan.
TEST(AppExport, SensitivityAndMonteCarloChartsAndGrid) {
    MainWindow window;
    window.show();
    open_sample(window);
    ExportController& exporter = *window.exporter();
    QSignalSpy swept(window.sensitivity(), &SensitivityPanel::finished);
    window.sensitivity()->compute();
    ASSERT_TRUE(waitFor(swept, 120000));
    QSignalSpy paths(window.monteCarlo(), &MonteCarloPanel::finished);
    window.monteCarlo()->compute();
    ASSERT_TRUE(waitFor(paths, 120000));

    QTemporaryDir dir;
    exporter.exportChart(ExportController::Chart::Sensitivity, dir.filePath("sensitivity.svg"), style_of(900, 600));
    expect_svg(dir.filePath("sensitivity.svg"), 900, 600);
    EXPECT_TRUE(bytes_of(dir.filePath("sensitivity.svg")).contains("shock × leverage-mult grid"));
    exporter.exportChart(ExportController::Chart::MonteCarloFan, dir.filePath("fan.pdf"), style_of(900, 600));
    expect_pdf(dir.filePath("fan.pdf"), 900, 600);

    exporter.exportData(ExportController::Data::SweepGrid, dir.filePath("grid.csv"));
    const auto grid = csv_rows(read_text_file(dir.filePath("grid.csv").toStdString()));
    const SweepSpec& spec = window.sensitivity()->spec();
    const SweepResult& result = window.sensitivity()->result();
    ASSERT_EQ(grid.size(), 1 + spec.x.count * spec.y.count);
    EXPECT_EQ(grid[0][0], "shock");
    EXPECT_EQ(grid[0][1], "leverage-mult");
    for (std::size_t cell = 0; cell < result.values.size(); ++cell) {
        if (result.defined[cell]) {
            EXPECT_EQ(std::stod(grid[cell + 1][2]), result.values[cell]);
        }
    }
}

TEST(AppExport, CancellingAnAnimationLeavesNoFile) {
    MainWindow window;
    window.show();
    open_sample(window);
    ExportController& exporter = *window.exporter();
    QTemporaryDir dir;
    QSignalSpy done(&exporter, &ExportController::animationFinished);
    AnimationOptions options;
    options.style = style_of(600, 360);
    ASSERT_TRUE(exporter.startAnimation(dir.filePath("cancelled.gif"), options));
    QProgressDialog* progress = nullptr;
    for (auto* dialog : window.findChildren<QProgressDialog*>())
        if (dialog->labelText().contains("cancelled.gif"))
            progress = dialog;
    ASSERT_NE(progress, nullptr);
    emit progress->canceled(); // as the Cancel button does
    ASSERT_TRUE(waitFor(done));
    EXPECT_FALSE(done.front().at(0).toBool());
    EXPECT_FALSE(exporter.animationRunning());
    EXPECT_FALSE(QFile::exists(dir.filePath("cancelled.gif")));
}

// Save the shown scenario, change the controls, open it again: the same run comes back.
TEST(AppExport, ScenarioSavesAndOpensBack) {
    MainWindow window;
    window.show();
    open_sample(window);
    auto* controls = window.findChild<RunControlsPanel*>();
    ASSERT_NE(controls, nullptr);
    {
        QSignalSpy finished(&window, &MainWindow::simulationFinished);
        controls->setShockAndLeverage(-0.083, 1.7);
        ASSERT_TRUE(waitFor(finished));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("my") + kScenarioSuffix);
    {
        QSignalSpy written(&window, &MainWindow::scenarioSaved); // hashed and written off the GUI thread
        window.saveScenario(path);
        ASSERT_TRUE(waitFor(written));
        EXPECT_EQ(written.front().at(1).toString(), QString());
    }
    const Scenario saved = parse_scenario_json(read_text_file(path.toStdString()), path.toStdString());
    EXPECT_NEAR(saved.params.shock, -0.083, 1e-12);
    EXPECT_DOUBLE_EQ(saved.params.leverage_mult, 1.7);
    EXPECT_EQ(saved.book_sha256.size(), 64u);
    EXPECT_TRUE(looks_like_scenario(path));
    EXPECT_FALSE(looks_like_scenario(QString::fromStdString(sample_book_path())));

    {
        QSignalSpy finished(&window, &MainWindow::simulationFinished);
        controls->setShockAndLeverage(-0.02, 1.0);
        ASSERT_TRUE(waitFor(finished));
    }
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    QSignalSpy opened(&window, &MainWindow::scenarioOpened); // its pins are checked off the GUI thread
    window.openScenario(path);
    ASSERT_TRUE(waitFor(opened));
    EXPECT_EQ(opened.takeFirst().at(0).toString(), QString());
    ASSERT_TRUE(waitFor(finished));
    QTest::qWait(50);
    const RunParameters shown = window.runParameters();
    EXPECT_NEAR(shown.shock, -0.083, 1e-9);
    EXPECT_DOUBLE_EQ(shown.leverage_mult, 1.7);
    EXPECT_EQ(shown.half_life_s, saved.params.half_life_s);
    EXPECT_EQ(shown.steps, saved.params.steps);

    // A book that changed since is refused, naming the file.
    QFile::copy(QString::fromStdString(sample_book_path()), dir.filePath("book.csv"));
    Scenario moved = saved;
    moved.book_file = dir.filePath("book.csv").toStdString();
    moved.book_sha256 = std::string(64, '0');
    write_text_file(dir.filePath("moved.levex.json").toStdString(), write_scenario_json(moved));
    window.openScenario(dir.filePath("moved.levex.json"));
    ASSERT_TRUE(waitFor(opened));
    const QString refused = opened.takeFirst().at(0).toString();
    EXPECT_TRUE(refused.contains("found a different file")) << refused.toStdString();
}

} // namespace
} // namespace levex::ui
