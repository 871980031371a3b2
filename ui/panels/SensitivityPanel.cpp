// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/SensitivityPanel.h"

#include "ui/views/Theme.h"
#include "ui/workers/BackgroundThread.h"

#include "core/engine/LendingSummaryMetric.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace levex::ui {

namespace {
QString axis_title(SweepAxis axis);
double axis_factor(SweepAxis axis);
} // namespace

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
        explainCritical();
        emit finished();
    });
    connect(worker_, &SweepWorker::sweepFailed, this, [this](quint64 generation, const QString& message) {
        if (generation == generation_) {
            status_->setText(tr("Sweep failed: %1").arg(message));
            compute_->setEnabled(true);
        }
    });

    compute_ = new QPushButton(tr("Compute"));
    compute_->setToolTip(tr("Sweep the chosen parameters for the shown book and settings"));
    status_ = new QLabel(tr("A grid of the chosen metric over two parameters; click a cell of a shock × leverage "
                            "map to load it."));
    status_->setWordWrap(true);
    connect(compute_, &QPushButton::clicked, this, &SensitivityPanel::compute);
    QLayout* editors = buildEditors();
    basis_ = new QLabel;
    basis_->setObjectName("sensitivityBasis");
    basis_->setWordWrap(true);
    basis_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    basis_->hide();

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
    // The heading row holds the title and, beside it, the legend: every corner of the map is data.
    auto* heading = new QCPLayoutGrid;
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, heading);
    title_ = new QCPTextElement(plot_, tr("Sensitivity: shock × leverage"), QFont(font().family(), 11, QFont::Bold));
    heading->addElement(0, 0, title_);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    heading->addElement(0, 1, plot_->legend);
    heading->setColumnStretchFactors({1.0, 0.001});
    plot_->legend->setBorderPen(Qt::NoPen);
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (!run_ || rows_filled_ == 0 || spec_.x.axis != SweepAxis::Shock || spec_.y.axis != SweepAxis::LeverageMult)
            return;
        const double shock = plot_->xAxis->pixelToCoord(event->position().x()) / 100.0;
        const double leverage = plot_->yAxis->pixelToCoord(event->position().y());
        emit cellChosen(std::clamp(shock, std::min(spec_.x.from, spec_.x.to), std::max(spec_.x.from, spec_.x.to)),
                        std::clamp(leverage, std::min(spec_.y.from, spec_.y.to), std::max(spec_.y.from, spec_.y.to)));
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(editors);
    layout->addWidget(basis_);
    layout->addWidget(plot_, 1);
    stale_ = std::make_unique<StaleMark>(plot_);
    critical_text_ = new QCPItemText(plot_);
    critical_text_->position->setType(QCPItemPosition::ptAxisRectRatio);
    critical_text_->position->setCoords(0.5, 0.02);
    critical_text_->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    critical_text_->setBrush(QColor(255, 255, 255, 220));
    critical_text_->setPadding(QMargins(6, 3, 6, 3));
    critical_text_->setClipToAxisRect(false);
    // Until the first sweep, the empty chart says what to press.
    critical_note_ = tr("No sweep yet: choose the axes and the metric above, then press Compute");
    critical_text_->setText(critical_note_);
    critical_text_->position->setCoords(0.5, 0.5);
    critical_text_->setPositionAlignment(Qt::AlignCenter);
}

