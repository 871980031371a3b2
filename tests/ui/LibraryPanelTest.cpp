// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/LibraryPanel.h"
#include "ui/dialogs/RunComparisonDialog.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/SimulationController.h"
#include "ui/workers/WorkspaceService.h"

#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/engine/Simulation.h"
#include "core/io/PositionCsvReader.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <memory>

using levex::ui::LibraryPanel;
using levex::ui::MainWindow;
using Kind = levex::ui::LibraryPanel::Kind;

namespace {

bool waitFor(QSignalSpy& spy, int ms = 30000) {
    return spy.count() > 0 || spy.wait(ms);
}

// Saves a picture of `widget` when LEVEX_SHOT_DIR names a folder (to look at the panel by eye).
void maybe_shoot(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("LEVEX_SHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + "/" + name + ".png");
}

struct Fixture {
    QTemporaryDir dir;
    std::string db, book_csv;
    levex::PositionBook book;
    levex::VenueProfile venue = levex::load_venue_profile("generic", levex::venue_dir());

    Fixture() {
        db = (dir.path() + "/workspace.db").toStdString();
        book_csv = (dir.path() + "/desk.csv").toStdString();
        levex::GeneratorSettings settings;
        settings.positions = 2000;
        settings.seed = 11;
        levex::write_text_file(book_csv, levex::write_positions_csv(levex::generate_book(settings, venue)));
        levex::PositionCsvResult read = levex::read_positions_csv(book_csv);
        book = std::move(read.book);
    }

    /// Stores the book with one run per shock; returns the snapshot id and the run ids.
    std::pair<std::int64_t, std::vector<std::int64_t>> store_runs(const std::vector<double>& shocks) {
        levex::Workspace ws(db);
        const std::string sha = levex::sha256_hex(levex::read_text_file(book_csv));
        const auto snapshot = ws.import_snapshot(book, {"desk", book_csv, sha, "generic"}).snapshot;
        std::vector<std::int64_t> runs;
        for (double shock : shocks) {
            levex::RunParameters params;
            params.shock = shock;
            params.steps = 150;
            params.bins = 64;
            const levex::RunResult result = levex::simulate(book, venue, params);
            const auto scenario =
                ws.save_scenario(snapshot.id, "shock " + std::to_string(int(shock * 100)),
                                 levex::Scenario{params, venue.json, book_csv, sha, "", "", levex::version(), {}});
            runs.push_back(ws.save_run(scenario, levex::utc_now_iso8601(), 5.0, "BTCUSDT", result));
        }
        return {snapshot.id, runs};
    }
};

// Opens the library of `window` on `path` and waits for its first listing.
bool open_library(MainWindow& window, const std::string& path) {
    QSignalSpy refreshed(window.library(), &LibraryPanel::refreshed);
    window.useWorkspace(QString::fromStdString(path));
    return waitFor(refreshed);
}

bool refreshed_after(LibraryPanel* panel, const std::function<void()>& action) {
    QSignalSpy refreshed(panel, &LibraryPanel::refreshed);
    action();
    return waitFor(refreshed);
}

} // namespace

TEST(LibraryPanel, ListsSnapshotsWithTheirScenariosAndRuns) {
    Fixture f;
    const auto [snapshot, runs] = f.store_runs({-0.05, -0.10});
    MainWindow window;
    ASSERT_TRUE(open_library(window, f.db));
    QTreeWidget* tree = window.library()->tree();
    ASSERT_EQ(tree->topLevelItemCount(), 1);
    QTreeWidgetItem* snap = tree->topLevelItem(0);
    EXPECT_EQ(snap->text(0), "desk");
    EXPECT_TRUE(snap->text(1).endsWith("positions")) << snap->text(1).toStdString();
    EXPECT_EQ(snap->text(2), "BTCUSDT");
    ASSERT_EQ(snap->childCount(), 2); // newest scenario first
    EXPECT_EQ(snap->child(0)->text(0), "shock -10");
    EXPECT_EQ(snap->child(0)->text(1), "1 run");
    ASSERT_EQ(snap->child(0)->childCount(), 1);
    EXPECT_EQ(snap->child(0)->child(0)->text(0), QString("Run %1").arg(runs[1]));
    EXPECT_TRUE(snap->child(0)->child(0)->text(1).endsWith("steps"));
    EXPECT_EQ(window.library()->item(Kind::Run, runs[0])->parent()->text(0), "shock -5");
}

// Save run asks for the name in a field that shows the proposed name whole.
TEST(LibraryPanel, TheNameFieldShowsTheProposedNameWhole) {
    MainWindow window;
    const QString proposed = "binance-usdm-btcusdt, shock -12.5 %, ×1.75";
    std::unique_ptr<QInputDialog> dialog(window.library()->nameDialog("Save run", proposed));
    dialog->show();
    auto* field = dialog->findChild<QLineEdit*>();
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->text(), proposed);
    EXPECT_GT(field->width(), field->fontMetrics().horizontalAdvance(proposed));
}

