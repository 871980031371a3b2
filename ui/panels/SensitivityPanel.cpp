// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/SensitivityPanel.h"

#include "ui/views/Theme.h"
#include "ui/workers/BackgroundThread.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace levex::ui {

SensitivityPanel::SensitivityPanel(QWidget* parent) : QWidget(parent), worker_(new SweepWorker) {
    qRegisterMetaType<SweepWorker::Request>();
    qRegisterMetaType<std::shared_ptr<const SweepRow>>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName("levex-sweep");
    start_background_thread(thread_);
    connect(worker_, &SweepWorker::rowReady, this, &SensitivityPanel::onRow);
    connect(worker_, &SweepWorker::sweepFinished, this, [this](quint64 generation, double seconds) {
        if (generation != generation_)
            return;
        status_->setText(tr("%1 × %2 grid in %3 s").arg(spec_.x.count).arg(spec_.y.count).arg(seconds, 0, 'f', 1));
        compute_->setEnabled(true);
        emit finished();
    });
    connect(worker_, &SweepWorker::sweepFailed, this, [this](quint64 generation, const QString& message) {
        if (generation == generation_) {
            status_->setText(tr("Sweep failed: %1").arg(message));
            compute_->setEnabled(true);
        }
    });

    metric_ = new QComboBox;
    metric_->addItem(tr("Amplification"), "amplification");
    metric_->addItem(tr("Liquidated share of open interest"), "liquidated_share_of_oi");
    metric_->addItem(tr("Endogenous move |ln(P*/S)| (fixed point)"), "endogenous_move");
    compute_ = new QPushButton(tr("Compute"));
    compute_->setToolTip(tr("Sweep shock × leverage for the shown book and settings"));
    status_ = new QLabel(tr("Shock × leverage grid of the chosen metric; click a cell to load it."));
    connect(compute_, &QPushButton::clicked, this, &SensitivityPanel::compute);
    // A sweep maps one metric: choosing another sweeps again at once rather than leave the old
    // metric's cells under the new name.
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        if (computed_)
            compute();
    });
    basis_ = new QLabel;
    basis_->setObjectName("sensitivityBasis");
    basis_->setWordWrap(true);
    basis_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    basis_->hide();
    auto* bar = new QHBoxLayout;
    bar->addWidget(metric_);
    bar->addWidget(compute_);
    bar->addWidget(status_, 1);

    plot_ = new QCustomPlot;
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    auto* scale = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale);
    map_->setColorScale(scale);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    map_->setGradient(gradient);
    map_->setInterpolate(false);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    critical_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    critical_->setPen(QPen(QColor(30, 200, 120), 2.5));
    critical_->setName(tr("Critical shock"));
    critical_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    plot_->legend->setVisible(true);
    plot_->legend->removeItem(0); // the colour map
    plot_->xAxis->setLabel(tr("Shock (%)"));
    plot_->yAxis->setLabel(tr("Leverage ×")); // short: the panel may be low
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot_, tr("Sensitivity: shock × leverage"), QFont(font().family(), 11, QFont::Bold)));
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (!run_ || rows_filled_ == 0)
            return;
        const double shock = plot_->xAxis->pixelToCoord(event->position().x()) / 100.0;
        const double leverage = plot_->yAxis->pixelToCoord(event->position().y());
        emit cellChosen(std::clamp(shock, std::min(spec_.x.from, spec_.x.to), std::max(spec_.x.from, spec_.x.to)),
                        std::clamp(leverage, spec_.y.from, spec_.y.to));
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(basis_);
    layout->addWidget(plot_, 1);
    stale_ = std::make_unique<StaleMark>(plot_);
}

SensitivityPanel::~SensitivityPanel() {
    worker_->cancel();
    thread_.quit();
    thread_.wait();
}

void SensitivityPanel::setContext(std::shared_ptr<const LiveRun> run, const QString& venue, const QString& book_name) {
    run_ = std::move(run);
    if (run_)
        now_ = StudyBasis::of(*run_, book_name, venue);
    showBasis();
}