namespace {
// The metrics a sweep maps (core/engine/SummaryMetric.h), as the panel names them, with units.
QString metric_label(const std::string& key) {
    static const std::map<std::string, const char*> labels = {
        {"liquidated_count_long", QT_TRANSLATE_NOOP("SensitivityPanel", "Positions liquidated, longs")},
        {"liquidated_count_short", QT_TRANSLATE_NOOP("SensitivityPanel", "Positions liquidated, shorts")},
        {"liquidated_count", QT_TRANSLATE_NOOP("SensitivityPanel", "Positions liquidated")},
        {"liquidated_notional_long", QT_TRANSLATE_NOOP("SensitivityPanel", "Liquidated longs (USD)")},
        {"liquidated_notional_short", QT_TRANSLATE_NOOP("SensitivityPanel", "Liquidated shorts (USD)")},
        {"liquidated_share_of_oi", QT_TRANSLATE_NOOP("SensitivityPanel", "Liquidated share of open interest")},
        {"final_price", QT_TRANSLATE_NOOP("SensitivityPanel", "Final price (USD)")},
        {"min_price", QT_TRANSLATE_NOOP("SensitivityPanel", "Lowest price (USD)")},
        {"max_price", QT_TRANSLATE_NOOP("SensitivityPanel", "Highest price (USD)")},
        {"max_drawdown", QT_TRANSLATE_NOOP("SensitivityPanel", "Max drawdown (fraction)")},
        {"amplification", QT_TRANSLATE_NOOP("SensitivityPanel", "Amplification")},
        {"cascade_duration_s", QT_TRANSLATE_NOOP("SensitivityPanel", "Cascade duration (s)")},
        {"peak_liquidation_rate_quote_per_s", QT_TRANSLATE_NOOP("SensitivityPanel", "Peak liquidation rate (USD/s)")},
        {"insurance_fund_min", QT_TRANSLATE_NOOP("SensitivityPanel", "Insurance fund, lowest (USD)")},
        {"fund_loss", QT_TRANSLATE_NOOP("SensitivityPanel", "Insurance fund loss (USD)")},
        {"adl_notional", QT_TRANSLATE_NOOP("SensitivityPanel", "ADL notional (USD)")},
        {"backstop_notional", QT_TRANSLATE_NOOP("SensitivityPanel", "Backstop notional (USD)")},
        {"exhaustion_price", QT_TRANSLATE_NOOP("SensitivityPanel", "Exhaustion price P* (USD, fixed point)")},
        {"steps_run", QT_TRANSLATE_NOOP("SensitivityPanel", "Steps run")},
        {"endogenous_move", QT_TRANSLATE_NOOP("SensitivityPanel", "Endogenous move |ln(P*/S)| (fixed point)")},
        // A lending run's (docs/lending.md §8); amounts in the books' base currency.
        {"accounts", QT_TRANSLATE_NOOP("SensitivityPanel", "Accounts")},
        {"accounts_liquidated", QT_TRANSLATE_NOOP("SensitivityPanel", "Accounts liquidated")},
        {"liquidations", QT_TRANSLATE_NOOP("SensitivityPanel", "Liquidation calls")},
        {"accounts_with_bad_debt", QT_TRANSLATE_NOOP("SensitivityPanel", "Accounts with bad debt")},
        {"collateral_seized", QT_TRANSLATE_NOOP("SensitivityPanel", "Collateral seized (units of the asset)")},
        {"collateral_sold", QT_TRANSLATE_NOOP("SensitivityPanel", "Collateral sold (units of the asset)")},
        {"debt_bought", QT_TRANSLATE_NOOP("SensitivityPanel", "Debt bought (units of the asset)")},
        {"collateral_seized_base", QT_TRANSLATE_NOOP("SensitivityPanel", "Collateral seized (base)")},
        {"debt_repaid_base", QT_TRANSLATE_NOOP("SensitivityPanel", "Debt repaid (base)")},
        {"bonus_base", QT_TRANSLATE_NOOP("SensitivityPanel", "Liquidation bonus (base)")},
        {"protocol_fee_base", QT_TRANSLATE_NOOP("SensitivityPanel", "Protocol fee (base)")},
        {"bad_debt_base", QT_TRANSLATE_NOOP("SensitivityPanel", "Bad debt (base)")}};
    const auto it = labels.find(key);
    return it == labels.end() ? QString::fromStdString(key)
                              : QCoreApplication::translate("SensitivityPanel", it->second);
}

// A range each parameter starts from when chosen for an axis: from, to, count (the shock in %).
struct AxisDefault {
    double from, to;
    int count;
};
AxisDefault axis_default(SweepAxis axis) {
    switch (axis) {
    case SweepAxis::Shock: return {-30, 0, 31};
    case SweepAxis::LeverageMult: return {0.5, 3, 11};
    case SweepAxis::DepthScale: return {0.25, 4, 16};
    case SweepAxis::MmrScale: return {0.5, 2, 16};
    case SweepAxis::HalfLife: return {10, 600, 16};
    }
    return {0, 1, 2};
}

constexpr SweepAxis kAxes[] = {SweepAxis::Shock, SweepAxis::LeverageMult, SweepAxis::DepthScale, SweepAxis::MmrScale,
                               SweepAxis::HalfLife};
} // namespace

