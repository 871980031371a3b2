// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/MonteCarloPanel.h"

#include "ui/models/ParameterNames.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/Theme.h"
#include "ui/workers/BackgroundThread.h"

#include "core/usecase/RunStudies.h"

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace levex::ui {

void MonteCarloWorker::run(const Request& request) {
    if (request.generation != newest_.load())
        return;
    try {
        MonteCarloSpec spec;
        spec.paths = request.paths;
        auto result = std::make_shared<MonteCarloResult>(run_monte_carlo_study(
            request.lending_books ? lending_study_inputs(*request.lending_books, request.params)
                                  : study_inputs(request.book, request.venue.toStdString(), request.params),
            spec, [&](std::size_t done, std::size_t total) {
                emit progress(request.generation, int(done), int(total));
                return newest_.load() == request.generation;
            }));
        if (!result->cancelled) // else a newer request replaced it: nothing to report
            emit finished(request.generation, result);
    } catch (const std::exception& e) {
        emit failed(request.generation, phrase_for_app(e));
    }
}

namespace {
class MoneyAxisTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override { return format_money(tick, locale); }
};
} // namespace

MonteCarloPanel::MonteCarloPanel(QWidget* parent) : QWidget(parent), worker_(new MonteCarloWorker) {
    qRegisterMetaType<MonteCarloWorker::Request>();
    qRegisterMetaType<std::shared_ptr<const MonteCarloResult>>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName("levex-montecarlo");
    start_background_thread(thread_);
    connect(worker_, &MonteCarloWorker::progress, this, [this](quint64 generation, int done, int total) {
        if (generation == generation_)
            status_->setText(tr("Running… %1 of %2 paths").arg(done).arg(total));
    });
    connect(worker_, &MonteCarloWorker::finished, this,
            [this](quint64 generation, std::shared_ptr<const MonteCarloResult> result) {
                if (generation != generation_)
                    return;
                show(*result);
                description_ = pending_description_;
                computed_ = pending_;
                computed_paths_ = int(result->paths);
                showBasis();
                compute_->setEnabled(true);
                emit finished();
            });
    connect(worker_, &MonteCarloWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (generation == generation_) {
            status_->setText(tr("Monte Carlo failed: %1").arg(message));
            compute_->setEnabled(true);
        }
    });

    paths_ = new QSpinBox;
    paths_->setRange(2, 100000);
    paths_->setValue(100);
    paths_->setSuffix(tr(" paths"));
    vol_ = new QDoubleSpinBox;
    vol_->setObjectName("monteCarloVol");
    vol_->setRange(0.01, 20.0); // in percent, like the shock
    vol_->setDecimals(2);
    vol_->setValue(0.2);
    vol_->setPrefix(tr("vol "));
    vol_->setSuffix(tr(" % per step"));
    vol_->setToolTip(tr("Per-step volatility of the random index returns (the controls' random path settings "
                        "apply otherwise)"));
    compute_ = new QPushButton(tr("Run"));
    status_ = new QLabel(tr("Random paths of the shown settings: a fan of prices and the liquidated notional."));
    connect(compute_, &QPushButton::clicked, this, &MonteCarloPanel::compute);
    connect(paths_, &QSpinBox::valueChanged, this, &MonteCarloPanel::showBasis);
    connect(vol_, &QDoubleSpinBox::valueChanged, this, &MonteCarloPanel::showBasis);
    basis_ = new QLabel;
    basis_->setObjectName("monteCarloBasis");
    basis_->setWordWrap(true);
    basis_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    basis_->hide();
    auto* bar = new QHBoxLayout;
    bar->addWidget(paths_);
    bar->addWidget(vol_);
    bar->addWidget(compute_);
    bar->addWidget(status_, 1);

    fan_ = new QCustomPlot;
    fan_->setAutoAddPlottableToLegend(false);
    fan_->xAxis->setLabel(tr("Time (s)"));
    fan_->yAxis->setLabel(tr("Book price (USD)"));
    fan_->yAxis->setNumberFormat(QStringLiteral("f")); // whole prices with separators: 95,000
    fan_->yAxis->setNumberPrecision(0);
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    fan_->setLocale(locale);
    fan_->plotLayout()->insertRow(0);
    fan_->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(fan_, tr("Price fan: 5–95 % (light) and 25–75 % (dark) of "
                                                               "paths, median (line)")));
    histogram_ = new QCustomPlot;
    histogram_->xAxis->setLabel(tr("Liquidated notional per path (USD)"));
    histogram_->yAxis->setLabel(tr("Paths"));
    histogram_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new MoneyAxisTicker));
    auto* plots = new QHBoxLayout;
    plots->addWidget(fan_, 3);
    plots->addWidget(histogram_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(basis_);
    layout->addLayout(plots, 1);
    // Until the first paths, the empty chart says what to press.
    blank_ = new QCPItemText(fan_);
    blank_->position->setType(QCPItemPosition::ptAxisRectRatio);
    blank_->position->setCoords(0.5, 0.5);
    blank_->setText(tr("No paths yet: press Run to draw %1 random paths of the shown settings").arg(paths_->value()));
    connect(paths_, &QSpinBox::valueChanged, this, [this](int n) {
        blank_->setText(tr("No paths yet: press Run to draw %1 random paths of the shown settings").arg(n));
        fan_->replot(QCustomPlot::rpQueuedReplot);
    });
    stale_ = std::make_unique<StaleMark>(fan_);
    stale_histogram_ = std::make_unique<StaleMark>(histogram_);
}

