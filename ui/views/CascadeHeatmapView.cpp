// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/CascadeHeatmapView.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/PriceAxis.h"
#include "ui/views/SnapshotEndMarks.h"
#include "ui/views/SwatchLegendItem.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace levex::ui {

namespace {

constexpr double kUnit = 1000.0; // notional unit of the colour transform
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The column of the book before the shock spans two steps' width, centred this many steps before
// t = 0: wide enough to see and to label, clearly apart from the steps.
constexpr double kBeforeShock = 1.5;

// The colour scale shows notional (both signs) in money, with ticks at round amounts (1k, 10k, 1M, …):
// whole steps of the transform would fall on 9k, 99k, 999k.
class NotionalTicker : public QCPAxisTicker {
protected:
    QVector<double> createTickVector(double, const QCPRange& range) override {
        QVector<double> decades;
        for (double money = 10.0 * kUnit; money <= 1e15; money *= 10.0) { // 1k would crowd the 0
            const double t = std::log10(1.0 + money / kUnit);
            if (t <= std::max(std::abs(range.lower), std::abs(range.upper)))
                decades.push_back(t);
        }
        const qsizetype stride = decades.size() > 5 ? 2 : 1; // a readable number of labels per side
        QVector<double> ticks{0.0};
        for (qsizetype i = decades.size() - 1; i >= 0; i -= stride)
            for (double t : {decades[i], -decades[i]})
                if (range.contains(t))
                    ticks.push_back(t);
        std::sort(ticks.begin(), ticks.end());
        return ticks;
    }
    int getSubTickCount(double) override { return 0; }
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        const double money = (std::pow(10.0, std::abs(tick)) - 1.0) * kUnit;
        QString label = format_money(money, locale);
        label.remove(locale.decimalPoint() + QStringLiteral("0")); // 1M, not 1.0M: the ticks are round
        return (tick < 0 ? QStringLiteral("S ") : tick > 0 ? QStringLiteral("L ") : QString()) + label;
    }
};

// Money on the liquidated-notional axis (12.5M rather than 1.25e+07), as precise as the ticks are apart.
class MoneyTicker : public QCPAxisTicker {
protected:
    QVector<double> createTickVector(double tick_step, const QCPRange& range) override {
        step_ = tick_step;
        return QCPAxisTicker::createTickVector(tick_step, range);
    }
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        return format_money(tick, locale, step_);
    }

private:
    double step_ = 0.0;
};

} // namespace

// Seconds, and "before" under the pre-shock column when the frame is narrow enough to label it.
class StepTimeTicker : public QCPAxisTicker {
public:
    void setStepSeconds(double dt) { dt_ = dt; }
    /// Whether a step is wide enough on screen for the label (the view decides before each replot).
    void setRoomForBefore(bool room) { room_ = room; }
    bool roomForBefore() const { return room_; }

protected:
    QVector<double> createTickVector(double tick_step, const QCPRange& range) override {
        QVector<double> ticks;
        if (range.contains(-kBeforeShock * dt_) && room_)
            ticks.push_back(-kBeforeShock * dt_);
        for (double t : QCPAxisTicker::createTickVector(tick_step, range))
            if (t >= 0)
                ticks.push_back(t);
        return ticks;
    }
    QString getTickLabel(double tick, const QLocale& locale, QChar format, int precision) override {
        return tick < 0 ? CascadeHeatmapView::tr("before")
                        : QCPAxisTicker::getTickLabel(tick, locale, format, precision);
    }

private:
    double dt_ = 1.0;
    bool room_ = true;
};

double CascadeHeatmapView::cell_value(double long_notional, double short_notional) {
    if (long_notional <= 0 && short_notional <= 0)
        return kNaN;
    return long_notional >= short_notional ? std::log10(1.0 + long_notional / kUnit)
                                           : -std::log10(1.0 + short_notional / kUnit);
}