TEST(LibraryPanel, SavesTheShownRunAndReopensItExactlyWithoutSimulating) {
    Fixture f;
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    ASSERT_TRUE(open_library(window, f.db));
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(QString::fromStdString(f.book_csv));
    ASSERT_TRUE(waitFor(finished));
    QTest::qWait(50);
    const std::shared_ptr<const levex::ui::LiveRun> original = window.shownRun();
    ASSERT_TRUE(original && original->frames);

    QSignalSpy saved(window.library(), &LibraryPanel::saved);
    window.library()->saveCurrent("as simulated", true);
    ASSERT_TRUE(waitFor(saved));
    const qint64 run_id = saved.at(0).at(1).toLongLong();
    ASSERT_GT(run_id, 0);
    std::int64_t snapshot_id = 0;
    {
        levex::Workspace ws(f.db); // this thread's own connection
        ASSERT_EQ(ws.snapshots().size(), 1u);
        EXPECT_EQ(ws.snapshots()[0].name, "desk");
        snapshot_id = ws.snapshots()[0].id;
        EXPECT_EQ(ws.snapshots()[0].content_hash, levex::sha256_hex(levex::read_text_file(f.book_csv)));
        EXPECT_EQ(ws.load_run(run_id).summary.final_price, original->summary.final_price);
    }

    // Change a control (a new run) and then reopen the stored one.
    QSignalSpy rerun(&window, &MainWindow::simulationFinished);
    window.openBook(QString::fromStdString(f.book_csv));
    ASSERT_TRUE(waitFor(rerun));
    const auto simulated_before = window.simulation()->currentRun();
    QSignalSpy shown(window.library(), &LibraryPanel::runShown);
    window.library()->openRun(run_id);
    ASSERT_TRUE(waitFor(shown));
    QTest::qWait(100); // a stray render tick must not replace it
    const auto reopened = window.shownRun();
    ASSERT_NE(reopened, nullptr);
    EXPECT_EQ(reopened->generation, 0u); // never went through the simulation
    EXPECT_EQ(window.simulation()->currentRun(), simulated_before);
    EXPECT_EQ(window.storedSnapshotId(), snapshot_id);
    ASSERT_EQ(reopened->ready.load(), original->summary.steps_run);
    EXPECT_EQ(reopened->mark,
              std::vector<double>(original->mark.begin(), original->mark.begin() + reopened->mark.size()));
    EXPECT_EQ(reopened->open_long.size(), original->frames->open_long.size());
    EXPECT_EQ(reopened->open_long, original->frames->open_long);
    EXPECT_EQ(reopened->log.size(), original->log.size());
    EXPECT_EQ(reopened->summary.final_price, original->summary.final_price);
    EXPECT_EQ(reopened->liquidation_by_row.size(), f.book.positions());
    EXPECT_EQ(window.windowTitle(), QStringLiteral("desk — LevEx"));
    window.library()->parentWidget()->show(); // the Library dock starts hidden
    QTest::qWait(100);
    maybe_shoot(&window, "library-window");
}