AxisEditor SensitivityPanel::axisEditor(SweepAxis initial) {
    AxisEditor e;
    e.parameter = new QComboBox;
    for (SweepAxis axis : kAxes)
        e.parameter->addItem(axis_title(axis), int(axis));
    e.from = new QDoubleSpinBox;
    e.to = new QDoubleSpinBox;
    for (QDoubleSpinBox* box : {e.from, e.to})
        box->setKeyboardTracking(false);
    e.count = new QSpinBox;
    e.count->setRange(1, 4096); // what the command line's NAME:FROM:TO:COUNT accepts
    e.count->setSuffix(tr(" values"));
    // A new parameter: its own span and units; the shock may go up (a short squeeze) as well as down.
    const auto chosen = [this, e] {
        const auto axis = SweepAxis(e.parameter->currentData().toInt());
        const AxisDefault d = axis_default(axis);
        const bool shock = axis == SweepAxis::Shock;
        for (QDoubleSpinBox* box : {e.from, e.to}) {
            const QSignalBlocker block(box);
            box->setDecimals(shock ? 1 : 2);
            box->setRange(shock ? -99.9 : 0.01, shock ? 1000.0 : 1e6);
            box->setSuffix(shock ? QStringLiteral(" %") : QString());
        }
        const QSignalBlocker block_from(e.from), block_to(e.to), block_count(e.count);
        e.from->setValue(d.from);
        e.to->setValue(d.to);
        e.count->setValue(d.count);
    };
    connect(e.parameter, &QComboBox::currentIndexChanged, this, [this, chosen] {
        chosen();
        range_edited_ = true;
    });
    for (QDoubleSpinBox* box : {e.from, e.to})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { range_edited_ = true; });
    {
        const QSignalBlocker block(e.parameter);
        e.parameter->setCurrentIndex(e.parameter->findData(int(initial)));
    }
    chosen();
    return e;
}

QLayout* SensitivityPanel::buildEditors() {
    x_ = axisEditor(SweepAxis::Shock);
    y_ = axisEditor(SweepAxis::LeverageMult);
    x_.parameter->setObjectName("sweepX");
    y_.parameter->setObjectName("sweepY");
    metric_ = new QComboBox;
    metric_->setObjectName("sweepMetric");
    for (const std::string& key : sweep_metric_names())
        metric_->addItem(metric_label(key), QString::fromStdString(key));
    metric_->setCurrentIndex(metric_->findData(QStringLiteral("amplification")));
    metric_->setToolTip(tr("Any summary metric of the run; the fixed-point ones (P*, endogenous move) need no "
                           "time steps and are fast"));
    // A sweep maps one metric: choosing another sweeps again at once rather than leave the old
    // metric's cells under the new name.
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        if (computed_)
            compute();
    });
    threshold_ = new QDoubleSpinBox;
    threshold_->setObjectName("sweepThreshold");
    threshold_->setRange(0.1, 100.0);
    threshold_->setDecimals(1);
    threshold_->setSuffix(QStringLiteral(" %"));
    threshold_->setValue(SweepSpec{}.critical_threshold * 100.0);
    threshold_->setToolTip(tr("Critical shock: the smallest shock whose endogenous move |ln(P*/S)| (the cascade's "
                              "own move beyond the shock) exceeds this"));
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    int row = 0;
    for (const auto& [name, e] : {std::pair{tr("x"), &x_}, std::pair{tr("y"), &y_}}) {
        grid->addWidget(new QLabel(name), row, 0);
        grid->addWidget(e->parameter, row, 1);
        grid->addWidget(new QLabel(tr("from")), row, 2);
        grid->addWidget(e->from, row, 3);
        grid->addWidget(new QLabel(tr("to")), row, 4);
        grid->addWidget(e->to, row, 5);
        grid->addWidget(e->count, row, 6);
        ++row;
    }
    grid->addWidget(new QLabel(tr("Metric")), 0, 7);
    grid->addWidget(metric_, 0, 8);
    grid->addWidget(new QLabel(tr("Critical move")), 1, 7);
    grid->addWidget(threshold_, 1, 8);
    // Compute and the sweep's state beside the editors: one row less above a chart that is low at
    // the default window size.
    grid->addWidget(compute_, 0, 9);
    grid->addWidget(status_, 1, 9, 1, 2);
    grid->setColumnStretch(10, 1);
    return grid;
}

