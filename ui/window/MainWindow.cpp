// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"

#include "ui/dialogs/ImportDialog.h"
#include "ui/export/ExportController.h"
#include "ui/export/ScenarioFiles.h"
#include "ui/models/LendingAccountModel.h"
#include "ui/models/LendingLogModel.h"
#include "ui/models/LiquidationLogModel.h"
#include "ui/models/PositionTableModel.h"
#include "ui/panels/LibraryPanel.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/PlaybackBar.h"
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/HealthFactorHistogramView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/RunSummaryView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/model/ProtocolProfile.h"
#include "core/model/VenueProfile.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace levex::ui {

namespace {
// A table of a million rows that stays fluid: fixed row heights, whole rows selected.
QTableView* row_table(QAbstractItemModel* model) {
    auto* table = new QTableView;
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

// Calls `changed` whenever the watched widget's layout asks to be redone (its size hints moved).
class LayoutWatcher : public QObject {
public:
    LayoutWatcher(QObject* parent, std::function<void()> changed) : QObject(parent), changed_(std::move(changed)) {}
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::LayoutRequest)
            changed_();
        return false;
    }

private:
    std::function<void()> changed_;
};

// A page whose controls want more width than the window spares when both docks are open scrolls
// sideways instead of widening the window past the screen.
QScrollArea* scrolled(QWidget* page) {
    auto* scroll = new QScrollArea;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    return scroll;
}

// Columns as wide as their header and their values (sampled): no clipped header after a new run.
// (A sort or a filter keeps the widths the user chose.)
template <typename Model>
void fit_columns_on_new_run(QTableView* table, Model* model) {
    auto fitted = std::make_shared<const LiveRun*>(nullptr);
    QObject::connect(model, &Model::orderingFinished, table, [table, model, fitted] {
        if (model->run() == *fitted || model->rowCount() == 0)
            return;
        *fitted = model->run();
        table->horizontalHeader()->setResizeContentsPrecision(200);
        table->resizeColumnsToContents();
    });
}
// A table of `model` in book order until a header is clicked, its columns fitted to each new run.
template <typename Model>
QTableView* sortable_table(Model* model) {
    QTableView* table = row_table(model);
    fit_columns_on_new_run(table, model);
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder);
    return table;
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), simulation_(new SimulationController(this)) {
    setWindowTitle(tr("LevEx"));
    setAcceptDrops(true);
    resize(1440, 860);
    // Not modal (a script may be waiting on us), and one box at a time: while the user edits a run
    // that cannot work (a bad L2 file), the open box shows the newest reason.
    notify_ = [this](const QString& title, const QString& message) {
        if (!error_box_) {
            error_box_ = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
            error_box_->setAttribute(Qt::WA_DeleteOnClose);
            error_box_->open();
        } else {
            error_box_->setWindowTitle(title);
            error_box_->setText(message);
        }
    };
    buildCentral();
    buildDocks();
    buildMenus();
    wireSimulation();
    connectScenarioFiles();
}

void MainWindow::setNotify(Notify notify) {
    notify_ = notify;
    export_->setNotify(std::move(notify));
}

// The charts above (heatmap beside the liquidation map, a note until there is a run), the tabs below.
void MainWindow::buildCentral() {
    heatmap_ = new CascadeHeatmapView(this);
    map_view_ = new LiquidationMapView(this);
    // Both readable at 1440 px with the Controls (Advanced unfolded) and the Library docks open.
    heatmap_->setMinimumWidth(340);
    map_view_->setMinimumWidth(340);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(heatmap_);
    split->addWidget(map_view_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({660, 440});
    // Until a book's first run arrives, a note in place of charts that would have nothing to show.
    placeholder_ = new QLabel(
        tr("No book shown yet.\nOpen a positions or lending book CSV with File → Open (Ctrl+O) or drop one here."));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    charts_ = new QStackedWidget;
    charts_->addWidget(placeholder_);
    charts_->addWidget(split);
    linkPriceAxes();
    // The run's answer in one line, above the charts.
    headline_ = new QLabel;
    headline_->setObjectName("headline");
    headline_->setWordWrap(true);
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = headline_->font();
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    bold.setBold(true);
    headline_->setFont(bold);
    headline_->setContentsMargins(8, 4, 8, 2);
    headline_->hide(); // until the first run
    auto* top = new QWidget;
    auto* top_layout = new QVBoxLayout(top);
    top_layout->setContentsMargins(0, 0, 0, 0);
    top_layout->setSpacing(0);
    top_layout->addWidget(headline_);
    top_layout->addWidget(charts_, 1);
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(top);
    vertical->addWidget(buildTabs());
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({470, 290}); // the tables show a dozen rows, the charts keep most of the height
    setCentralWidget(vertical);
}

QWidget* MainWindow::buildTabs() {
    tabs_ = new QTabWidget;
    // A lending run shows its accounts and its log in the same places (showBookKind()).
    positions_stack_ = new QStackedWidget;
    positions_stack_->addWidget(buildPositions());
    positions_stack_->addWidget(buildAccounts());
    tabs_->addTab(positions_stack_, tr("Positions"));
    log_stack_ = new QStackedWidget;
    log_stack_->addWidget(buildLog());
    log_stack_->addWidget(buildLendingLog());
    tabs_->addTab(log_stack_, tr("Liquidation log"));
    sensitivity_ = new SensitivityPanel;
    tabs_->addTab(scrolled(sensitivity_), tr("Sensitivity"));
    monte_carlo_ = new MonteCarloPanel;
    tabs_->addTab(scrolled(monte_carlo_), tr("Monte Carlo"));
    series_ = new SeriesChartView;
    tabs_->addTab(series_, tr("Series"));
    health_factors_ = new HealthFactorHistogramView;
    tabs_->addTab(health_factors_, tr("Health factors"));
    connect(sensitivity_, &SensitivityPanel::cellChosen, this,
            [this](double shock, double leverage) { controls_->setShockAndLeverage(shock, leverage); });
    connect(sensitivity_, &SensitivityPanel::progress, this, [this](int done, int total) {
        statusBar()->showMessage(tr("Sensitivity sweep %1 of %2 rows").arg(done).arg(total), 3000);
    });
    // The first time the tab is shown, sweep the shown run's settings.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (tabs_->widget(index)->isAncestorOf(sensitivity_) && sensitivity_->rowsFilled() == 0)
            sensitivity_->compute();
    });
    return tabs_;
}

