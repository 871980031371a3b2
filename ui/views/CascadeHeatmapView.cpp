// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/CascadeHeatmapView.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/PriceAxis.h"
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

// Money on the liquidated-notional axis (12.5M rather than 1.25e+07).
class MoneyTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override { return format_money(tick, locale); }
};

} // namespace

double CascadeHeatmapView::cell_value(double long_notional, double short_notional) {
    if (long_notional <= 0 && short_notional <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return long_notional >= short_notional ? std::log10(1.0 + long_notional / kUnit)
                                           : -std::log10(1.0 + short_notional / kUnit);
}

CascadeHeatmapView::CascadeHeatmapView(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, tr("Cascade: open liquidation levels over time"),
                                                       QFont(font().family(), 11, QFont::Bold)));

    plot_->setAutoAddPlottableToLegend(false);
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->axis()->setLabel(tr("Open liquidation notional per band (USD; L longs, S shorts)"));
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new NotionalTicker));
    map_->setColorScale(scale_);
    map_->setGradient(notional_gradient(ChartTheme::light()));
    map_->setInterpolate(false);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    // Beneath: liquidations executed per step, longs and shorts stacked, on the same time axis.
    executed_rect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(2, 0, executed_rect_);
    plot_->plotLayout()->setRowStretchFactor(2, 0.28);
    auto* left = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, left);
    executed_rect_->setMarginGroup(QCP::msLeft | QCP::msRight, left);
    QCPAxis* time = executed_rect_->axis(QCPAxis::atBottom);
    QCPAxis* amount = executed_rect_->axis(QCPAxis::atLeft);
    amount->setLabel(tr("Liquidated (USD)"));
    amount->setTicker(QSharedPointer<QCPAxisTicker>(new MoneyTicker));
    amount->ticker()->setTickCount(3);
    time->setLabel(tr("Time (s)"));
    executed_long_ = new QCPBars(time, amount);
    executed_short_ = new QCPBars(time, amount);
    executed_long_->setBrush(theme::kLongColor);
    executed_short_->setBrush(theme::kShortColor);
    executed_long_->setPen(Qt::NoPen);
    executed_short_->setPen(Qt::NoPen);
    executed_short_->moveAbove(executed_long_);
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), time,
            qOverload<const QCPRange&>(&QCPAxis::setRange));

    index_ = plot_->addGraph();
    index_->setName(tr("Index"));
    index_->setPen(QPen(ChartTheme::light().index, 1.2, Qt::DashLine));
    mark_ = plot_->addGraph();
    mark_->setName(tr("Mark"));
    mark_->setPen(QPen(theme::kMarkColor, 2.0));
    index_->addToLegend();
    mark_->addToLegend();
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(ChartTheme::light().legend_background);

    plot_->xAxis->setLabel(QString()); // the time axis is labelled beneath the bars
    plot_->yAxis->setLabel(tr("Price (USD, log scale)"));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogPriceTicker));
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (!run_ || drawn_ == 0 || !plot_->axisRect()->rect().contains(event->pos())) {
            QToolTip::hideText();
            return;
        }
        const LiveRun& run = *run_;
        const double dt = run.params.step_seconds;
        const double t = std::round(plot_->xAxis->pixelToCoord(event->position().x()) / dt);
        const double price = std::exp(plot_->yAxis->pixelToCoord(event->position().y()));
        if (t < 0 || t >= double(drawn_) || price < run.edges.front() || price > run.edges.back())
            return QToolTip::hideText();
        const auto step = static_cast<std::size_t>(t);
        const auto bin = std::min<std::size_t>(
            run.bins - 1,
            std::size_t(std::upper_bound(run.edges.begin(), run.edges.end(), price) - run.edges.begin()) - 1);
        const QLocale here;
        QToolTip::showText(
            event->globalPosition().toPoint(),
            tr("t = %1 s · price %2 – %3\nopen longs %4 USD · open shorts %5 USD\nmark %6")
                .arg(here.toString(t * dt, 'f', 0), here.toString(run.edges[bin], 'f', 1),
                     here.toString(run.edges[bin + 1], 'f', 1), format_money(run.row(run.open_long, step)[bin], here),
                     format_money(run.row(run.open_short, step)[bin], here), here.toString(run.mark[step], 'f', 1)),
            plot_);
    });
}

