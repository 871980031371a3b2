// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Workspace.h"

#include <QPair>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QInputDialog;
class QLabel;
class QMessageBox;
class QProgressDialog;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace levex::ui {

class MainWindow;
class RunComparisonDialog;
class WorkspaceService;

/// The Library: the workspace database's snapshots, each with its saved scenarios and their runs.
/// Open a snapshot (simulate it with the current controls), a scenario (its parameters on its
/// snapshot) or a run (shown exactly as stored, frames included, without simulating); rename
/// (F2), delete (after a confirmation), save the current scenario or run, import a CSV, and
/// compare two runs. Every database access runs on the WorkspaceService's thread.
class LibraryPanel : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Snapshot = 1, Scenario = 2, Run = 3 };
    static constexpr int kKindRole = Qt::UserRole + 1;
    static constexpr int kIdRole = Qt::UserRole + 2;

    explicit LibraryPanel(MainWindow* window, QWidget* parent = nullptr);
    /// The dialog that asks for a saved scenario's or run's name, `proposed` filled in, its field
    /// wide enough to show it whole (the caller owns it).
    QInputDialog* nameDialog(const QString& title, const QString& proposed);
    /// Stops an import in flight at its next progress report and joins the database thread while
    /// the panel is still whole (its jobs report back to it).
    ~LibraryPanel() override;

    /// Opens the database (creating it); a newer or unreadable file is reported with a dialog that
    /// offers to move it aside and start fresh.
    void openWorkspace(const QString& path);
    WorkspaceService* service() const { return service_; }
    QTreeWidget* tree() const { return tree_; }
    /// The item of a snapshot, scenario or run by id, or nullptr.
    QTreeWidgetItem* item(Kind kind, qint64 id) const;

    void refresh();
    void openSnapshot(qint64 id);
    void openScenario(qint64 id);
    void openRun(qint64 id);
    /// Saves the shown run's scenario under `name` (and the run itself when `with_run`), storing
    /// its book as a snapshot first when it came from a CSV file.
    void saveCurrent(const QString& name, bool with_run);
    /// Reads a positions CSV and stores it, both on the database thread, with a cancellable progress dialog.
    void importFile(const QString& path);
    void rename(Kind kind, qint64 id, const QString& name);
    /// Deletes after `confirm` agrees (a dialog by default); false when the user declined.
    bool remove(Kind kind, qint64 id);
    void compareRuns(qint64 a, qint64 b);
    /// Moves the database that failed to open aside and starts a fresh one.
    void moveAsideAndStartFresh();

    /// Replaces the confirmation dialog (tests).
    void setConfirm(std::function<bool(const QString& question)> confirm) { confirm_ = std::move(confirm); }
    RunComparisonDialog* comparison() const;
    QMessageBox* recoveryDialog() const;
    QProgressDialog* importProgress() const;
    QString statusText() const;

signals:
    void refreshed();
    void runShown(qint64 run_id);
    /// A scenario (and run, or 0) was saved.
    void saved(qint64 scenario_id, qint64 run_id);
    void imported(qint64 snapshot_id, bool already_present);
    void comparisonShown();
    void failed(const QString& message);

private:
    struct RunRow;
    struct Entry;
    /// What the tree showed before a refresh: known, expanded and selected items (kind, id).
    struct TreeState {
        QSet<QPair<int, qint64>> known, expanded, selected;
    };
    void buildTree();
    void buildButtons(QVBoxLayout* layout);
    void connectService();
    void populate(const std::vector<Entry>& entries);
    QTreeWidgetItem* addItem(QTreeWidgetItem* parent, Kind kind, qint64 id, const QStringList& texts, bool editable,
                             const TreeState& state);
    QTreeWidgetItem* addSnapshot(const SnapshotInfo& snapshot, const TreeState& state);
    void addRun(QTreeWidgetItem* scenario, const RunRow& run, const TreeState& state);
    void onOpenFailed(const QString& path, int reason, const QString& message);
    void updateButtons();
    QList<QTreeWidgetItem*> selectedOf(Kind kind) const;
    void openSelected();
    void askSaveCurrent(bool with_run);
    void askImport();
    void removeSelected();
    void compareSelected();
    void showMessage(const QString& text, bool error = false);
    /// An import's end, on the GUI thread.
    void finishImport(const ImportResult& result);
    void failImport(const QString& message);

    MainWindow* window_;
    WorkspaceService* service_;
    QLabel* status_;
    QTreeWidget* tree_;
    QPushButton *open_, *save_scenario_, *save_run_, *import_, *rename_, *delete_, *compare_;
    QPointer<RunComparisonDialog> comparison_;
    QPointer<QMessageBox> recovery_;
    QPointer<QProgressDialog> progress_;
    std::function<bool(const QString&)> confirm_;
    bool populating_ = false;
    std::shared_ptr<std::atomic<bool>> closing_ = std::make_shared<std::atomic<bool>>(false);
};

} // namespace levex::ui
