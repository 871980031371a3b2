// SPDX-License-Identifier: GPL-3.0-or-later
// Closing the window while work is under way: the import, the run and the sweep are cancelled and
// their threads joined, with no crash (and, under the asan preset, no leak and no use after free).
#include "ui/panels/LibraryPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/SimulationController.h"
#include "ui/workers/WorkspaceService.h"

#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using levex::ui::MainWindow;

namespace {

// A book large enough that reading and running it take a while.
QString large_book(const QTemporaryDir& dir) {
    levex::GeneratorSettings g;
    g.positions = 200'000;
    g.seed = 11;
    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    const QString path = dir.filePath("large.csv");
    levex::write_text_file(path.toStdString(), levex::write_positions_csv(levex::generate_book(g, venue)));
    return path;
}

levex::RunParameters long_run() {
    levex::RunParameters p;
    p.shock = -0.05;
    p.steps = 100'000;
    p.bins = 16;
    p.vol = 0.0005; // a random path keeps it going to the last step
    return p;
}

} // namespace

TEST(Shutdown, ClosingDuringTheImportExitsCleanly) {
    QTemporaryDir dir;
    const QString book = large_book(dir);
    auto window = std::make_unique<MainWindow>();
    window->show();
    window->openBook(book);
    QTest::qWait(5); // the worker is reading the file
    EXPECT_TRUE(window->close());
    window.reset();
}

TEST(Shutdown, ClosingDuringARunExitsCleanly) {
    QTemporaryDir dir;
    const QString book = large_book(dir);
    auto window = std::make_unique<MainWindow>();
    window->show();
    QSignalSpy frames(window->simulation(), &levex::ui::SimulationController::framesAdvanced);
    window->simulation()->request(book, "generic", long_run());
    ASSERT_TRUE(frames.wait(60000)); // the run is publishing frames (100,000 steps: far from done)
    EXPECT_TRUE(window->close());
    window.reset();
}

TEST(Shutdown, ClosingDuringASweepExitsCleanly) {
    auto window = std::make_unique<MainWindow>();
    QSignalSpy finished(window.get(), &MainWindow::simulationFinished);
    window->openBook(QString::fromStdString(levex::sample_book_path()));
    ASSERT_TRUE(finished.wait(60000));
    QSignalSpy rows(window->sensitivity(), &levex::ui::SensitivityPanel::progress);
    window->sensitivity()->compute();
    ASSERT_TRUE(rows.wait(60000)); // the sweep is under way
    window->close();
    window.reset();
}

TEST(Shutdown, ClosingDuringALibraryImportStopsItAndStoresNothing) {
    QTemporaryDir dir;
    const QString book = large_book(dir);
    const QString db = dir.filePath("workspace.db");
    auto window = std::make_unique<MainWindow>();
    QSignalSpy opened(window->library()->service(), &levex::ui::WorkspaceService::opened);
    window->useWorkspace(db);
    ASSERT_TRUE(opened.wait(60000));
    window->library()->importFile(book);
    QTest::qWait(5); // the database thread is reading the book
    EXPECT_TRUE(window->close());
    window.reset(); // cancels the import and joins the database thread
    levex::Workspace ws(db.toStdString());
    EXPECT_TRUE(ws.snapshots().empty() || ws.snapshots().front().positions == 200'000u); // all or nothing
}
