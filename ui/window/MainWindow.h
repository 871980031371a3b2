// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/workers/SimulationWorker.h"

#include "core/model/RunParameters.h"
#include "core/usecase/OpenScenario.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QDockWidget;
class QLabel;
class QLocale;
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
class LendingAccountModel;
class LendingLogModel;
class HealthFactorHistogramView;
class PositionTableModel;
class RunControlsPanel;
class RunSummaryView;
class MonteCarloPanel;
class SensitivityPanel;
class SimulationController;
class ScenarioFiles;

/// The main window: wiring only. The controls describe a run; the SimulationController computes
/// it on its own thread; the views draw what it publishes, up to the playback cursor.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Tells the user something went wrong (title, message).
    using Notify = std::function<void(const QString& title, const QString& message)>;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Replaces the message box that reports failures (a book that cannot be read, a scenario
    /// refused, an export that failed); tests record the messages instead. The status line and
    /// the signals (bookFailed, scenarioOpened, …) say the same either way.
    void setNotify(Notify notify);

    /// Opens a positions CSV and simulates it; `bookReady` or `bookFailed` follows.
    /// A lending book opens with `protocol` (empty: its default).
    void openBook(const QString& path, const BookReadOptions& read = {}, const QString& protocol = {});
    /// Simulates a book already in memory (a Library snapshot) with the current controls, or with
    /// `params` and `venue` when given (a Library scenario).
    /// `book_venue` is the venue whose contract units the snapshot was imported in.
    void openStoredBook(std::shared_ptr<const PositionBook> book, const QString& name, qint64 snapshot_id,
                        const QString& book_venue, const std::optional<RunParameters>& params = std::nullopt,
                        const QString& venue = {});
    /// Shows a stored run exactly as saved, without simulating; its controls are shown too.
    void showStoredRun(std::shared_ptr<const LiveRun> run, const QString& name, qint64 snapshot_id);
    /// Adds a lending book, judged by `protocol` (a bundled name or a profile file), to the shown
    /// lending run: the books share one market (docs/lending.md §7). `simulationFinished` or
    /// `bookFailed` follows; a book that cannot be read leaves the run as it was.
    void addLendingBook(const QString& path, const QString& protocol);
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
    QString bookPath() const { return shown_.path; }
    /// The Library snapshot shown, or 0 for a book read from a file.
    qint64 storedSnapshotId() const { return shown_.snapshot_id; }
    /// Frames the whole run rather than its cascade (View → Whole run).
    void setWholeRun(bool whole);
    /// The line above the charts that states the run's answer.
    QLabel* headline() const { return headline_; }
    RunSummaryView* summary() const { return summary_; }
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
    LendingAccountModel* lendingAccounts() const { return accounts_model_; }
    LendingLogModel* lendingLog() const { return lending_log_model_; }
    HealthFactorHistogramView* healthFactors() const { return health_factors_; }
    SensitivityPanel* sensitivity() const { return sensitivity_; }
    MonteCarloPanel* monteCarlo() const { return monte_carlo_; }
    SeriesChartView* seriesChart() const { return series_; }
    ExportController* exporter() const { return export_; }
    RunControlsPanel* controls() const { return controls_; }

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
    void buildCentral();
    QWidget* buildTabs();
    void linkPriceAxes();
    void buildDocks();
    void buildMenus();
    void wireSimulation();
    void connectScenarioFiles();
    void applyScenario(const OpenedScenario& opened);
    /// Where a run's book comes from: a file (with its read options) or a Library snapshot.
    struct BookSource {
        QString path; ///< the file, or the snapshot's name
        BookReadOptions read;
        std::shared_ptr<const PositionBook> stored; ///< a Library snapshot, simulated instead of reading `path`
        QString stored_venue;                       ///< the venue whose contract units the snapshot is in
        qint64 snapshot_id = 0;
        QString symbol;                            ///< the symbol to open it with (a scenario's); empty: its largest
        std::vector<LendingBookSource> more_books; ///< lending books added to a lending book's run
        QString protocol;                          ///< a lending book's protocol to open it with; empty: its default
    };
    void openSource(BookSource source, const QString& status);
    static BookSource storedSource(const QString& name, std::shared_ptr<const PositionBook> book, const QString& venue,
                                   qint64 snapshot_id);
    std::pair<QString, QString> units(const LiveRun& run);
    QWidget* buildControls();
    QWidget* buildPositions();
    QWidget* buildLog();
    QWidget* buildAccounts();
    QWidget* buildLendingLog();
    void showBookKind(const std::shared_ptr<const LiveRun>& run);
    void requestSimulation();
    void onFrames(const std::shared_ptr<const LiveRun>& run, std::size_t ready);
    void showNotRun(const QString& why);
    void onFinished(const std::shared_ptr<const LiveRun>& run);
    void onPositionsFinished(const std::shared_ptr<const LiveRun>& run);
    void onLendingFinished(const std::shared_ptr<const LiveRun>& run);
    void showPositionControls(const LiveRun& run);
    void showLendingControls(const LiveRun& run);
    void showLendingFrame(std::size_t step);
    static QString flaggedNote(const LiveRun& run, const QLocale& locale);
    static QString marketNote(const LiveRun& run);
    void showCursor(std::size_t step);
    /// Moves the cursor to a logged event's step and selects its position.
    void showLogEvent(int log_row);
    void chooseFile();
    void importFile();
    void chooseBookToAdd();
    void rememberFile(const QString& path);
    void updateRecentMenu();
    void showAbout();
    void chooseScenario();
    void chooseScenarioToSave();

    BookSource shown_;                  // the book of the shown run
    std::optional<BookSource> pending_; // a book being opened: shown once its first run arrives
    quint64 pending_generation_ = 0;    // the request that opens it
    Notify notify_;
    QProgressDialog* reading_ = nullptr;
    bool use_settings_ = false;
    QMenu* recent_ = nullptr;
    qulonglong positions_ = 0;
    std::shared_ptr<const LiveRun> run_;
    std::string size_unit_venue_; // the venue whose contract kind inverse_venue_ holds
    bool inverse_venue_ = false;
    quint64 stale_before_ = 0; // runs of older requests are not shown over a stored run
    LibraryPanel* library_ = nullptr;

    SimulationController* simulation_;
    QDockWidget* library_dock_ = nullptr;
    CascadeHeatmapView* heatmap_;
    LiquidationMapView* map_view_;
    PlaybackBar* playback_;
    PositionTableModel* positions_model_;
    LiquidationLogModel* log_model_;
    LendingAccountModel* accounts_model_ = nullptr;
    HealthFactorHistogramView* health_factors_ = nullptr;
    LendingLogModel* lending_log_model_ = nullptr;
    QStackedWidget* positions_stack_ = nullptr;
    QStackedWidget* log_stack_ = nullptr;
    SensitivityPanel* sensitivity_;
    MonteCarloPanel* monte_carlo_;
    SeriesChartView* series_;
    ExportController* export_;
    QTableView* positions_table_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    RunControlsPanel* controls_;
    RunSummaryView* summary_;
    QLabel* headline_;
    QLabel* frame_;
    QLabel* status_;
    QStackedWidget* charts_; // a placeholder note, then the heatmap and the map
    QLabel* placeholder_;
    QPointer<QMessageBox> error_box_; // the open error box, if any
    ScenarioFiles* scenario_files_ = nullptr;
};

} // namespace levex::ui