void CascadeHeatmapView::showRun(const std::shared_ptr<const LiveRun>& run, std::size_t ready) {
    if (!run || run->edges.empty())
        return;
    const double dt = run->params.step_seconds;
    QCPColorMapData* cells = map_->data();
    if (run != run_) { // a new run: size, ranges and colour scale fixed for all its frames
        run_ = run;
        drawn_ = 0;
        ready_ = 0;
        finished_steps_ = 0;
        const auto steps = static_cast<int>(run->capacity), bins = static_cast<int>(run->bins);
        cells->setSize(steps, bins);
        const double lo = std::log(run->edges.front()), hi = std::log(run->edges.back());
        const double half = 0.5 * (hi - lo) / bins;
        cells->setRange(QCPRange(0.0, std::max(dt * (steps - 1), dt)), QCPRange(lo + half, hi - half));
        cells->fill(std::numeric_limits<double>::quiet_NaN());
        double peak = 1.0;                              // the open levels are largest at the start: they only clear
        for (std::size_t b = 1; b + 1 < run->bins; ++b) // not the edge bins, which catch all beyond
            peak = std::max(
                {peak, std::abs(cell_value(run->open_long[b], 0)), std::abs(cell_value(0, run->open_short[b]))});
        map_->setDataRange(QCPRange(-peak, peak));
        mark_->data()->clear();
        index_->data()->clear();
        executed_long_->data()->clear();
        executed_short_->data()->clear();
        executed_long_->setWidth(dt * 0.9);
        executed_short_->setWidth(dt * 0.9);

        plot_->xAxis->setRange(0.0, std::max(dt * double(steps), dt));
        plot_->yAxis->setRange(lo, hi);
    }
    ready_ = ready;
    redraw();
}

void CascadeHeatmapView::setFinished(std::size_t steps) {
    finished_steps_ = steps;
    resetView();
}

void CascadeHeatmapView::resetView() {
    if (!run_)
        return;
    const double dt = run_->params.step_seconds;
    const std::size_t steps = finished_steps_ ? finished_steps_ : run_->capacity;
    plot_->xAxis->setRange(-0.5 * dt, dt * (double(std::max<std::size_t>(steps, 10)) - 0.5));
    plot_->yAxis->setRange(std::log(run_->edges.front()), std::log(run_->edges.back()));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CascadeHeatmapView::setCursor(std::size_t step) {
    cursor_ = step;
    redraw();
}

// Brings the drawn columns to [0, min(ready, cursor + 1)): writes new ones, hides ones past the cursor.
void CascadeHeatmapView::redraw() {
    if (!run_)
        return;
    const LiveRun& run = *run_;
    const double dt = run.params.step_seconds;
    const std::size_t limit = std::min(ready_, cursor_ == std::size_t(-1) ? ready_ : cursor_ + 1);
    QCPColorMapData* cells = map_->data();
    if (limit < drawn_) {
        for (std::size_t t = limit; t < drawn_; ++t)
            for (std::size_t b = 0; b < run.bins; ++b)
                cells->setCell(int(t), int(b), std::numeric_limits<double>::quiet_NaN());
        mark_->data()->removeAfter(dt * (double(limit) - 0.5));
        index_->data()->removeAfter(dt * (double(limit) - 0.5));
        executed_long_->data()->removeAfter(dt * (double(limit) - 0.5));
        executed_short_->data()->removeAfter(dt * (double(limit) - 0.5));
    }
    for (std::size_t t = drawn_; t < limit; ++t) {
        const double* longs = run.row(run.open_long, t);
        const double* shorts = run.row(run.open_short, t);
        for (std::size_t b = 0; b < run.bins; ++b)
            cells->setCell(int(t), int(b), cell_value(longs[b], shorts[b]));
        mark_->addData(dt * double(t), std::log(run.mark[t]));
        index_->addData(dt * double(t), std::log(run.index[t]));
        if (run.liquidated_long[t] > 0)
            executed_long_->addData(dt * double(t), run.liquidated_long[t]);
        if (run.liquidated_short[t] > 0)
            executed_short_->addData(dt * double(t), run.liquidated_short[t]);
    }
    drawn_ = limit;
    double top = 1.0;
    for (std::size_t t = 0; t < limit; ++t)
        top = std::max(top, run.liquidated_long[t] + run.liquidated_short[t]);
    executed_rect_->axis(QCPAxis::atLeft)->setRange(0.0, top * 1.1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