MonteCarloPanel::~MonteCarloPanel() {
    worker_->supersede(UINT64_MAX);
    thread_.quit();
    thread_.wait();
}

void MonteCarloPanel::setContext(std::shared_ptr<const LiveRun> run, const QString& venue, const QString& book_name) {
    run_ = std::move(run);
    if (run_)
        now_ = StudyBasis::of(*run_, book_name, venue);
    showBasis();
}

StudyBasis MonteCarloPanel::requested() const {
    StudyBasis basis = now_;
    basis.params.vol = vol_->value() / 100.0; // the box shows percent
    return basis;
}

void MonteCarloPanel::showBasis() {
    if (!computed_) {
        basis_->hide();
        stale_->hide();
        stale_histogram_->hide();
        return;
    }
    const QString on = describe_basis(*computed_, {});
    QStringList changes = basis_changes(*computed_, requested(), {});
    if (computed_paths_ != paths_->value())
        changes << tr("Paths");
    basis_->show();
    if (changes.isEmpty()) {
        basis_->setStyleSheet({});
        basis_->setText(tr("Computed on %1").arg(on));
        stale_->hide();
        stale_histogram_->hide();
        return;
    }
    basis_->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #5a3700; padding: 2px; }"));
    basis_->setText(tr("<b>Stale</b>: computed on %1. Changed since: %2. Press Run for the shown run.")
                        .arg(on.toHtmlEscaped(), changes.join(QStringLiteral(", ")).toHtmlEscaped()));
    const QString mark =
        tr("Stale: %1 changed since these paths\nPress Run for the shown run").arg(changes.join(QStringLiteral(", ")));
    stale_->show(mark);
    stale_histogram_->show(tr("Stale"));
}

void MonteCarloPanel::compute() {
    if (!run_ || (!run_->position_book && !run_->lending_books))
        return;
    MonteCarloWorker::Request request;
    request.generation = ++generation_;
    request.book = run_->position_book;
    request.lending_books = run_->lending_books;
    lending_shown_ = bool(run_->lending_books);
    pending_ = requested();
    request.venue = pending_->venue;
    request.params = pending_->params;
    request.paths = std::size_t(paths_->value());
    worker_->supersede(request.generation);
    pending_description_ = tr("%1 paths, random returns σ %2 % per step")
                               .arg(request.paths)
                               .arg(QLocale::c().toString(request.params.vol * 100.0, 'g', 4));
    compute_->setEnabled(false);
    status_->setText(tr("Running…"));
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection,
                              Q_ARG(levex::ui::MonteCarloWorker::Request, request));
}