CascadeHeatmapView::CascadeHeatmapView(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), time_ticker_(new StepTimeTicker) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot_, tr("Cascade: open levels over time"), QFont(font().family(), 10, QFont::Bold)));
    plot_->setAutoAddPlottableToLegend(false);
    buildCascade();
    buildExecutedPanel();
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* event) { showTip(event->pos(), event->globalPosition().toPoint()); });
    // "before" under the pre-shock column only where it has room beside the 0. The ticks are made
    // before the layout: when the new layout changes the answer, draw once more.
    connect(plot_, &QCustomPlot::afterLayout, this, [this] {
        const double dt = run_ ? run_->params.step_seconds : 1.0;
        const double gap = std::abs(plot_->xAxis->coordToPixel(0) - plot_->xAxis->coordToPixel(-kBeforeShock * dt));
        const bool room = gap >= plot_->fontMetrics().horizontalAdvance(tr("before")) / 2 + 8;
        if (room != time_ticker_->roomForBefore()) {
            time_ticker_->setRoomForBefore(room);
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

CascadeHeatmapView::~CascadeHeatmapView() = default;

// The heatmap proper: open levels, executed bands over them, the pre-shock column, mark and index.
void CascadeHeatmapView::buildCascade() {
    const ChartTheme& light = ChartTheme::light();
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    before_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    executed_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, scale_); // beside the axis rect (row 1 until the legend's row comes)
    scale_->setType(QCPAxis::atRight);
    scale_->axis()->setLabel(tr("Open levels per band (USD)\nL longs · S shorts"));
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new NotionalTicker));
    for (QCPColorMap* m : {map_, before_}) {
        m->setColorScale(scale_);
        m->setGradient(notional_gradient(light));
        m->setInterpolate(false);
    }
    executed_->setGradient(executed_gradient(light));
    executed_->setDataRange(QCPRange(0.0, 1.0));
    executed_->setInterpolate(false);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    index_ = plot_->addGraph();
    index_->setName(tr("Index"));
    index_->setPen(QPen(light.index, 1.2, Qt::DashLine));
    // Where the shock strikes: between the book before it and the first step.
    shock_line_ = new QCPItemStraightLine(plot_);
    shock_line_->setPen(QPen(light.axis, 1.0, Qt::DotLine));
    shock_line_->setVisible(false);
    snapshot_ends_ = std::make_unique<SnapshotEndMarks>(plot_);
    mark_ = plot_->addGraph();
    mark_->setName(tr("Mark"));
    mark_->setPen(QPen(theme::kMarkColor, 2.0));
    index_->addToLegend();
    mark_->addToLegend();
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(light.legend_background);
    plot_->legend->setFont(QFont(font().family(), 8));
    plot_->legend->setIconSize(14, 8);
    plot_->legend->setRowSpacing(-2);
    plot_->legend->addElement(plot_->legend->rowCount(), 0,
                              new SwatchLegendItem(plot_->legend, tr("Executed"), light.executed));
    // In a row of its own under the title: every corner of the heatmap holds data.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setMargins(QMargins(4, 0, 4, 0));
    plot_->legend->setMaximumSize(QWIDGETSIZE_MAX, 22);
    plot_->xAxis->setLabel(QString()); // the time axis is labelled beneath the bars
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(time_ticker_));
    plot_->yAxis->setLabel(tr("Price (USD, log scale)"));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogPriceTicker));
}