std::vector<std::string> SensitivityPanel::sweptKeys() const {
    std::vector<std::string> keys;
    for (SweepAxis axis : {spec_.x.axis, spec_.y.axis})
        keys.emplace_back(axis_parameter_key(axis));
    return keys;
}

void SensitivityPanel::showBasis() {
    if (!computed_) {
        basis_->hide();
        stale_->hide();
        return;
    }
    const QString on = describe_basis(*computed_, sweptKeys());
    const QStringList changes = basis_changes(*computed_, now_, sweptKeys());
    basis_->show();
    if (changes.isEmpty()) {
        basis_->setStyleSheet({});
        basis_->setText(tr("Computed on %1").arg(on));
        stale_->hide();
        return;
    }
    basis_->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #5a3700; padding: 2px; }"));
    basis_->setText(tr("<b>Stale</b>: computed on %1. Changed since: %2. Press Compute for the shown run.")
                        .arg(on.toHtmlEscaped(), changes.join(QStringLiteral(", ")).toHtmlEscaped()));
    stale_->show(tr("Stale: %1 changed since this sweep\nPress Compute for the shown run")
                     .arg(changes.join(QStringLiteral(", "))));
}

void SensitivityPanel::compute() {
    if (!run_ || !run_->position_book)
        return;
    const bool up = run_->params.shock > 0;
    spec_ = SweepSpec{};
    spec_.x = AxisRange{SweepAxis::Shock, up ? 0.0 : -0.3, up ? 0.3 : 0.0, 31};
    spec_.y = AxisRange{SweepAxis::LeverageMult, 0.5, 3.0, 11};
    // The legend goes to the far end from zero shock, where the cells are calm.
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | (up ? Qt::AlignRight : Qt::AlignLeft));
    spec_.metric = metric_->currentData().toString().toStdString();
    SweepWorker::Request request;
    request.generation = ++generation_;
    request.book = run_->position_book;
    request.venue = now_.venue;
    request.base = run_->params;
    request.base.symbol = run_->symbol;
    request.spec = spec_;
    worker_->supersede(request.generation);

    rows_filled_ = 0;
    result_ = SweepResult{};
    result_.xs = spec_.x.values();
    result_.ys = spec_.y.values();
    result_.values.assign(result_.xs.size() * result_.ys.size(), 0.0);
    result_.defined.assign(result_.values.size(), 0);
    result_.critical_shock.assign(result_.ys.size(), std::nullopt);
    QCPColorMapData* cells = map_->data();
    cells->setSize(int(spec_.x.count), int(spec_.y.count));
    cells->setRange(QCPRange(spec_.x.from * 100, spec_.x.to * 100), QCPRange(spec_.y.from, spec_.y.to));
    cells->fill(std::numeric_limits<double>::quiet_NaN());
    critical_->data()->clear();
    plot_->xAxis->setRange(spec_.x.from * 100 - 0.5, spec_.x.to * 100 + 0.5);
    plot_->yAxis->setRange(spec_.y.from - 0.125, spec_.y.to + 0.125);
    map_->colorScale()->axis()->setLabel(metric_->currentText());
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))
        ->setText(tr("Sensitivity: %1 over shock × leverage").arg(metric_->currentText()));
    status_->setText(tr("Sweeping…"));
    computed_ = now_;
    showBasis();
    compute_->setEnabled(false);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(levex::ui::SweepWorker::Request, request));
}

namespace {
// Axis titles with units; the shock is shown in per cent.
QString axis_title(SweepAxis axis) {
    switch (axis) {
    case SweepAxis::Shock: return SensitivityPanel::tr("Shock (%)");
    case SweepAxis::LeverageMult: return SensitivityPanel::tr("Leverage ×");
    case SweepAxis::DepthScale: return SensitivityPanel::tr("Depth ×");
    case SweepAxis::MmrScale: return SensitivityPanel::tr("Maintenance margin ×");
    case SweepAxis::HalfLife: return SensitivityPanel::tr("Half-life (s)");
    }
    return {};
}
double axis_factor(SweepAxis axis) {
    return axis == SweepAxis::Shock ? 100.0 : 1.0;
}
} // namespace