// One price axis for both views: panning or zooming one moves the other.
void MainWindow::linkPriceAxes() {
    QCPAxis* heat_y = heatmap_->plot()->yAxis;
    QCPAxis* map_y = map_view_->plot()->yAxis;
    connect(heat_y, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [map_y, this](const QCPRange& r) {
        if (map_y->range() != r) {
            map_y->setRange(r);
            map_view_->plot()->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    connect(map_y, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [heat_y, this](const QCPRange& r) {
        if (heat_y->range() != r) {
            heat_y->setRange(r);
            heatmap_->plot()->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

// The controls on the left; the Library on the right, hidden until the toolbar asks for it.
void MainWindow::buildDocks() {
    auto* dock = new QDockWidget(tr("Controls"), this);
    dock->setObjectName("controls");
    dock->setWidget(buildControls());
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    library_ = new LibraryPanel(this);
    library_dock_ = new QDockWidget(tr("Library"), this);
    library_dock_->setObjectName("library");
    library_dock_->setWidget(library_);
    addDockWidget(Qt::RightDockWidgetArea, library_dock_);
    library_dock_->hide(); // the charts keep their width until the toolbar's Library asks for it
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open book CSV…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    file->addAction(tr("Open the &sample book"), this,
                    [this] { openBook(QString::fromStdString(sample_book_path())); });
    file->addAction(tr("&Import book CSV…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importFile);
    QAction* add_book = file->addAction(tr("&Add book to run…"), this, &MainWindow::chooseBookToAdd);
    add_book->setObjectName("addBook");
    add_book->setToolTip(tr("A lending run only: another lending book, with its own protocol, sharing the market"));
    connect(this, &MainWindow::simulationFinished, add_book,
            [this, add_book] { add_book->setEnabled(run_ && run_->lending()); });
    add_book->setEnabled(false);
    recent_ = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("Open s&cenario…"), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::chooseScenario);
    file->addAction(tr("&Save scenario…"), QKeySequence::Save, this, &MainWindow::chooseScenarioToSave);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    export_ = new ExportController(this, {heatmap_, map_view_, series_, sensitivity_, monte_carlo_}, [this] {
        return ExportController::Shown{run_, shown_.path, controls_->venue(), heatmap_->framedSteps(),
                                       heatmap_->wholeRun()};
    });
    connect(export_, &ExportController::exported, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty())
            statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
    });
    connect(export_, &ExportController::animationFinished, this, [this](bool written, const QString& message) {
        if (written)
            statusBar()->showMessage(tr("Animation: %1").arg(message), 8000);
    });
    menuBar()->addMenu(export_->menu());
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Reset view"), QKeySequence(tr("Ctrl+0")), this, [this] { heatmap_->resetView(); })
        ->setToolTip(tr("Back to the framed time range and the whole price range, after zooming (wheel) or "
                        "panning (drag)"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LevEx"), this, &MainWindow::showAbout);

    QToolBar* tools = addToolBar(tr("File"));
    tools->setObjectName("file");
    tools->addAction(open);
    QAction* show_library = library_dock_->toggleViewAction();
    show_library->setShortcut(QKeySequence(tr("Ctrl+L")));
    tools->addAction(show_library);
    view->addAction(show_library);
    playback_ = new PlaybackBar(this);
    addToolBar(playback_);
    connect(playback_, &PlaybackBar::cursorChanged, this, &MainWindow::showCursor);
    QAction* whole_run = playback_->wholeRunAction();
    whole_run->setShortcut(Qt::Key_W); // beside the playback keys (Space, Home, End)
    view->addAction(whole_run);
    connect(playback_, &PlaybackBar::wholeRunToggled, this, &MainWindow::setWholeRun);
    status_ = new QLabel(tr("Ready"));
    status_->setObjectName("status");
    status_->setMinimumWidth(1); // a long notice is cut on the status line, never widens the window
    statusBar()->addWidget(status_, 1);
}

void MainWindow::wireSimulation() {
    connect(simulation_, &SimulationController::framesAdvanced, this, &MainWindow::onFrames);
    connect(simulation_, &SimulationController::runFinished, this, &MainWindow::onFinished);
    connect(simulation_, &SimulationController::runFailed, this, [this](quint64 generation, const QString& message) {
        const bool opening = pending_ && generation >= pending_generation_;
        const QString title = opening ? tr("Could not open the book") : tr("Could not simulate");
        if (opening) // the shown book, if any, stays
            pending_.reset();
        if (reading_) {
            reading_->deleteLater();
            reading_ = nullptr;
        }
        status_->setText(tr("%1: %2").arg(title, message));
        emit bookFailed(message);
        if (opening && !run_)
            placeholder_->setText(
                tr("Could not open the book.\n\n%1\n\nOpen another with File → Open (Ctrl+O).").arg(message));
        if (notify_)
            notify_(title, message);
    });
    // Large books show their reading progress and can be cancelled.
    connect(simulation_, &SimulationController::readProgress, this, [this](double fraction) {
        if (!reading_) {
            reading_ = new QProgressDialog(tr("Reading the book…"), tr("Cancel"), 0, 1000, this);
            reading_->setWindowModality(Qt::WindowModal);
            reading_->setMinimumDuration(500);
            connect(reading_, &QProgressDialog::canceled, this, [this] {
                simulation_->cancel();
                status_->setText(tr("Reading cancelled"));
            });
        }
        reading_->setValue(int(fraction * 1000));
    });
    connect(simulation_, &SimulationController::bookLoaded, this,
            [this](const QString& path, qulonglong positions, qulonglong skipped) {
                if (reading_) {
                    reading_->deleteLater();
                    reading_ = nullptr;
                }
                if (skipped > 0)
                    statusBar()->showMessage(tr("%1 row(s) skipped while reading").arg(skipped), 10000);
                positions_ = positions;
                setWindowTitle(tr("%1 — LevEx").arg(QFileInfo(path).fileName()));
                emit bookReady();
            });
}

MainWindow::~MainWindow() = default;

void MainWindow::connectScenarioFiles() {
    scenario_files_ = new ScenarioFiles(this);
    connect(scenario_files_, &ScenarioFiles::opened, this,
            [this](const QString&, std::shared_ptr<const OpenedScenario> opened) { applyScenario(*opened); });
    connect(scenario_files_, &ScenarioFiles::saved, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Scenario saved to %1").arg(path), 5000);
        emit scenarioSaved(path, {});
    });
    auto failed = [this](const QString& title, const QString& message) {
        status_->setText(tr("%1: %2").arg(title, message));
        if (notify_)
            notify_(title, message);
    };
    connect(scenario_files_, &ScenarioFiles::openFailed, this, [this, failed](const QString&, const QString& message) {
        failed(tr("Could not open the scenario"), message);
        emit scenarioOpened(message);
    });
    connect(scenario_files_, &ScenarioFiles::saveFailed, this,
            [this, failed](const QString& path, const QString& message) {
                failed(tr("Could not save the scenario"), message);
                emit scenarioSaved(path, message);
            });
}

QWidget* MainWindow::buildControls() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    controls_ = new RunControlsPanel;
    connect(controls_, &RunControlsPanel::changed, this, &MainWindow::requestSimulation);
    connect(simulation_, &SimulationController::parameterProblem, controls_, &RunControlsPanel::showProblem);
    connect(controls_, &RunControlsPanel::notRun, this, &MainWindow::showNotRun);
    summary_ = new RunSummaryView;
    frame_ = new QLabel;
    frame_->setTextFormat(Qt::RichText);
    frame_->setWordWrap(true);
    layout->addWidget(controls_);
    layout->addWidget(frame_);
    layout->addWidget(summary_);
    layout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The dock is as wide as the controls need (more once Advanced unfolds): they scroll down,
    // never off to the side.
    auto fit = [scroll, page] {
        scroll->setMinimumWidth(std::max(330, page->minimumSizeHint().width() +
                                                  scroll->verticalScrollBar()->sizeHint().width() +
                                                  2 * scroll->frameWidth()));
    };
    page->installEventFilter(new LayoutWatcher(page, fit));
    fit();
    return scroll;
}

QWidget* MainWindow::buildPositions() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filter = new QLineEdit;
    filter->setObjectName("positionFilter");
    filter->setPlaceholderText(tr("Filter by id or account"));
    filter->setClearButtonEnabled(true);
    positions_model_ = new PositionTableModel(this);
    connect(filter, &QLineEdit::textChanged, positions_model_, &PositionTableModel::setFilter);
    auto* flagged = new QComboBox;
    flagged->setObjectName("positionFlags");
    flagged->addItem(tr("All positions"), int(PositionTableModel::Flagged::All));
    flagged->addItem(tr("Liquidatable before any shock"), int(PositionTableModel::Flagged::LiquidatableAtStart));
    flagged->addItem(tr("Above the venue's max leverage"), int(PositionTableModel::Flagged::AboveMaxLeverage));
    flagged->setToolTip(tr("List only the positions the run flags (the Check column says why)"));
    connect(flagged, &QComboBox::currentIndexChanged, this, [this, flagged] {
        positions_model_->setFlagFilter(PositionTableModel::Flagged(flagged->currentData().toInt()));
    });
    auto* filters = new QHBoxLayout;
    filters->addWidget(filter, 1);
    filters->addWidget(flagged);
    QTableView* table = sortable_table(positions_model_);
    positions_table_ = table;
    layout->addLayout(filters);
    layout->addWidget(table);
    return page;
}

QWidget* MainWindow::buildLog() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filters = new QHBoxLayout;
    auto* path = new QComboBox;
    path->setObjectName("logPath");
    path->addItem(tr("All paths"), -1);
    for (LiquidationPath p :
         {LiquidationPath::Book, LiquidationPath::Adl, LiquidationPath::Backstop, LiquidationPath::Takeover})
        path->addItem(QString::fromLatin1(liquidation_path_name(p)), int(p));
    auto* text = new QLineEdit;
    text->setPlaceholderText(tr("Filter by position id or account"));
    text->setClearButtonEnabled(true);
    filters->addWidget(path);
    filters->addWidget(text, 1);
    log_model_ = new LiquidationLogModel(this);
    auto refilter = [this, path, text] {
        const int p = path->currentData().toInt();
        log_model_->setFilter(p < 0 ? std::nullopt : std::optional(LiquidationPath(p)), text->text());
    };
    connect(path, &QComboBox::currentIndexChanged, this, refilter);
    connect(text, &QLineEdit::textChanged, this, refilter);
    auto* table = row_table(log_model_);
    fit_columns_on_new_run(table, log_model_);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    // Selecting an event shows its step and its position.
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            showLogEvent(current.row());
    });
    layout->addLayout(filters);
    layout->addWidget(table);
    return page;
}

QWidget* MainWindow::buildAccounts() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filter = new QLineEdit;
    filter->setObjectName("accountFilter");
    filter->setPlaceholderText(tr("Filter by account"));
    filter->setClearButtonEnabled(true);
    auto* liquidated = new QCheckBox(tr("Liquidated in the run only"));
    liquidated->setObjectName("accountsLiquidated");
    accounts_model_ = new LendingAccountModel(this);
    auto refilter = [this, filter, liquidated] { accounts_model_->setFilter(filter->text(), liquidated->isChecked()); };
    connect(filter, &QLineEdit::textChanged, this, refilter);
    connect(liquidated, &QCheckBox::toggled, this, refilter);
    auto* filters = new QHBoxLayout;
    filters->addWidget(filter, 1);
    filters->addWidget(liquidated);
    QTableView* table = sortable_table(accounts_model_);
    layout->addLayout(filters);
    layout->addWidget(table);
    return page;
}

QWidget* MainWindow::buildLendingLog() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* text = new QLineEdit;
    text->setObjectName("lendingLogFilter");
    text->setPlaceholderText(tr("Filter by account"));
    text->setClearButtonEnabled(true);
    lending_log_model_ = new LendingLogModel(this);
    connect(text, &QLineEdit::textChanged, lending_log_model_, &LendingLogModel::setFilter);
    auto* table = row_table(lending_log_model_);
    fit_columns_on_new_run(table, lending_log_model_);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    // Selecting a call shows its step.
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid()) {
            playback_->pause();
            playback_->setCursor(lending_log_model_->event(current.row()).step);
        }
    });
    layout->addWidget(text);
    layout->addWidget(table);
    return page;
}