// Beneath: liquidations executed per step, longs and shorts stacked, on the same time axis.
void CascadeHeatmapView::buildExecutedPanel() {
    executed_rect_ = new QCPAxisRect(plot_);
    const int row = plot_->plotLayout()->rowCount(); // under the title, the legend and the heatmap
    plot_->plotLayout()->addElement(row, 0, executed_rect_);
    plot_->plotLayout()->setRowStretchFactor(row, 0.28);
    auto* left = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, left);
    executed_rect_->setMarginGroup(QCP::msLeft | QCP::msRight, left);
    QCPAxis* time = executed_rect_->axis(QCPAxis::atBottom);
    QCPAxis* amount = executed_rect_->axis(QCPAxis::atLeft);
    amount->setLabel(tr("Liquidated (USD)"));
    amount->setTicker(QSharedPointer<QCPAxisTicker>(new MoneyTicker));
    amount->ticker()->setTickCount(3);
    time->setLabel(tr("Time (s)"));
    time->setTicker(plot_->xAxis->ticker());
    executed_long_ = new QCPBars(time, amount);
    executed_short_ = new QCPBars(time, amount);
    executed_long_->setBrush(theme::kLongColor);
    executed_short_->setBrush(theme::kShortColor);
    executed_long_->setPen(Qt::NoPen);
    executed_short_->setPen(Qt::NoPen);
    executed_short_->moveAbove(executed_long_);
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), time,
            qOverload<const QCPRange&>(&QCPAxis::setRange));
}

void CascadeHeatmapView::showTip(QPoint at, QPoint global) {
    tip_at_ = at;
    if (!run_ || !plot_->axisRect()->rect().contains(at))
        return QToolTip::hideText();
    const LiveRun& run = *run_;
    const double dt = run.params.step_seconds;
    const double t = std::round(plot_->xAxis->pixelToCoord(at.x()) / dt);
    const double price = std::exp(plot_->yAxis->pixelToCoord(at.y()));
    if (price < run.edges.front() || price > run.edges.back())
        return QToolTip::hideText();
    const auto bin = std::min<std::size_t>(
        run.bins - 1, std::size_t(std::upper_bound(run.edges.begin(), run.edges.end(), price) - run.edges.begin()) - 1);
    const QLocale here;
    const QString band =
        tr("price %1 – %2").arg(format_price(run.edges[bin], here), format_price(run.edges[bin + 1], here));
    if (t < 0 && t >= -2 && finished_steps_ > 0) { // the pre-shock column, [-2.5, -0.5] steps
        const double open_long = run.row(run.open_long, 0)[bin] + run.row(run.executed_long, 0)[bin];
        const double open_short = run.row(run.open_short, 0)[bin] + run.row(run.executed_short, 0)[bin];
        return QToolTip::showText(global,
                                  inUnit(tr("before the shock · %1\nopen longs %2 USD · open shorts %3 USD\nmark %4"))
                                      .arg(band, format_money(open_long, here), format_money(open_short, here),
                                           format_price(run.summary.start_price, here)),
                                  plot_);
    }
    if (t < 0 || t >= double(drawn_))
        return QToolTip::hideText();
    const auto step = static_cast<std::size_t>(t);
    double executed = 0.0; // in this band, up to and including the step
    for (std::size_t s = 0; s <= step; ++s)
        executed += run.row(run.executed_long, s)[bin] + run.row(run.executed_short, s)[bin];
    QToolTip::showText(
        global,
        inUnit(tr("t = %1 s · %2\nopen longs %3 USD · open shorts %4 USD\nexecuted here so far %5 USD · mark %6"))
            .arg(here.toString(t * dt, 'f', 0), band, format_money(run.row(run.open_long, step)[bin], here),
                 format_money(run.row(run.open_short, step)[bin], here), format_money(executed, here),
                 format_price(run.mark[step], here)),
        plot_);
}

void CascadeHeatmapView::setMoneyUnit(const QString& unit, bool lending) {
    if (unit == unit_ && lending == lending_)
        return;
    unit_ = unit;
    lending_ = lending;
    scale_->axis()->setLabel(inUnit(tr("Open levels per band (USD)\nL longs · S shorts")));
    plot_->yAxis->setLabel(inUnit(tr("Price (USD, log scale)")));
    executed_rect_->axis(QCPAxis::atLeft)->setLabel(inUnit(tr("Liquidated (USD)")));
}

void CascadeHeatmapView::showRun(const std::shared_ptr<const LiveRun>& run, std::size_t ready) {
    if (!run || run->edges.empty())
        return;
    if (run != run_) { // a new run: size, ranges and colour scale fixed for all its frames
        run_ = run;
        startRun(*run);
    }
    ready_ = ready;
    redraw();
}

