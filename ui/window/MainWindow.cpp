// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"

#include "ui/dialogs/ImportDialog.h"
#include "ui/export/ExportController.h"
#include "ui/export/ScenarioFiles.h"
#include "ui/models/LiquidationLogModel.h"
#include "ui/models/PositionTableModel.h"
#include "ui/panels/LibraryPanel.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/PlaybackBar.h"
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/base/TextFile.h"
#include "core/model/VenueProfile.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QScrollArea>
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
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), simulation_(new SimulationController(this)) {
    setWindowTitle(tr("LevEx"));
    setAcceptDrops(true);
    resize(1440, 860);

    heatmap_ = new CascadeHeatmapView(this);
    map_view_ = new LiquidationMapView(this);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(heatmap_);
    split->addWidget(map_view_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({660, 440});
    // Until a book's first run arrives, a note in place of charts that would have nothing to show.
    placeholder_ =
        new QLabel(tr("No book shown yet.\nOpen a positions CSV with File → Open (Ctrl+O) or drop one here."));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    charts_ = new QStackedWidget;
    charts_->addWidget(placeholder_);
    charts_->addWidget(split);
    tabs_ = new QTabWidget;
    tabs_->addTab(buildPositions(), tr("Positions"));
    tabs_->addTab(buildLog(), tr("Liquidation log"));
    sensitivity_ = new SensitivityPanel;
    tabs_->addTab(sensitivity_, tr("Sensitivity"));
    monte_carlo_ = new MonteCarloPanel;
    tabs_->addTab(monte_carlo_, tr("Monte Carlo"));
    series_ = new SeriesChartView;
    tabs_->addTab(series_, tr("Series"));
    connect(sensitivity_, &SensitivityPanel::cellChosen, this,
            [this](double shock, double leverage) { controls_->setShockAndLeverage(shock, leverage); });
    connect(sensitivity_, &SensitivityPanel::progress, this, [this](int done, int total) {
        statusBar()->showMessage(tr("Sensitivity sweep %1 of %2 rows").arg(done).arg(total), 3000);
    });
    // The first time the tab is shown, sweep the shown run's settings.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (tabs_->widget(index) == sensitivity_ && sensitivity_->rowsFilled() == 0)
            sensitivity_->compute();
    });
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(charts_);
    vertical->addWidget(tabs_);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    vertical->setSizes({560, 200});
    setCentralWidget(vertical);
    // One price axis for both views: panning or zooming one moves the other.
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

    auto* dock = new QDockWidget(tr("Controls"), this);
    dock->setObjectName("controls");
    dock->setWidget(buildControls());
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    library_ = new LibraryPanel(this);
    auto* library_dock = new QDockWidget(tr("Library"), this);
    library_dock->setObjectName("library");
    library_dock->setWidget(library_);
    addDockWidget(Qt::RightDockWidgetArea, library_dock);
    library_dock->hide(); // the charts keep their width until the toolbar's Library asks for it

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open positions CSV…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    file->addAction(tr("Open the &sample book"), this,
                    [this] { openBook(QString::fromStdString(sample_book_path())); });
    file->addAction(tr("&Import positions CSV…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importFile);
    recent_ = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("Open s&cenario…"), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::chooseScenario);
    file->addAction(tr("&Save scenario…"), QKeySequence::Save, this, &MainWindow::chooseScenarioToSave);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    export_ = new ExportController(this, {heatmap_, map_view_, series_, sensitivity_, monte_carlo_}, [this] {
        return ExportController::Shown{run_, path_, controls_->venue()};
    });
    menuBar()->addMenu(export_->menu());
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Reset view"), QKeySequence(tr("Ctrl+0")), this, [this] { heatmap_->resetView(); })
        ->setToolTip(tr("The run's whole time and price range, after zooming (wheel) or panning (drag)"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LevEx"), this, &MainWindow::showAbout);

    QToolBar* tools = addToolBar(tr("File"));
    tools->setObjectName("file");
    tools->addAction(open);
    QAction* show_library = library_dock->toggleViewAction();
    show_library->setShortcut(QKeySequence(tr("Ctrl+L")));
    tools->addAction(show_library);
    view->addAction(show_library);
    playback_ = new PlaybackBar(this);
    addToolBar(playback_);
    connect(playback_, &PlaybackBar::cursorChanged, this, &MainWindow::showCursor);

    status_ = new QLabel(tr("Ready"));
    statusBar()->addWidget(status_, 1);
    connectScenarioFiles();

    connect(simulation_, &SimulationController::framesAdvanced, this, &MainWindow::onFrames);
    connect(simulation_, &SimulationController::runFinished, this, &MainWindow::onFinished);
    connect(simulation_, &SimulationController::runFailed, this, [this](quint64, const QString& message) {
        const bool no_book = positions_ == 0;
        const QString title = no_book ? tr("Could not open the book") : tr("Could not simulate");
        status_->setText(tr("%1: %2").arg(title, message));
        emit bookFailed(message);
        if (no_book)
            placeholder_->setText(
                tr("Could not open the book.\n\n%1\n\nOpen another with File → Open (Ctrl+O).").arg(message));
        if (QGuiApplication::platformName() == "offscreen") // tests and scripts read the status instead
            return;
        // Not modal (a script may be waiting on us), and one box at a time: while the user edits
        // a run that cannot work (a bad L2 file), the open box shows the newest reason.
        if (!error_box_) {
            error_box_ = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
            error_box_->setAttribute(Qt::WA_DeleteOnClose);
            error_box_->open();
        } else {
            error_box_->setWindowTitle(title);
            error_box_->setText(message);
        }
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
    connect(scenario_files_, &ScenarioFiles::openFailed, this, [this](const QString&, const QString& message) {
        reportScenarioFailure(tr("Could not open the scenario"), message);
        emit scenarioOpened(message);
    });
    connect(scenario_files_, &ScenarioFiles::saveFailed, this, [this](const QString& path, const QString& message) {
        reportScenarioFailure(tr("Could not save the scenario"), message);
        emit scenarioSaved(path, message);
    });
}

QWidget* MainWindow::buildControls() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    controls_ = new RunControlsPanel;
    connect(controls_, &RunControlsPanel::changed, this, &MainWindow::requestSimulation);
    connect(simulation_, &SimulationController::parameterProblem, controls_, &RunControlsPanel::showProblem);
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
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
    scroll->setMinimumWidth(330);
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
    auto* table = row_table(positions_model_);
    positions_table_ = table;
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder); // book order until a header is clicked
    layout->addWidget(filter);
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
    controls_->restore(settings);
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

void MainWindow::openBook(const QString& path, const BookReadOptions& read) {
    rememberFile(path);
    stored_book_.reset();
    snapshot_id_ = 0;
    path_ = path;
    read_ = read;
    controls_->setSymbols({}, {}); // the new book's symbols arrive once it is read
    positions_ = 0;
    status_->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    requestSimulation();
}

void MainWindow::openStoredBook(std::shared_ptr<const PositionBook> book, const QString& name, qint64 snapshot_id,
                                const QString& book_venue, const std::optional<RunParameters>& params,
                                const QString& venue) {
    stored_book_ = std::move(book);
    stored_book_venue_ = book_venue;
    snapshot_id_ = snapshot_id;
    path_ = name;
    read_ = {};
    if (params)
        reportNotShown(controls_->setParameters(*params, venue));
    controls_->setSymbols({}, {});
    positions_ = 0;
    status_->setText(tr("Simulating snapshot %1…").arg(name));
    requestSimulation();
}

void MainWindow::showStoredRun(std::shared_ptr<const LiveRun> run, const QString& name, qint64 snapshot_id) {
    simulation_->cancel(); // whatever is in flight must not replace the stored run
    stale_before_ = simulation_->generation();
    stored_book_ = run->position_book;
    stored_book_venue_ = QString::fromStdString(run->venue);
    snapshot_id_ = snapshot_id;
    path_ = name;
    read_ = {};
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
    if (!path_.isEmpty())
        simulation_->request(path_, controls_->venue(), runParameters(), read_, stored_book_, stored_book_venue_);
}

void MainWindow::onFrames(const std::shared_ptr<const LiveRun>& run, std::size_t ready) {
    if (run->generation != 0 && run->generation <= stale_before_)
        return; // a run cancelled for a stored run
    if (run != run_) {
        run_ = run;
        charts_->setCurrentIndex(1);
        // The run carries its book: its size and symbols (the render timer may show a run before
        // the worker's bookLoaded signal arrives).
        positions_ = run->position_book->positions();
        QStringList symbols;
        for (const std::string& name : run->position_book->symbol_names)
            symbols << QString::fromStdString(name);
        controls_->setSymbols(symbols, QString::fromStdString(run->symbol));
        playback_->setRun(run->capacity, run->params.step_seconds);
    }
    heatmap_->showRun(run, ready);
    playback_->setReady(ready);
}

void MainWindow::showCursor(std::size_t step) {
    heatmap_->setCursor(step);
    positions_model_->setCursor(step);
    if (!run_ || step >= run_->ready.load(std::memory_order_acquire))
        return;
    map_view_->showFrame(run_, step, QString::fromStdString(run_->symbol));
    // The frame at the cursor, under the summary: prices and what has been liquidated so far.
    double longs = 0, shorts = 0;
    for (std::size_t t = 0; t <= step; ++t) {
        longs += run_->liquidated_long[t];
        shorts += run_->liquidated_short[t];
    }
    const QLocale locale;
    frame_->setText(tr("<p><b>At t = %1 s</b><br>index %2 · book %3 · mark %4<br>liquidated so far: longs %5 USD, "
                       "shorts %6 USD</p>")
                        .arg(locale.toString(double(step) * run_->params.step_seconds, 'f', 0))
                        .arg(locale.toString(run_->index[step], 'f', 1), locale.toString(run_->book[step], 'f', 1),
                             locale.toString(run_->mark[step], 'f', 1))
                        .arg(format_money(longs, locale), format_money(shorts, locale)));
}

void MainWindow::onFinished(const std::shared_ptr<const LiveRun>& run) {
    const RunSummary& s = run->summary;
    const QLocale locale;
    auto money = [&](double x) { return format_money(x, locale) + QStringLiteral(" USD"); };
    auto price = [&](double x) { return locale.toString(x, 'f', 1); };
    auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>").arg(name, value);
    };
    QString rows;
    rows +=
        row(tr("Liquidated positions (long / short)"), tr("%1 / %2")
                                                           .arg(locale.toString(qulonglong(s.liquidated_count_long)))
                                                           .arg(locale.toString(qulonglong(s.liquidated_count_short))));
    rows += row(tr("Liquidated notional long"), money(s.liquidated_notional_long));
    rows += row(tr("Liquidated notional short"), money(s.liquidated_notional_short));
    rows += row(tr("Share of open interest"), locale.toString(s.liquidated_share_of_oi * 100, 'f', 1) + " %");
    rows += row(tr("Start / final price"), price(s.start_price) + " / " + price(s.final_price));
    rows += row(tr("Lowest / highest price"), price(s.min_price) + " / " + price(s.max_price));
    if (s.price_floor_hit) // the book could not absorb the selling: prices stopped at the floor
        rows += row(tr("Price floor reached"),
                    tr("yes (%1 of the start)").arg(locale.toString(kPriceFloorFraction, 'g', 1)));
    rows += row(tr("Exhaustion price P*"), price(s.exhaustion_price));
    rows += row(tr("Max drawdown"), locale.toString(s.max_drawdown * 100, 'f', 2) + " %");
    rows += row(tr("Amplification"),
                s.amplification ? locale.toString(*s.amplification, 'f', 2) + "×" : tr("n/a (no shock)"));
    rows += row(tr("Cascade duration"), locale.toString(s.cascade_duration_s, 'f', 0) + " s");
    rows += row(tr("Peak liquidation rate"), money(s.peak_liquidation_rate_quote_per_s) + "/s");
    rows += row(tr("Insurance fund low / loss"),
                (std::isinf(s.insurance_fund_min) ? tr("unlimited") : money(s.insurance_fund_min)) + " / " +
                    money(s.fund_loss));
    rows += row(tr("ADL / backstop notional"), money(s.adl_notional) + " / " + money(s.backstop_notional));
    rows += row(tr("Held at tier max leverage"), locale.toString(qulonglong(s.leverage_capped)));
    rows += row(tr("Steps run"), locale.toString(qulonglong(s.steps_run)));
    summary_->setText(tr("<p><b>Summary</b> · shock %1 %, leverage ×%2</p><table cellspacing='2'>%3</table>")
                          .arg(locale.toString(run->params.shock * 100, 'f', 1))
                          .arg(locale.toString(run->params.leverage_mult, 'f', 2))
                          .arg(rows));
    status_->setText(tr("%1 · %2 positions · %3 · run %4 ms")
                         .arg(QFileInfo(path_).fileName())
                         .arg(locale.toString(positions_))
                         .arg(controls_->venue())
                         .arg(locale.toString(run->prepare_ms + run->run_ms, 'f', 1)));
    heatmap_->setFinished(s.steps_run);
    series_->showRun(run);
    positions_model_->setRun(run);
    log_model_->setRun(run);
    sensitivity_->setContext(run, controls_->venue());
    monte_carlo_->setContext(run, controls_->venue());
    playback_->setFinished(s.steps_run);
    showCursor(playback_->cursor());
    emit simulationFinished();
}

void MainWindow::importFile() {
    const QString start = use_settings_ ? QSettings().value("files/lastFolder").toString() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import positions CSV"), start,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    ImportDialog dialog(path, this);
    if (dialog.exec() == QDialog::Accepted)
        openBook(path, dialog.options());
}

void MainWindow::chooseFile() {
    const QString start = use_settings_ ? QSettings().value("files/lastFolder").toString()
                                        : (path_.isEmpty() ? QString() : QFileInfo(path_).absolutePath());
    const QString path = QFileDialog::getOpenFileName(this, tr("Open positions CSV"), start,
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
    openBook(QString::fromStdString(opened.book_path));
    if (const QString symbol = QString::fromStdString(opened.scenario.params.symbol); !symbol.isEmpty()) {
        controls_->setSymbols({symbol}, symbol); // openBook cleared them; the book's arrive with its run
        requestSimulation();
    }
    reportNotShown(not_shown);
    emit scenarioOpened({});
}

void MainWindow::reportScenarioFailure(const QString& title, const QString& message) {
    status_->setText(tr("%1: %2").arg(title, message));
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not modal: a script may be waiting on the signal
}

void MainWindow::saveScenario(const QString& path) {
    if (path_.isEmpty()) {
        emit scenarioSaved(path, tr("no book is open"));
        return;
    }
    RunParameters params = runParameters();
    if (run_)
        params.symbol = run_->symbol;
    scenario_files_->save(path, params, controls_->venue(), path_); // hashes the files off the GUI thread
}

void MainWindow::chooseScenario() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(path_).absolutePath(),
                                                      tr("LevEx scenarios (*.levex.json *.json);;All files (*)"));
    if (!path.isEmpty())
        openScenario(path);
}

void MainWindow::chooseScenarioToSave() {
    const QString start = QFileInfo(path_).absoluteDir().filePath(QFileInfo(path_).completeBaseName() +
                                                                  QString::fromLatin1(kScenarioSuffix));
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