void SensitivityPanel::showSweep(const SweepSpec& spec, const SweepResult& result) {
    spec_ = spec;
    result_ = result;
    computed_.reset(); // the caller's chart says what it was computed on
    showBasis();
    ++generation_; // rows of a sweep still running elsewhere no longer land here
    const double fx = axis_factor(spec.x.axis), fy = axis_factor(spec.y.axis);
    QCPColorMapData* cells = map_->data();
    const auto nx = int(result.xs.size()), ny = int(result.ys.size());
    cells->setSize(nx, ny);
    cells->setRange(QCPRange(spec.x.from * fx, spec.x.to * fx), QCPRange(spec.y.from * fy, spec.y.to * fy));
    critical_->data()->clear();
    for (int iy = 0; iy < ny; ++iy) {
        for (int ix = 0; ix < nx; ++ix) {
            const std::size_t cell = std::size_t(iy) * result.xs.size() + std::size_t(ix);
            cells->setCell(ix, iy,
                           result.defined[cell] ? result.values[cell] : std::numeric_limits<double>::quiet_NaN());
        }
        if (std::size_t(iy) < result.critical_shock.size() && result.critical_shock[std::size_t(iy)])
            critical_->addData(double(iy), *result.critical_shock[std::size_t(iy)] * fx,
                               result.ys[std::size_t(iy)] * fy);
    }
    rows_filled_ = std::size_t(ny);
    const double half_x = nx > 1 ? 0.5 * std::abs(spec.x.to - spec.x.from) * fx / (nx - 1) : 0.5;
    const double half_y = ny > 1 ? 0.5 * std::abs(spec.y.to - spec.y.from) * fy / (ny - 1) : 0.5;
    plot_->xAxis->setRange(std::min(spec.x.from, spec.x.to) * fx - half_x,
                           std::max(spec.x.from, spec.x.to) * fx + half_x);
    plot_->yAxis->setRange(std::min(spec.y.from, spec.y.to) * fy - half_y,
                           std::max(spec.y.from, spec.y.to) * fy + half_y);
    plot_->xAxis->setLabel(axis_title(spec.x.axis));
    plot_->yAxis->setLabel(axis_title(spec.y.axis));
    const QString metric = QString::fromStdString(spec.metric);
    map_->colorScale()->axis()->setLabel(metric);
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))
        ->setText(
            tr("Sensitivity: %1 over %2 × %3")
                .arg(metric, QString::fromLatin1(axis_name(spec.x.axis)), QString::fromLatin1(axis_name(spec.y.axis))));
    const bool up = spec.x.axis == SweepAxis::Shock && std::max(spec.x.from, spec.x.to) > 0;
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | (up ? Qt::AlignRight : Qt::AlignLeft));
    plot_->legend->setVisible(critical_->dataCount() > 0);
    map_->rescaleDataRange(true);
    status_->setText(tr("%1 × %2 grid").arg(nx).arg(ny));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SensitivityPanel::onRow(const std::shared_ptr<const SweepRow>& row) {
    if (row->generation != generation_)
        return;
    QCPColorMapData* cells = map_->data();
    for (std::size_t ix = 0; ix < row->values.size(); ++ix)
        cells->setCell(int(ix), int(row->row),
                       row->defined[ix] ? row->values[ix] : std::numeric_limits<double>::quiet_NaN());
    if (row->critical_shock)
        critical_->addData(double(row->row), *row->critical_shock * 100, spec_.y.values()[row->row]);
    if (row->row < result_.ys.size()) {
        std::copy(row->values.begin(), row->values.end(),
                  result_.values.begin() + std::ptrdiff_t(row->row * result_.xs.size()));
        std::copy(row->defined.begin(), row->defined.end(),
                  result_.defined.begin() + std::ptrdiff_t(row->row * result_.xs.size()));
        result_.critical_shock[row->row] = row->critical_shock;
    }
    ++rows_filled_;
    map_->rescaleDataRange(true);
    status_->setText(tr("Sweeping… %1 of %2 rows").arg(rows_filled_).arg(spec_.y.count));
    emit progress(int(rows_filled_), int(spec_.y.count));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