void CascadeHeatmapView::startRun(const LiveRun& run) {
    drawn_ = 0;
    ready_ = 0;
    finished_steps_ = 0;
    window_ = {};
    before_shock_ = false;
    executed_sum_.assign(run.bins, 0.0);
    shock_line_->setVisible(false);
    snapshot_ends_->show(run.snapshot_ends);
    const double dt = run.params.step_seconds;
    time_ticker_->setStepSeconds(dt);
    const auto steps = static_cast<int>(run.capacity), bins = static_cast<int>(run.bins);
    const double lo = std::log(run.edges.front()), hi = std::log(run.edges.back());
    const double half = 0.5 * (hi - lo) / bins;
    const QCPRange prices(lo + half, hi - half), times(0.0, std::max(dt * (steps - 1), dt));
    for (QCPColorMap* m : {map_, executed_}) {
        m->data()->setSize(steps, bins);
        m->data()->setRange(times, prices);
        m->data()->fill(kNaN);
    }
    // Two cells (a single one would have no width), drawn side by side as one column.
    before_->data()->setSize(2, bins);
    before_->data()->setRange(QCPRange(-2 * dt, -dt), prices); // cells over [-2.5, -0.5] dt
    before_->data()->fill(kNaN);
    double peak = 1.0;                             // the open levels are largest at the start: they only clear
    for (std::size_t b = 1; b + 1 < run.bins; ++b) // not the edge bins, which catch all beyond
        peak = std::max({peak, std::abs(cell_value(run.open_long[b] + run.executed_long[b], 0)),
                         std::abs(cell_value(0, run.open_short[b] + run.executed_short[b]))});
    map_->setDataRange(QCPRange(-peak, peak));
    before_->setDataRange(QCPRange(-peak, peak));
    for (QCPGraph* g : {mark_, index_})
        g->data()->clear();
    for (QCPBars* b : {executed_long_, executed_short_}) {
        b->data()->clear();
        b->setWidth(dt * 0.9);
    }
    plot_->xAxis->setRange(0.0, std::max(dt * double(steps), dt));
    plot_->yAxis->setRange(lo, hi);
}

// The book before the shock: what step 0 left open plus what it executed; mark and index at the start.
void CascadeHeatmapView::drawBeforeShock() {
    const LiveRun& run = *run_;
    const double* longs = run.row(run.open_long, 0);
    const double* shorts = run.row(run.open_short, 0);
    const double* gone_long = run.row(run.executed_long, 0);
    const double* gone_short = run.row(run.executed_short, 0);
    for (std::size_t b = 0; b < run.bins; ++b) {
        const double value = cell_value(longs[b] + gone_long[b], shorts[b] + gone_short[b]);
        before_->data()->setCell(0, int(b), value);
        before_->data()->setCell(1, int(b), value);
    }
    const double dt = run.params.step_seconds, start = std::log(run.summary.start_price);
    shock_line_->point1->setCoords(-0.5 * dt, 0.0);
    shock_line_->point2->setCoords(-0.5 * dt, 1.0);
    shock_line_->setVisible(true);
    for (QCPGraph* g : {mark_, index_}) {
        g->data()->removeBefore(-0.5 * dt);
        g->addData(-kBeforeShock * dt, start);
    }
}

void CascadeHeatmapView::setFinished(std::size_t steps) {
    finished_steps_ = steps;
    if (run_ && steps > 0) {
        const std::size_t n = std::min(steps, run_->liquidated_long.size());
        window_ = cascade_window(std::span(run_->liquidated_long.data(), n),
                                 std::span(run_->liquidated_short.data(), n), run_->params);
        drawBeforeShock();
    }
    resetView();
    redraw();
}

void CascadeHeatmapView::setWholeRun(bool whole) {
    whole_run_ = whole;
    resetView();
    redraw();
}

std::size_t CascadeHeatmapView::framedSteps() const {
    if (!run_)
        return 0;
    if (finished_steps_ == 0)
        return run_->capacity;
    return whole_run_ ? finished_steps_ : window_.end;
}