TEST(LibraryPanel, OpenASnapshotSimulatesTheStoredBook) {
    Fixture f;
    const auto [snapshot, runs] = f.store_runs({-0.05});
    MainWindow window;
    ASSERT_TRUE(open_library(window, f.db));
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.library()->openSnapshot(snapshot);
    ASSERT_TRUE(waitFor(finished));
    EXPECT_EQ(window.storedSnapshotId(), snapshot);
    EXPECT_EQ(window.bookPath(), "desk");
    ASSERT_NE(window.shownRun(), nullptr);
    EXPECT_EQ(window.shownRun()->position_book->positions(), f.book.positions());

    // A scenario brings its parameters with it.
    QSignalSpy again(&window, &MainWindow::simulationFinished);
    const qint64 scenario =
        window.library()->item(Kind::Run, runs[0])->parent()->data(0, LibraryPanel::kIdRole).toLongLong();
    window.library()->openScenario(scenario);
    ASSERT_TRUE(waitFor(again));
    EXPECT_DOUBLE_EQ(window.runParameters().shock, -0.05);
    EXPECT_EQ(window.runParameters().steps, 150u);
}

TEST(LibraryPanel, RenamesAndDeletesOnlyAfterConfirmation) {
    Fixture f;
    const auto [snapshot, runs] = f.store_runs({-0.05});
    MainWindow window;
    LibraryPanel* panel = window.library();
    ASSERT_TRUE(open_library(window, f.db));
    ASSERT_TRUE(refreshed_after(panel, [&] { panel->rename(Kind::Snapshot, snapshot, "renamed desk"); }));
    EXPECT_EQ(panel->tree()->topLevelItem(0)->text(0), "renamed desk");
    {
        levex::Workspace ws(f.db);
        EXPECT_TRUE(ws.find_snapshot("renamed desk"));
    }
    QString asked;
    panel->setConfirm([&](const QString& question) {
        asked = question;
        return false;
    });
    EXPECT_FALSE(panel->remove(Kind::Snapshot, snapshot));
    EXPECT_TRUE(asked.contains("Delete the snapshot “renamed desk”?")) << asked.toStdString();
    EXPECT_TRUE(asked.contains("scenarios and runs are deleted with it")) << asked.toStdString();
    QTest::qWait(50);
    EXPECT_EQ(panel->tree()->topLevelItemCount(), 1);

    panel->setConfirm([](const QString&) { return true; });
    ASSERT_TRUE(refreshed_after(panel, [&] { EXPECT_TRUE(panel->remove(Kind::Run, runs[0])); }));
    EXPECT_EQ(panel->item(Kind::Run, runs[0]), nullptr);
    ASSERT_TRUE(refreshed_after(panel, [&] { EXPECT_TRUE(panel->remove(Kind::Snapshot, snapshot)); }));
    EXPECT_EQ(panel->tree()->topLevelItemCount(), 0);
    levex::Workspace ws(f.db);
    EXPECT_EQ(ws.database().query_int("SELECT count(*) FROM positions"), 0);
}