SweepSpec SensitivityPanel::editedSpec() const {
    SweepSpec spec;
    const auto range = [](const AxisEditor& e) {
        AxisRange r;
        r.axis = SweepAxis(e.parameter->currentData().toInt());
        const double f = axis_factor(r.axis);
        r.from = e.from->value() / f;
        r.to = e.to->value() / f;
        r.count = std::size_t(e.count->value());
        return r;
    };
    spec.x = range(x_);
    spec.y = range(y_);
    spec.metric = metric_->currentData().toString().toStdString();
    spec.critical_threshold = threshold_->value() / 100.0;
    return spec;
}

void SensitivityPanel::explainCritical() {
    critical_text_->position->setCoords(0.5, 0.02); // at the top, over the calm cells
    critical_text_->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    if (spec_.x.axis != SweepAxis::Shock)
        critical_note_ = tr("No critical-shock curve: it needs the shock on the x axis.");
    else if (critical_->dataCount() == 0)
        critical_note_ = tr("No critical-shock curve: no shock from %1 % to %2 % moves the price more than %3 % "
                            "beyond itself (the critical move).")
                             .arg(spec_.x.from * 100, 0, 'g', 3)
                             .arg(spec_.x.to * 100, 0, 'g', 3)
                             .arg(spec_.critical_threshold * 100, 0, 'g', 3);
    else
        critical_note_.clear();
    critical_text_->setText(critical_note_);
    critical_text_->setVisible(!critical_note_.isEmpty());
    plot_->legend->setVisible(critical_->dataCount() > 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

SensitivityPanel::~SensitivityPanel() {
    worker_->cancel();
    thread_.quit();
    thread_.wait();
}

void SensitivityPanel::setContext(std::shared_ptr<const LiveRun> run, const QString& venue, const QString& book_name) {
    run_ = std::move(run);
    if (run_) {
        now_ = StudyBasis::of(*run_, book_name, venue);
        useMetricsOf(run_->lending());
    }
    // Until the user picks a range, a shock axis points the way the run's shock does.
    if (run_ && !range_edited_ && SweepAxis(x_.parameter->currentData().toInt()) == SweepAxis::Shock) {
        const bool up = run_->params.shock > 0;
        const QSignalBlocker block_from(x_.from), block_to(x_.to);
        x_.from->setValue(up ? 0.0 : -30.0);
        x_.to->setValue(up ? 30.0 : 0.0);
    }
    showBasis();
}

// A lending sweep's axes leave the books as they are (shock, depth scale, half-life) and its metrics
// are the lending totals and the market's price keys.
void SensitivityPanel::useMetricsOf(bool lending) {
    if (lending == lending_metrics_)
        return;
    lending_metrics_ = lending;
    {
        const QSignalBlocker block(metric_);
        metric_->clear();
        for (const std::string& key : lending ? lending_metric_names() : sweep_metric_names())
            metric_->addItem(metric_label(key), QString::fromStdString(key));
        metric_->setCurrentIndex(
            metric_->findData(lending ? QStringLiteral("accounts_liquidated") : QStringLiteral("amplification")));
    }
    for (AxisEditor* e : {&x_, &y_})
        for (SweepAxis axis : {SweepAxis::LeverageMult, SweepAxis::MmrScale}) {
            auto* items = qobject_cast<QStandardItemModel*>(e->parameter->model());
            if (QStandardItem* item = items ? items->item(e->parameter->findData(int(axis))) : nullptr)
                item->setEnabled(!lending);
        }
    if (lending && SweepAxis(y_.parameter->currentData().toInt()) != SweepAxis::DepthScale &&
        SweepAxis(y_.parameter->currentData().toInt()) != SweepAxis::HalfLife)
        y_.parameter->setCurrentIndex(y_.parameter->findData(int(SweepAxis::DepthScale)));
    if (lending && SweepAxis(x_.parameter->currentData().toInt()) != SweepAxis::Shock)
        x_.parameter->setCurrentIndex(x_.parameter->findData(int(SweepAxis::Shock)));
    if (!lending && !computed_) // back to a position book's default view
        y_.parameter->setCurrentIndex(y_.parameter->findData(int(SweepAxis::LeverageMult)));
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
    if (!run_ || (!run_->position_book && !run_->lending_books))
        return;
    const SweepSpec spec = editedSpec();
    if (spec.x.axis == spec.y.axis) {
        status_->setText(tr("Choose two different parameters for the axes."));
        return;
    }
    spec_ = spec;
    SweepWorker::Request request;
    request.generation = ++generation_;
    request.book = run_->position_book;
    request.lending_books = run_->lending_books;
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
    const double fx = axis_factor(spec_.x.axis), fy = axis_factor(spec_.y.axis);
    QCPColorMapData* cells = map_->data();
    cells->setSize(int(spec_.x.count), int(spec_.y.count));
    cells->setRange(QCPRange(spec_.x.from * fx, spec_.x.to * fx), QCPRange(spec_.y.from * fy, spec_.y.to * fy));
    cells->fill(std::numeric_limits<double>::quiet_NaN());
    critical_->data()->clear();
    critical_note_.clear();
    critical_text_->setVisible(false);
    const auto half = [](const AxisRange& a, double f) {
        return a.count > 1 ? 0.5 * std::abs(a.to - a.from) * f / double(a.count - 1) : 0.5;
    };
    plot_->xAxis->setRange(std::min(spec_.x.from, spec_.x.to) * fx - half(spec_.x, fx),
                           std::max(spec_.x.from, spec_.x.to) * fx + half(spec_.x, fx));
    plot_->yAxis->setRange(std::min(spec_.y.from, spec_.y.to) * fy - half(spec_.y, fy),
                           std::max(spec_.y.from, spec_.y.to) * fy + half(spec_.y, fy));
    plot_->xAxis->setLabel(axis_title(spec_.x.axis));
    plot_->yAxis->setLabel(axis_title(spec_.y.axis));
    map_->colorScale()->axis()->setLabel(metric_->currentText());
    title_->setText(tr("Sensitivity: %1 over %2 × %3")
                        .arg(metric_->currentText(), x_.parameter->currentText(), y_.parameter->currentText()));
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
    const QString metric = metric_label(spec.metric);
    map_->colorScale()->axis()->setLabel(metric);
    title_->setText(
        tr("Sensitivity: %1 over %2 × %3")
            .arg(metric, QString::fromLatin1(axis_name(spec.x.axis)), QString::fromLatin1(axis_name(spec.y.axis))));
    plot_->legend->setVisible(critical_->dataCount() > 0);
    map_->rescaleDataRange(true);
    status_->setText(tr("%1 × %2 grid").arg(nx).arg(ny));
    explainCritical();
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
        critical_->addData(double(row->row), *row->critical_shock * 100,
                           spec_.y.values()[row->row] * axis_factor(spec_.y.axis));
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
