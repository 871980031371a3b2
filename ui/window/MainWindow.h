// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/workers/SimulationWorker.h"

#include "core/model/RunParameters.h"
#include "core/usecase/OpenScenario.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QLabel;
class QMessageBox;
class QMenu;
class QProgressDialog;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace levex::ui {

class CascadeHeatmapView;
class LibraryPanel;
class ExportController;
class SeriesChartView;
class LiquidationMapView;
class PlaybackBar;
class LiquidationLogModel;
class PositionTableModel;
class RunControlsPanel;
class MonteCarloPanel;
class SensitivityPanel;
class SimulationController;
class ScenarioFiles;

/// The main window: wiring only. The controls describe a run; the SimulationController computes
/// it on its own thread; the views draw what it publishes, up to the playback cursor.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a positions CSV and simulates it; `bookReady` or `bookFailed` follows.
    void openBook(const QString& path, const BookReadOptions& read = {});
    /// Simulates a book already in memory (a Library snapshot) with the current controls, or with
    /// `params` and `venue` when given (a Library scenario).
    /// `book_venue` is the venue whose contract units the snapshot was imported in.
    void openStoredBook(std::shared_ptr<const PositionBook> book, const QString& name, qint64 snapshot_id,
                        const QString& book_venue, const std::optional<RunParameters>& params = std::nullopt,
                        const QString& venue = {});
    /// Shows a stored run exactly as saved, without simulating; its controls are shown too.
    void showStoredRun(std::shared_ptr<const LiveRun> run, const QString& name, qint64 snapshot_id);
    /// Opens the workspace database in the Library panel.
    void useWorkspace(const QString& path);
    /// Opens a scenario file (docs/formats.md §5): its parameters, venue and book. Its pinned files
    /// are read and hashed off the GUI thread; `scenarioOpened` follows.
    void openScenario(const QString& path);
    /// Saves the shown run's scenario (hashing its files off the GUI thread); `scenarioSaved` follows.
    void saveScenario(const QString& path);
    /// The run parameters the controls describe.
    RunParameters runParameters() const;
    QString venue() const;
    /// The shown book's file, or its snapshot's name when it came from the Library.
    QString bookPath() const { return path_; }
    /// The Library snapshot shown, or 0 for a book read from a file.
    qint64 storedSnapshotId() const { return snapshot_id_; }
    std::shared_ptr<const LiveRun> shownRun() const { return run_; }
    LibraryPanel* library() const { return library_; }
    /// Restores the window layout, recent files and last settings from QSettings and saves them
    /// on close (the app does; tests do not, so they never depend on a user's settings).
    void useSettings();

    CascadeHeatmapView* heatmap() const { return heatmap_; }
    LiquidationMapView* liquidationMap() const { return map_view_; }
    SimulationController* simulation() const { return simulation_; }
    PlaybackBar* playback() const { return playback_; }
    PositionTableModel* positions() const { return positions_model_; }
    LiquidationLogModel* liquidationLog() const { return log_model_; }
    SensitivityPanel* sensitivity() const { return sensitivity_; }
    MonteCarloPanel* monteCarlo() const { return monte_carlo_; }
    SeriesChartView* seriesChart() const { return series_; }
    ExportController* exporter() const { return export_; }

signals:
    void bookReady();
    void bookFailed(const QString& message);
    /// The newest simulation the controls asked for has finished.
    void simulationFinished();
    /// A scenario was opened (`error` empty) or could not be (the reason, also shown in a dialog).
    void scenarioOpened(const QString& error);
    /// A scenario was saved to `path` (`error` empty) or could not be.
    void scenarioSaved(const QString& path, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    /// Tells the user which scenario settings the controls could not take.
    void reportNotShown(const QStringList& not_shown);
    void connectScenarioFiles();
    void applyScenario(const OpenedScenario& opened);
    void reportScenarioFailure(const QString& title, const QString& message);
    QWidget* buildControls();
    QWidget* buildPositions();
    QWidget* buildLog();
    void requestSimulation();
    void onFrames(const std::shared_ptr<const LiveRun>& run, std::size_t ready);
    void onFinished(const std::shared_ptr<const LiveRun>& run);
    void showCursor(std::size_t step);
    /// Moves the cursor to a logged event's step and selects its position.
    void showLogEvent(int log_row);
    void chooseFile();
    void importFile();
    void rememberFile(const QString& path);
    void updateRecentMenu();
    void showAbout();
    void chooseScenario();
    void chooseScenarioToSave();

    QString path_;
    BookReadOptions read_;
    QProgressDialog* reading_ = nullptr;
    bool use_settings_ = false;
    QMenu* recent_ = nullptr;
    qulonglong positions_ = 0;
    std::shared_ptr<const LiveRun> run_;
    std::shared_ptr<const PositionBook> stored_book_; // a Library snapshot, simulated instead of path_
    QString stored_book_venue_;
    qint64 snapshot_id_ = 0;
    quint64 stale_before_ = 0; // runs of older requests are not shown over a stored run
    LibraryPanel* library_ = nullptr;

    SimulationController* simulation_;
    CascadeHeatmapView* heatmap_;
    LiquidationMapView* map_view_;
    PlaybackBar* playback_;
    PositionTableModel* positions_model_;
    LiquidationLogModel* log_model_;
    SensitivityPanel* sensitivity_;
    MonteCarloPanel* monte_carlo_;
    SeriesChartView* series_;
    ExportController* export_;
    QTableView* positions_table_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    RunControlsPanel* controls_;
    QLabel* summary_;
    QLabel* frame_;
    QLabel* status_;
    QStackedWidget* charts_; // a placeholder note, then the heatmap and the map
    QLabel* placeholder_;
    QPointer<QMessageBox> error_box_; // the open error box, if any
    ScenarioFiles* scenario_files_ = nullptr;
};

} // namespace levex::ui