TEST(LibraryPanel, ComparesTwoRunsSideBySide) {
    Fixture f;
    const auto [snapshot, runs] = f.store_runs({-0.05, -0.12});
    MainWindow window;
    LibraryPanel* panel = window.library();
    ASSERT_TRUE(open_library(window, f.db));
    QSignalSpy shown(panel, &LibraryPanel::comparisonShown);
    panel->compareRuns(runs[0], runs[1]);
    ASSERT_TRUE(waitFor(shown));
    levex::ui::RunComparisonDialog* dialog = panel->comparison();
    ASSERT_NE(dialog, nullptr);
    QTableWidget* table = dialog->table();
    const int shock = dialog->rowOf("Shock");
    ASSERT_GE(shock, 0);
    EXPECT_EQ(table->item(shock, 1)->text(), QLocale().toString(-5.0, 'f', 2) + " %");
    EXPECT_EQ(table->item(shock, 2)->text(), QLocale().toString(-12.0, 'f', 2) + " %");
    EXPECT_EQ(table->item(shock, 3)->text(), QLocale().toString(-7.0, 'f', 2) + " pp"); // percentage points
    EXPECT_TRUE(table->item(shock, 0)->font().bold());
    const int leverage = dialog->rowOf("Leverage multiplier");
    EXPECT_EQ(table->item(leverage, 3)->text(), "same");
    EXPECT_FALSE(table->item(leverage, 0)->font().bold());
    const int final_price = dialog->rowOf("Final price");
    ASSERT_GE(final_price, 0);
    EXPECT_NE(table->item(final_price, 3)->text(), "same");

    levex::Workspace ws(f.db);
    const levex::StoredRun a = ws.load_run(runs[0]), b = ws.load_run(runs[1]);
    QCustomPlot* plot = dialog->plot();
    ASSERT_EQ(plot->graphCount(), 4); // mark and index of each
    EXPECT_EQ(plot->graph(0)->dataCount(), int(a.frames.steps));
    EXPECT_EQ(plot->graph(2)->dataCount(), int(b.frames.steps));
    EXPECT_EQ(plot->graph(2)->data()->at(int(b.frames.steps) - 1)->value, b.frames.mark.back());
    window.resize(1600, 1000);
    window.show();
    dialog->resize(1100, 760);
    QTest::qWait(50);
    maybe_shoot(dialog, "library-comparison");
}

TEST(LibraryPanel, ImportsOffTheGuiThreadAllOrNothing) {
    Fixture f;
    MainWindow window;
    LibraryPanel* panel = window.library();
    ASSERT_TRUE(open_library(window, f.db));
    QSignalSpy failed(panel, &LibraryPanel::failed);
    panel->importFile(QString(LEVEX_TEST_DATA_DIR) + "/positions/non_numeric.csv");
    ASSERT_TRUE(waitFor(failed));
    EXPECT_TRUE(failed.at(0).at(0).toString().contains("non_numeric.csv:"))
        << failed.at(0).at(0).toString().toStdString();
    {
        levex::Workspace ws(f.db);
        EXPECT_TRUE(ws.snapshots().empty());
    }
    QSignalSpy imported(panel, &LibraryPanel::imported);
    panel->importFile(QString::fromStdString(f.book_csv));
    ASSERT_TRUE(waitFor(imported));
    EXPECT_FALSE(imported.at(0).at(1).toBool());
    QSignalSpy again(panel, &LibraryPanel::imported);
    panel->importFile(QString::fromStdString(f.book_csv));
    ASSERT_TRUE(waitFor(again));
    EXPECT_TRUE(again.at(0).at(1).toBool()); // recognised by its hash
    levex::Workspace ws(f.db);
    ASSERT_EQ(ws.snapshots().size(), 1u);
    EXPECT_EQ(ws.snapshots()[0].positions, f.book.positions());
}

TEST(LibraryPanel, ACancelledImportStoresNothing) {
    Fixture f;
    levex::GeneratorSettings settings;
    settings.positions = 200000;
    const std::string big = (f.dir.path() + "/big.csv").toStdString();
    levex::write_text_file(big, levex::write_positions_csv(levex::generate_book(settings, f.venue)));
    MainWindow window;
    LibraryPanel* panel = window.library();
    ASSERT_TRUE(open_library(window, f.db));
    panel->importFile(QString::fromStdString(big));
    ASSERT_NE(panel->importProgress(), nullptr);
    // What the Cancel button sends (QProgressDialog::cancel() itself does not emit it).
    emit panel->importProgress()->canceled();
    const QString cancelled = QStringLiteral("Import cancelled: nothing was stored.");
    for (int waited = 0; waited < 30000 && !panel->statusText().contains(cancelled); waited += 20)
        QTest::qWait(20);
    EXPECT_TRUE(panel->statusText().contains(cancelled)) << panel->statusText().toStdString();
    levex::Workspace ws(f.db);
    EXPECT_TRUE(ws.snapshots().empty());
    EXPECT_EQ(ws.database().query_int("SELECT count(*) FROM positions"), 0);
}

