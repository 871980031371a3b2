// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "ui/CascadeHeatmapView.h"
#include "ui/LiquidationMapView.h"
#include "ui/SimulationController.h"

#include "core/ResourcePaths.h"
#include "core/VenueProfile.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>

#include <cmath>

namespace levex::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), worker_(new BookWorker) {
    setWindowTitle(tr("LevEx"));
    setAcceptDrops(true);
    resize(1440, 860);

    qRegisterMetaType<BookRequest>();
    qRegisterMetaType<std::shared_ptr<const BookSnapshot>>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &BookWorker::ready, this, &MainWindow::onReady);
    connect(worker_, &BookWorker::failed, this, &MainWindow::onFailed);
    thread_.setObjectName("levex-book-worker");
    thread_.start();

    map_view_ = new LiquidationMapView(this);
    heatmap_ = new CascadeHeatmapView(this);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(heatmap_);
    split->addWidget(map_view_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({660, 440});
    setCentralWidget(split);
    simulation_ = new SimulationController(this);
    connect(simulation_, &SimulationController::framesAdvanced, this,
            [this](std::shared_ptr<const LiveRun> run, std::size_t ready) { heatmap_->showRun(run, ready); });
    connect(simulation_, &SimulationController::runFinished, this, [this](std::shared_ptr<const LiveRun> run) {
        const QLocale locale;
        status_->setText(
            tr("%1 · shock %2 % · liquidated %3 positions, %4 USD · final price %5 · run %6 ms")
                .arg(QFileInfo(path_).fileName())
                .arg(locale.toString(run->params.shock * 100, 'f', 1))
                .arg(locale.toString(qulonglong(run->summary.liquidated_count)))
                .arg(format_money(run->summary.liquidated_notional_long + run->summary.liquidated_notional_short,
                                  locale))
                .arg(locale.toString(run->summary.final_price, 'f', 1))
                .arg(locale.toString(run->prepare_ms + run->run_ms, 'f', 1)));
        emit simulationFinished();
    });
    connect(simulation_, &SimulationController::runFailed, this,
            [this](quint64, const QString& message) { status_->setText(tr("Simulation: %1").arg(message)); });

    auto* controls = new QWidget;
    auto* form = new QFormLayout(controls);
    venue_ = new QComboBox;
    for (const std::string& name : list_venue_profiles(venue_dir()))
        venue_->addItem(QString::fromStdString(name));
    venue_->setCurrentText("generic");
    venue_->setToolTip(tr("Exchange rules: margin tiers, maintenance basis, execution (resources/venues)"));
    leverage_ = new QDoubleSpinBox;
    leverage_->setObjectName("leverage");
    leverage_->setRange(0.25, 5.0);
    leverage_->setSingleStep(0.25);
    leverage_->setDecimals(2);
    leverage_->setValue(1.0);
    leverage_->setSuffix(QStringLiteral("×"));
    leverage_->setToolTip(tr("Multiplies every position's leverage: margins and cross collateral are divided by it,\n"
                             "each position capped at its tier's max leverage"));
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    shock_slider_ = new QSlider(Qt::Horizontal);
    shock_slider_->setRange(-600, 600); // tenths of a percent
    shock_ = new QDoubleSpinBox;
    shock_->setObjectName("shock");
    shock_->setRange(-60.0, 60.0);
    shock_->setDecimals(1);
    shock_->setSingleStep(0.5);
    shock_->setSuffix(QStringLiteral(" %"));
    shock_->setValue(-5.0);
    shock_slider_->setValue(-50);
    shock_->setToolTip(tr("Move of the index at the start of the run"));
    connect(shock_slider_, &QSlider::valueChanged, this, [this](int v) { shock_->setValue(v / 10.0); });
    connect(shock_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(shock_slider_);
        shock_slider_->setValue(int(std::lround(v * 10)));
        requestSimulation();
    });
    depth_ = new QDoubleSpinBox;
    depth_->setRange(0.1, 100000.0);
    depth_->setDecimals(1);
    depth_->setValue(RunParameters{}.depth_quote_within_1pct / 1e6);
    depth_->setSuffix(QStringLiteral(" M USD"));
    depth_->setToolTip(tr("V-shaped book: liquidity within 1 % of the price (square-root impact)"));
    half_life_ = new QDoubleSpinBox;
    half_life_->setRange(1.0, 1e6);
    half_life_->setDecimals(0);
    half_life_->setValue(RunParameters{}.half_life_s);
    half_life_->setSuffix(QStringLiteral(" s"));
    half_life_->setToolTip(tr("How fast the consumed depth refills (half-life)"));
    steps_ = new QSpinBox;
    steps_->setRange(1, 100000);
    steps_->setValue(int(RunParameters{}.steps));
    steps_->setSuffix(tr(" steps of 1 s"));
    for (QDoubleSpinBox* box : {depth_, half_life_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &MainWindow::requestSimulation);
    connect(steps_, &QSpinBox::valueChanged, this, &MainWindow::requestSimulation);
    connect(venue_, &QComboBox::currentTextChanged, this, &MainWindow::requestSimulation);
    connect(leverage_, &QDoubleSpinBox::valueChanged, this, &MainWindow::requestSimulation);

    form->addRow(tr("Venue"), venue_);
    form->addRow(tr("Leverage ×"), leverage_);
    form->addRow(tr("Shock"), shock_);
    form->addRow(shock_slider_);
    form->addRow(tr("Depth within 1 %"), depth_);
    form->addRow(tr("Half-life"), half_life_);
    form->addRow(tr("Length"), steps_);
    form->addRow(summary_);
    auto* dock = new QDockWidget(tr("Controls"), this);
    dock->setObjectName("controls");
    dock->setWidget(controls);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    controls->setMinimumWidth(260);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(venue_, &QComboBox::currentTextChanged, this, &MainWindow::requestCompute);
    connect(leverage_, &QDoubleSpinBox::valueChanged, this, &MainWindow::requestCompute);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open positions CSV…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    file->addAction(tr("Open the &sample book"), this,
                    [this] { openBook(QString::fromStdString(sample_book_path())); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LevEx"), this, &MainWindow::showAbout);

    status_ = new QLabel(tr("Ready"));
    statusBar()->addWidget(status_, 1);
}

MainWindow::~MainWindow() {
    worker_->supersede(++generation_); // let a running read stop at its next progress report
    thread_.quit();
    thread_.wait();
}

void MainWindow::openBook(const QString& path) {
    path_ = path;
    status_->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    requestCompute();
    requestSimulation();
}

RunParameters MainWindow::runParameters() const {
    RunParameters p;
    p.shock = shock_->value() / 100.0;
    p.leverage_mult = leverage_->value();
    p.depth_quote_within_1pct = depth_->value() * 1e6;
    p.half_life_s = half_life_->value();
    p.steps = std::size_t(steps_->value());
    p.bins = 256;
    return p;
}

void MainWindow::requestSimulation() {
    if (!path_.isEmpty())
        simulation_->request(path_, venue_->currentText(), runParameters());
}

void MainWindow::requestCompute() {
    if (path_.isEmpty())
        return;
    BookRequest request{++generation_, path_, venue_->currentText(), leverage_->value()};
    worker_->supersede(request.generation);
    QMetaObject::invokeMethod(worker_, "process", Qt::QueuedConnection, Q_ARG(levex::ui::BookRequest, request));
}

void MainWindow::onReady(quint64 generation, std::shared_ptr<const BookSnapshot> snapshot) {
    if (generation != generation_)
        return;
    snapshot_ = std::move(snapshot);
    const BookSnapshot& s = *snapshot_;
    const PositionBook& book = s.book;
    const QLocale locale;
    const QString symbol = QString::fromStdString(book.symbol_names[s.symbol]);
    setWindowTitle(tr("%1 — LevEx").arg(QFileInfo(s.path).fileName()));

    double long_oi = 0, short_oi = 0, long_near = 0, short_near = 0;
    std::size_t longs = 0, shorts = 0;
    const double mark = s.map.mark;
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.symbol[i] != s.symbol)
            continue;
        const double notional = contract_of(s.venue).quote_notional(book.size[i], mark);
        const double liq = s.levels.liquidation_price[i];
        const bool near = !std::isnan(liq) && std::abs(std::log(liq / mark)) <= std::log(1.10);
        if (book.side[i] > 0) {
            ++longs;
            long_oi += notional;
            long_near += near ? notional : 0.0;
        } else {
            ++shorts;
            short_oi += notional;
            short_near += near ? notional : 0.0;
        }
    }
    summary_->setText(tr("<p><b>%1</b> · %2</p>"
                         "<table cellspacing='3'>"
                         "<tr><td>Positions</td><td align='right'>%3</td></tr>"
                         "<tr><td>Longs / shorts</td><td align='right'>%4 / %5</td></tr>"
                         "<tr><td>Open interest at mark</td><td align='right'>%6 USD</td></tr>"
                         "<tr><td>Long OI liquidating within −10 %</td><td align='right'>%7 USD</td></tr>"
                         "<tr><td>Short OI liquidating within +10 %</td><td align='right'>%8 USD</td></tr>"
                         "<tr><td>Never liquidated</td><td align='right'>%9</td></tr>"
                         "<tr><td>Held at tier max leverage</td><td align='right'>%10</td></tr>"
                         "</table><p>%11</p>")
                          .arg(symbol.toHtmlEscaped(), QString::fromStdString(s.venue.display_name).toHtmlEscaped())
                          .arg(locale.toString(qulonglong(longs + shorts)))
                          .arg(locale.toString(qulonglong(longs)), locale.toString(qulonglong(shorts)))
                          .arg(format_money(long_oi + short_oi, locale), format_money(long_near, locale),
                               format_money(short_near, locale))
                          .arg(locale.toString(qulonglong(s.map.never_liquidated)))
                          .arg(locale.toString(qulonglong(s.levels.margins.capped_count)))
                          .arg(s.mark_estimated
                                   ? tr("The file gives no mark price: the map is centred on the average entry price.")
                                   : tr("Mark price %1 from the file.").arg(locale.toString(mark, 'f', 2))));
    map_view_->show_map(
        s.map, tr("Liquidation map · %1 · leverage ×%2").arg(symbol).arg(locale.toString(leverage_->value(), 'f', 2)));
    status_->setText(tr("%1 · %2 positions · read %3 ms · computed %4 ms")
                         .arg(QFileInfo(s.path).fileName())
                         .arg(locale.toString(qulonglong(book.positions())))
                         .arg(locale.toString(s.load_ms, 'f', 0))
                         .arg(locale.toString(s.compute_ms, 'f', 1)));
    emit bookReady();
}

void MainWindow::onFailed(quint64 generation, const QString& message) {
    if (generation != generation_)
        return;
    status_->setText(tr("Could not open the book"));
    if (QGuiApplication::platformName() != "offscreen")
        QMessageBox::warning(this, tr("Could not open the book"), message);
    emit bookFailed(message);
}

void MainWindow::chooseFile() {
    const QString start = path_.isEmpty() ? QString() : QFileInfo(path_).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open positions CSV"), start,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        openBook(path);
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
    if (!urls.isEmpty() && urls.front().isLocalFile())
        openBook(urls.front().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    worker_->supersede(++generation_);
    event->accept();
}

} // namespace levex::ui