// The tables of the run's kind of book: positions, or a lending book's accounts.
void MainWindow::showBookKind(const std::shared_ptr<const LiveRun>& run) {
    const bool lending = run->lending();
    positions_stack_->setCurrentIndex(lending ? 1 : 0);
    log_stack_->setCurrentIndex(lending ? 1 : 0);
    tabs_->setTabText(tabs_->indexOf(positions_stack_), lending ? tr("Accounts") : tr("Positions"));
    accounts_model_->setBaseCurrency(controls_->baseCurrency());
    lending_log_model_->setBaseCurrency(controls_->baseCurrency());
    accounts_model_->setRun(run);
    lending_log_model_->setRun(run);
    health_factors_->showRun(run, controls_->baseCurrency());
}

void MainWindow::showLogEvent(int log_row) {
    const LiquidationEvent& e = log_model_->event(log_row);
    playback_->pause();
    playback_->setCursor(e.step);
    const int row = positions_model_->rowOf(e.position);
    if (row >= 0) {
        positions_table_->selectRow(row);
        positions_table_->scrollTo(positions_model_->index(row, 0));
    }
}

void MainWindow::useSettings() {
    use_settings_ = true;
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    // What cannot be restored as it was (an L2 file that is gone) is said, never dropped silently.
    const QStringList not_restored = controls_->restore(settings);
    if (!not_restored.isEmpty())
        statusBar()->showMessage(tr("Settings not restored: %1").arg(not_restored.join(QStringLiteral("; "))), 30000);
    updateRecentMenu();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (use_settings_) {
        QSettings settings;
        settings.setValue("window/geometry", saveGeometry());
        settings.setValue("window/state", saveState());
        controls_->save(settings);
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::rememberFile(const QString& path) {
    if (!use_settings_)
        return;
    QSettings settings;
    QStringList recent = settings.value("files/recent").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue("files/recent", recent);
    settings.setValue("files/lastFolder", QFileInfo(path).absolutePath());
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recent_->clear();
    const QStringList recent = QSettings().value("files/recent").toStringList();
    for (const QString& path : recent)
        recent_->addAction(QFileInfo(path).fileName(), this, [this, path] { openBook(path); })->setToolTip(path);
    recent_->setEnabled(!recent.isEmpty());
}

// A book being opened replaces the shown one only once its first run arrives: a file that cannot
// be read leaves the shown book, its symbol and its run in place.
void MainWindow::openBook(const QString& path, const BookReadOptions& read, const QString& protocol) {
    rememberFile(path);
    BookSource source;
    source.path = path;
    source.read = read;
    source.protocol = protocol;
    openSource(std::move(source), tr("Reading %1…").arg(QFileInfo(path).fileName()));
}

void MainWindow::openStoredBook(std::shared_ptr<const PositionBook> book, const QString& name, qint64 snapshot_id,
                                const QString& book_venue, const std::optional<RunParameters>& params,
                                const QString& venue) {
    if (params)
        reportNotShown(controls_->setParameters(*params, venue));
    openSource(storedSource(name, std::move(book), book_venue, snapshot_id), tr("Simulating snapshot %1…").arg(name));
}

MainWindow::BookSource MainWindow::storedSource(const QString& name, std::shared_ptr<const PositionBook> book,
                                                const QString& venue, qint64 snapshot_id) {
    BookSource source;
    source.path = name;
    source.stored = std::move(book);
    source.stored_venue = venue;
    source.snapshot_id = snapshot_id;
    return source;
}

void MainWindow::openSource(BookSource source, const QString& status) {
    pending_ = std::move(source);
    status_->setText(status);
    requestSimulation();
}

void MainWindow::showStoredRun(std::shared_ptr<const LiveRun> run, const QString& name, qint64 snapshot_id) {
    simulation_->cancel(); // whatever is in flight must not replace the stored run
    stale_before_ = simulation_->generation();
    pending_.reset();
    shown_ = storedSource(name, run->position_book, QString::fromStdString(run->venue), snapshot_id);
    reportNotShown(controls_->setParameters(run->params, QString::fromStdString(run->venue)));
    setWindowTitle(tr("%1 — LevEx").arg(name));
    const std::size_t steps = run->ready.load(std::memory_order_acquire);
    onFrames(run, steps);
    onFinished(run);
}

RunParameters MainWindow::runParameters() const {
    return controls_->parameters();
}

QString MainWindow::venue() const {
    return controls_->venue();
}

void MainWindow::useWorkspace(const QString& path) {
    library_->openWorkspace(path);
}

void MainWindow::requestSimulation() {
    const BookSource& source = pending_ ? *pending_ : shown_;
    if (source.path.isEmpty())
        return;
    RunParameters params = runParameters();
    if (pending_) { // a new book: its own symbol (the scenario's, else its largest), not the shown book's
        params.symbol = source.symbol.toStdString();
        params.protocol = source.protocol.toStdString(); // and a lending book its own (empty: the default)
    }
    const quint64 generation = simulation_->request(source.path, controls_->venue(), params, source.read, source.stored,
                                                    source.stored_venue, source.more_books);
    if (pending_)
        pending_generation_ = generation;
}

void MainWindow::onFrames(const std::shared_ptr<const LiveRun>& run, std::size_t ready) {
    if (run->generation != 0 && run->generation <= stale_before_)
        return; // a run cancelled for a stored run
    if (run != run_) {
        if (pending_ && run->generation >= pending_generation_) { // the new book is read: it is shown now
            shown_ = std::move(*pending_);
            pending_.reset();
        }
        run_ = run;
        charts_->setCurrentIndex(1);
        // Position books are in USD; a lending book's levels and prices in its base currency.
        const QString unit = run->lending() ? controls_->baseCurrency() : QStringLiteral("USD");
        heatmap_->setMoneyUnit(unit, run->lending());
        map_view_->setMoneyUnit(unit, run->lending());
        // The run carries its book: its size and symbols (the render timer may show a run before
        // the worker's bookLoaded signal arrives).
        if (run->lending())
            showLendingControls(*run);
        else
            showPositionControls(*run);
        playback_->setRun(run->capacity, run->params.step_seconds);
    }
    heatmap_->showRun(run, ready);
    playback_->setReady(ready);
}

// The views at the playback cursor: a step, or the book before the shock.
void MainWindow::showPositionControls(const LiveRun& run) {
    positions_ = run.position_book->positions();
    QStringList symbols;
    for (const std::string& name : run.position_book->symbol_names)
        symbols << QString::fromStdString(name);
    controls_->setPositionBook();
    controls_->setSymbols(symbols, QString::fromStdString(run.symbol));
}

// A lending run: its accounts, the assets its books could shock and the protocol of its first book.
void MainWindow::showLendingControls(const LiveRun& run) {
    positions_ = 0;
    QStringList assets;
    for (const LendingBookInput& b : *run.lending_books) {
        positions_ += b.book->accounts();
        for (const std::string& name : b.book->asset_names)
            if (!assets.contains(QString::fromStdString(name)))
                assets << QString::fromStdString(name);
    }
    controls_->setLendingBook(QString::fromStdString(run.lending_books->front().protocol), assets,
                              QString::fromStdString(run.symbol));
}

void MainWindow::showCursor(std::size_t step) {
    const bool before = playback_->beforeShock() && run_ && run_->finished.load(std::memory_order_acquire);
    if (before) {
        heatmap_->showBeforeShock();
        positions_model_->setBeforeShock();
    } else {
        heatmap_->setCursor(step);
        positions_model_->setCursor(step);
    }
    if (!run_ || step >= run_->ready.load(std::memory_order_acquire))
        return;
    const QString symbol = QString::fromStdString(run_->symbol);
    const QLocale locale = grouped_locale();
    if (before) {
        map_view_->showBeforeShock(run_, symbol);
        frame_->setText(tr("<p><b>Before the shock</b><br>index and mark %1<br>nothing liquidated yet</p>")
                            .arg(locale.toString(run_->summary.start_price, 'f', run_->lending() ? 4 : 1)));
        return;
    }
    map_view_->showFrame(run_, step, symbol);
    if (run_->lending()) {
        showLendingFrame(step);
        return;
    }
    // The frame at the cursor, under the controls: prices and what has been liquidated so far.
    double longs = 0, shorts = 0;
    for (std::size_t t = 0; t <= step; ++t) {
        longs += run_->liquidated_long[t];
        shorts += run_->liquidated_short[t];
    }
    frame_->setText(tr("<p><b>At t = %1 s</b><br>index %2 · book %3 · mark %4<br>liquidated so far: longs %5 USD, "
                       "shorts %6 USD</p>")
                        .arg(locale.toString(double(step) * run_->params.step_seconds, 'f', 0))
                        .arg(locale.toString(run_->index[step], 'f', 1), locale.toString(run_->book[step], 'f', 1),
                             locale.toString(run_->mark[step], 'f', 1))
                        .arg(format_money(longs, locale), format_money(shorts, locale)));
}

// The frame at the cursor of a lending run: the market and the first book's oracle, and the
// collateral seized so far (its value at the market, in the quote).
void MainWindow::showLendingFrame(std::size_t step) {
    const QLocale locale = grouped_locale();
    double seized = 0;
    for (std::size_t t = 0; t <= step; ++t)
        seized += run_->liquidated_long[t] + run_->liquidated_short[t];
    auto p = [&](double v) { return locale.toString(v, 'f', v >= 1000 ? 1 : 4); };
    frame_->setText(tr("<p><b>At t = %1 s</b><br>market %2 · oracle %3<br>collateral seized so far: %4 %5</p>")
                        .arg(locale.toString(double(step) * run_->params.step_seconds, 'f', 0), p(run_->book[step]),
                             p(run_->mark[step]), format_money(seized, locale), controls_->baseCurrency()));
}

void MainWindow::onLendingFinished(const std::shared_ptr<const LiveRun>& run) {
    const QLocale locale = grouped_locale();
    const QString base = controls_->baseCurrency();
    summary_->showLendingRun(*run, base);
    headline_->setText(lending_headline(run->lending_summary, run->params, base, locale));
    headline_->setToolTip(tr("The shocked asset's market price at the start and at its extreme, the shock's own move "
                             "and the cascade's beyond it, the accounts liquidated and the debt written off (in the "
                             "books' base currency, %1)")
                              .arg(base));
    headline_->show();
    QStringList protocols, files; // every book on the run's market, the added ones too
    for (const LendingBookInput& b : *run->lending_books) {
        protocols << QString::fromStdString(b.protocol);
        files << QFileInfo(QString::fromStdString(b.path)).fileName();
    }
    status_->setText(tr("%1 · %2 accounts · %3 · run %4 ms")
                         .arg(files.join(QStringLiteral(" + ")))
                         .arg(locale.toString(positions_))
                         .arg(protocols.join(QStringLiteral(" + ")))
                         .arg(locale.toString(run->run_ms, 'f', 1)));
}

// The settings shown cannot run: the headline says so, in amber, until the next run replaces it,
// so the charts of the run before are never taken for these settings' answer.
void MainWindow::showNotRun(const QString& why) {
    if (headline_->isHidden())
        return;
    const QString sentence = why.endsWith(QLatin1Char('.')) ? why : why + QLatin1Char('.');
    headline_->setText(
        tr("Not run: %1 The charts and figures below are still those of the previous run.").arg(sentence));
    headline_->setStyleSheet(QStringLiteral("color: #a05a00;"));
}

void MainWindow::onFinished(const std::shared_ptr<const LiveRun>& run) {
    headline_->setStyleSheet(QString());
    if (run->lending())
        onLendingFinished(run);
    else
        onPositionsFinished(run);
    // The core's notice on where the market starts, in the CLI's words: beside the depth controls
    // and on the status line (whose tooltip holds it whole).
    const QString notice = QString::fromStdString(run->market_notice);
    controls_->showMarketNotice(notice);
    status_->setToolTip(notice.isEmpty() ? QString() : tr("Notice: %1").arg(notice));
    const RunSummary& s = run->summary;
    heatmap_->setFinished(s.steps_run);
    series_->showRun(run);
    series_->setFramedSteps(heatmap_->framedSteps());
    positions_model_->setRun(run);
    log_model_->setRun(run);
    showBookKind(run);
    sensitivity_->setContext(run, controls_->venue(), shown_.path);
    monte_carlo_->setContext(run, controls_->venue(), shown_.path);
    // After any change, the cursor lands on the end of what the frame shows: the whole cascade. The
    // render timer may not have seen the last steps yet: the bar learns them here, or its end
    // would stay at the last step that timer saw.
    playback_->setReady(run->ready.load(std::memory_order_acquire));
    playback_->setFinished(s.steps_run, heatmap_->framedSteps());
    showCursor(playback_->cursor());
    emit simulationFinished();
}

void MainWindow::onPositionsFinished(const std::shared_ptr<const LiveRun>& run) {
    const RunSummary& s = run->summary;
    const QLocale locale = grouped_locale();
    summary_->showRun(*run);
    headline_->setText(run_headline(s, run->params, locale));
    headline_->setToolTip(tr("The start price, the extreme price the run reached, the shock's own move and the "
                             "cascade's beyond it, what the cascade liquidated, and the exhaustion price P*.") +
                          (exhaustion_note(s, run->params, locale).isEmpty()
                               ? QString()
                               : QStringLiteral("\n\n") + exhaustion_note(s, run->params, locale)));
    headline_->show();
    status_->setText(tr("%1 · %2 positions · %3 · run %4 ms")
                         .arg(QFileInfo(shown_.path).fileName())
                         .arg(locale.toString(positions_))
                         .arg(controls_->venue())
                         .arg(locale.toString(run->prepare_ms + run->run_ms, 'f', 1)) +
                     flaggedNote(*run, locale) + marketNote(*run));
    const auto [size_unit, money_unit] = units(*run);
    positions_model_->setUnits(size_unit, money_unit);
    log_model_->setUnits(size_unit, money_unit);
}

// The core's notice on the run's market start for the status line ("" when none).
QString MainWindow::marketNote(const LiveRun& run) {
    return run.market_notice.empty() ? QString() : tr(" · notice: %1").arg(QString::fromStdString(run.market_notice));
}

// The positions the run flags, for the status line ("" when none): the Positions tab lists them.
QString MainWindow::flaggedNote(const LiveRun& run, const QLocale& locale) {
    if (!run.audit)
        return {};
    QStringList notes;
    if (run.audit->liquidatable_at_start > 0)
        notes << tr("%1 liquidatable before any shock")
                     .arg(locale.toString(qulonglong(run.audit->liquidatable_at_start)));
    if (run.audit->above_max_leverage > 0)
        notes
            << tr("%1 above the venue's max leverage").arg(locale.toString(qulonglong(run.audit->above_max_leverage)));
    return notes.isEmpty() ? QString()
                           : QStringLiteral(" · ⚠ ") + notes.join(QStringLiteral(", ")) + tr(" (Positions tab, Check)");
}

void MainWindow::setWholeRun(bool whole) {
    if (playback_->wholeRunAction()->isChecked() != whole) {
        playback_->wholeRunAction()->setChecked(whole); // comes back here through the toggle
        return;
    }
    heatmap_->setWholeRun(whole);
    series_->setFramedSteps(heatmap_->framedSteps());
    if (run_ && run_->finished.load(std::memory_order_acquire))
        playback_->setFramed(heatmap_->framedSteps());
}

// The book's units: an inverse venue counts sizes in contracts and money in the coin; a linear one
// sizes in the symbol's base asset and money in USD.
std::pair<QString, QString> MainWindow::units(const LiveRun& run) {
    if (run.venue != size_unit_venue_) {
        size_unit_venue_ = run.venue;
        try {
            // A small JSON file, read once per venue.
            inverse_venue_ = load_venue_profile(run.venue, venue_dir()).contract == ContractKind::Inverse;
        } catch (const std::exception&) {
            inverse_venue_ = false; // a profile file since moved: the symbol still names the asset
        }
    }
    const QString asset = base_asset_of(run.symbol);
    return inverse_venue_ ? std::pair(tr("contracts"), asset) : std::pair(asset, QStringLiteral("USD"));
}

void MainWindow::importFile() {
    const QString start = use_settings_ ? QSettings().value("files/lastFolder").toString() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import book CSV"), start,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    ImportDialog dialog(path, this);
    if (dialog.exec() == QDialog::Accepted)
        openBook(path, dialog.options(), dialog.protocol());
}

void MainWindow::addLendingBook(const QString& path, const QString& protocol) {
    if (shown_.path.isEmpty() || !run_ || !run_->lending()) {
        emit bookFailed(tr("a book can be added only to a lending run"));
        return;
    }
    BookSource source = shown_;
    source.more_books.push_back({path.toStdString(), "", protocol.toStdString()});
    source.symbol = QString::fromStdString(run_->symbol);
    source.protocol = controls_->protocol();
    openSource(std::move(source), tr("Adding %1…").arg(QFileInfo(path).fileName()));
}

// The book, then its protocol (proposed from its header's first line, as a book opened alone).
void MainWindow::chooseBookToAdd() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Add a lending book to the run"), QFileInfo(shown_.path).absolutePath(),
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    QStringList protocols;
    for (const std::string& name : list_protocol_profiles(protocol_dir()))
        protocols << QString::fromStdString(name);
    const int proposed = int(protocols.indexOf(QString::fromStdString(default_protocol_of(path.toStdString()))));
    bool ok = false;
    const QString protocol = QInputDialog::getItem(this, tr("Protocol of %1").arg(QFileInfo(path).fileName()),
                                                   tr("The protocol whose rules judge this book:"), protocols,
                                                   std::max(proposed, 0), false, &ok);
    if (ok)
        addLendingBook(path, protocol);
}

void MainWindow::chooseFile() {
    const QString start = use_settings_ ? QSettings().value("files/lastFolder").toString()
                                        : (shown_.path.isEmpty() ? QString() : QFileInfo(shown_.path).absolutePath());
    const QString path = QFileDialog::getOpenFileName(this, tr("Open book CSV (positions or lending)"), start,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        openBook(path);
}

void MainWindow::reportNotShown(const QStringList& not_shown) {
    if (!not_shown.isEmpty())
        statusBar()->showMessage(tr("Scenario settings the controls do not hold (not applied to the next run): %1")
                                     .arg(not_shown.join(QStringLiteral(", "))),
                                 15000);
}

void MainWindow::openScenario(const QString& path) {
    status_->setText(tr("Opening the scenario %1…").arg(QFileInfo(path).fileName()));
    const QString profiles = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/venues";
    scenario_files_->open(path, profiles); // reads and hashes its pinned files off the GUI thread
}

void MainWindow::applyScenario(const OpenedScenario& opened) {
    QStringList not_shown;
    {
        const QSignalBlocker block(controls_); // one run, once the book is chosen too
        not_shown = controls_->setParameters(opened.scenario.params, QString::fromStdString(opened.venue));
    }
    const QString book = QString::fromStdString(opened.book_path);
    rememberFile(book);
    BookSource source;
    source.path = book;
    source.symbol = QString::fromStdString(opened.scenario.params.symbol);
    openSource(std::move(source), tr("Reading %1…").arg(QFileInfo(book).fileName()));
    reportNotShown(not_shown);
    emit scenarioOpened({});
}

// The book (and any L2 or price-series file) is hashed off the GUI thread, then the file written.
void MainWindow::saveScenario(const QString& path) {
    if (shown_.path.isEmpty()) {
        emit scenarioSaved(path, tr("no book is open"));
        return;
    }
    if (run_ && run_->lending()) {
        emit scenarioSaved(path, tr("the app does not save a lending run's scenario yet (the command line does)"));
        return;
    }
    RunParameters params = runParameters();
    if (run_)
        params.symbol = run_->symbol;
    scenario_files_->save(path, params, controls_->venue(), shown_.path); // hashes the files off the GUI thread
}

void MainWindow::chooseScenario() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(shown_.path).absolutePath(),
                                                      tr("LevEx scenarios (*.levex.json *.json);;All files (*)"));
    if (!path.isEmpty())
        openScenario(path);
}

void MainWindow::chooseScenarioToSave() {
    const QString start =
        QFileInfo(shown_.path)
            .absoluteDir()
            .filePath(QFileInfo(shown_.path).completeBaseName() + QString::fromLatin1(kScenarioSuffix));
    QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), start, tr("LevEx scenarios (*.levex.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QString::fromLatin1(kScenarioSuffix);
    saveScenario(path);
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About LevEx"),
                       tr("<h3>LevEx %1</h3><p>Leverage exhaustion: liquidation cascades after a price shock, "
                          "computed from a book of leveraged positions.</p>"
                          "<p>Licensed under the GNU General Public License, version 3 or later. "
                          "Uses Qt and QCustomPlot.</p>")
                           .arg(QString::fromLatin1(version())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    const QString path = urls.front().toLocalFile();
    if (looks_like_scenario(path))
        openScenario(path);
    else
        openBook(path);
}

} // namespace levex::ui