void MonteCarloPanel::show(const MonteCarloResult& r) {
    fan_->clearGraphs();
    const double dt = r.step_seconds;
    QVector<double> t(qsizetype(r.price_fan.size()));
    std::vector<QVector<double>> band(5, QVector<double>(qsizetype(r.price_fan.size())));
    for (std::size_t i = 0; i < r.price_fan.size(); ++i) {
        t[qsizetype(i)] = dt * double(i);
        for (std::size_t k = 0; k < 5; ++k)
            band[k][qsizetype(i)] = r.price_fan[i][k];
    }
    const QColor base = theme::kShortColor;
    auto line = [&](std::size_t k, const QPen& pen) {
        QCPGraph* g = fan_->addGraph();
        g->setData(t, band[k], true);
        g->setPen(pen);
        return g;
    };
    QCPGraph* p5 = line(0, Qt::NoPen);
    QCPGraph* p95 = line(4, Qt::NoPen);
    p95->setBrush(QColor(base.red(), base.green(), base.blue(), 50));
    p95->setChannelFillGraph(p5);
    p95->setName(tr("5–95 %"));
    QCPGraph* p25 = line(1, Qt::NoPen);
    QCPGraph* p75 = line(3, Qt::NoPen);
    p75->setBrush(QColor(base.red(), base.green(), base.blue(), 110));
    p75->setChannelFillGraph(p25);
    p75->setName(tr("25–75 %"));
    QCPGraph* median = line(2, QPen(theme::kMarkColor, 2));
    median->setName(tr("median"));
    // The title names the bands: a legend inside the plot would cover the fan's end.
    fan_->legend->setVisible(false);
    fan_->rescaleAxes();
    fan_->replot(QCustomPlot::rpQueuedReplot);

    // Histogram of liquidated notional per path (a lending run's: collateral seized, base), 20 bins.
    histogram_->clearPlottables();
    // Bins from zero: a path that liquidates nothing sits at the axis origin, and the bars' heights
    // compare with nothing liquidated rather than with the least of the paths.
    const double lo = 0.0;
    const double hi = std::max(*std::max_element(r.liquidated_notional.begin(), r.liquidated_notional.end()), lo + 1.0);
    constexpr int kBins = 20;
    const double width = (hi - lo) / kBins;
    QVector<double> keys(kBins), counts(kBins, 0.0);
    for (int b = 0; b < kBins; ++b)
        keys[b] = lo + width * (b + 0.5);
    for (double v : r.liquidated_notional)
        counts[std::min(kBins - 1, int((v - lo) / width))] += 1.0;
    auto* bars = new QCPBars(histogram_->xAxis, histogram_->yAxis);
    bars->setData(keys, counts, true);
    bars->setWidth(width * 0.9);
    bars->setBrush(theme::kLongColor);
    bars->setPen(Qt::NoPen);
    histogram_->rescaleAxes();
    histogram_->xAxis->setRangeLower(0);
    histogram_->yAxis->setRangeLower(0);
    blank_->setVisible(false);
    histogram_->replot(QCustomPlot::rpQueuedReplot);
    const QLocale locale;
    std::vector<double> sorted = r.liquidated_notional;
    histogram_->xAxis->setLabel(lending_shown_ ? tr("Collateral seized per path (books' base currency)")
                                               : tr("Liquidated notional per path (USD)"));
    status_->setText((lending_shown_ ? tr("%1 paths · collateral seized (base) median %2, 95th percentile %3")
                                     : tr("%1 paths · liquidated notional median %2 USD, 95th percentile %3 USD"))
                         .arg(r.paths)
                         .arg(format_money(percentile(sorted, 50), locale))
                         .arg(format_money(percentile(sorted, 95), locale)));
}

} // namespace levex::ui