TEST(LibraryPanel, AnUnreadableDatabaseIsReportedAndCanBeMovedAside) {
    QTemporaryDir dir;
    const QString path = dir.path() + "/workspace.db";
    const std::string garbage(8192, '#');
    levex::write_text_file(path.toStdString(), garbage);
    MainWindow window;
    window.show();
    LibraryPanel* panel = window.library();
    QSignalSpy failed(panel, &LibraryPanel::failed);
    window.useWorkspace(path);
    ASSERT_TRUE(waitFor(failed));
    EXPECT_TRUE(panel->statusText().contains("Move it aside")) << panel->statusText().toStdString();
    EXPECT_FALSE(panel->service()->isOpen());
    EXPECT_EQ(levex::read_text_file(path.toStdString()), garbage);
    QMessageBox* box = panel->recoveryDialog();
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isVisible());
    QAbstractButton* fresh = nullptr;
    for (QAbstractButton* b : box->buttons())
        if (b->text() == "Move Aside and Start Fresh")
            fresh = b;
    ASSERT_NE(fresh, nullptr);
    QSignalSpy refreshed(panel, &LibraryPanel::refreshed);
    fresh->click();
    ASSERT_TRUE(waitFor(refreshed));
    EXPECT_TRUE(panel->service()->isOpen());
    EXPECT_EQ(panel->tree()->topLevelItemCount(), 0);
    const QStringList kept = QDir(dir.path()).entryList({"workspace.db.unreadable-*"}, QDir::Files);
    ASSERT_EQ(kept.size(), 1);
    EXPECT_EQ(levex::read_text_file((dir.path() + "/" + kept[0]).toStdString()), garbage);
}

TEST(LibraryPanel, ADatabaseFromANewerVersionIsRefusedAndLeftUnchanged) {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/newer.db").toStdString();
    {
        levex::Workspace ws(path);
        ws.database().exec("PRAGMA user_version = 42");
    }
    const std::string before = levex::read_text_file(path);
    MainWindow window;
    LibraryPanel* panel = window.library();
    QSignalSpy failed(panel, &LibraryPanel::failed);
    window.useWorkspace(QString::fromStdString(path));
    ASSERT_TRUE(waitFor(failed));
    EXPECT_TRUE(panel->statusText().contains("written by a newer version of LevEx"))
        << panel->statusText().toStdString();
    ASSERT_NE(panel->recoveryDialog(), nullptr);
    EXPECT_EQ(panel->recoveryDialog()->windowTitle(), "Library from a newer LevEx");
    EXPECT_EQ(levex::read_text_file(path), before);
}

TEST(LibraryPanel, TheCliDefaultDatabaseIsTheAppsDataFolder) {
    QTemporaryDir dir;
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", dir.path().toUtf8());
    const QString name = QCoreApplication::applicationName(), org = QCoreApplication::organizationName();
    QCoreApplication::setApplicationName("LevEx"); // as app/gui/main.cpp names it
    QCoreApplication::setOrganizationName("LevEx");
    const QString app_folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const std::string cli_default = levex::default_workspace_path();
    QCoreApplication::setApplicationName(name);
    QCoreApplication::setOrganizationName(org);
    if (saved.isNull())
        qunsetenv("XDG_DATA_HOME");
    else
        qputenv("XDG_DATA_HOME", saved);
    EXPECT_EQ(cli_default, (app_folder + "/workspace.db").toStdString());
}