void CascadeHeatmapView::resetView() {
    if (!run_)
        return;
    const double dt = run_->params.step_seconds;
    const std::size_t steps = framedSteps();
    const double first = finished_steps_ > 0 ? -2.5 * dt : -0.5 * dt; // the pre-shock column once drawn
    plot_->xAxis->setRange(first, dt * (double(std::max<std::size_t>(steps, 10)) - 0.5));
    plot_->yAxis->setRange(std::log(run_->edges.front()), std::log(run_->edges.back()));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CascadeHeatmapView::setCursor(std::size_t step) {
    cursor_ = step;
    before_shock_ = false;
    redraw();
}

void CascadeHeatmapView::showBeforeShock() {
    before_shock_ = true;
    redraw();
}

// Clears columns [limit, drawn_) and the executed sums they had added.
void CascadeHeatmapView::hideColumnsFrom(std::size_t limit) {
    const LiveRun& run = *run_;
    const double dt = run.params.step_seconds;
    for (std::size_t t = limit; t < drawn_; ++t)
        for (std::size_t b = 0; b < run.bins; ++b) {
            map_->data()->setCell(int(t), int(b), kNaN);
            executed_->data()->setCell(int(t), int(b), kNaN);
            executed_sum_[b] -= run.row(run.executed_long, t)[b] + run.row(run.executed_short, t)[b];
        }
    for (QCPGraph* g : {mark_, index_})
        g->data()->removeAfter(dt * (double(limit) - 0.5));
    for (QCPBars* b : {executed_long_, executed_short_})
        b->data()->removeAfter(dt * (double(limit) - 0.5));
    drawn_ = limit;
}

// Brings the drawn columns to [0, limit): writes new ones, hides ones past the cursor.
void CascadeHeatmapView::redraw() {
    if (!run_)
        return;
    const LiveRun& run = *run_;
    const double dt = run.params.step_seconds;
    std::size_t limit = std::min(ready_, cursor_ == std::size_t(-1) ? ready_ : cursor_ + 1);
    if (finished_steps_ > 0 && cursor_ != std::size_t(-1) && cursor_ + 1 >= framedSteps())
        limit = ready_; // the rest of the run lies beyond the frame
    if (before_shock_)
        limit = 0;
    if (limit < drawn_)
        hideColumnsFrom(limit);
    for (std::size_t t = drawn_; t < limit; ++t) {
        const double* longs = run.row(run.open_long, t);
        const double* shorts = run.row(run.open_short, t);
        for (std::size_t b = 0; b < run.bins; ++b) {
            map_->data()->setCell(int(t), int(b), cell_value(longs[b], shorts[b]));
            executed_sum_[b] += run.row(run.executed_long, t)[b] + run.row(run.executed_short, t)[b];
            // Grey where the cascade has executed levels and left the band empty.
            const bool emptied = executed_sum_[b] > 0 && longs[b] <= 0 && shorts[b] <= 0;
            executed_->data()->setCell(int(t), int(b), emptied ? 1.0 : kNaN);
        }
        mark_->addData(dt * double(t), std::log(run.mark[t]));
        index_->addData(dt * double(t), std::log(run.index[t]));
        if (run.liquidated_long[t] > 0)
            executed_long_->addData(dt * double(t), run.liquidated_long[t]);
        if (run.liquidated_short[t] > 0)
            executed_short_->addData(dt * double(t), run.liquidated_short[t]);
    }
    drawn_ = limit;
    double top = 1000.0; // nothing liquidated yet: an axis of 0 to 1k USD
    for (std::size_t t = 0; t < limit; ++t)
        top = std::max(top, run.liquidated_long[t] + run.liquidated_short[t]);
    executed_rect_->axis(QCPAxis::atLeft)->setRange(0.0, top * 1.1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    if (QToolTip::isVisible() && underMouse()) // the cursor moved under a resting mouse: say what is there now
        showTip(tip_at_, plot_->mapToGlobal(tip_at_));
}

} // namespace levex::ui
