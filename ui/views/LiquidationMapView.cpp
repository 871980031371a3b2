// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/LiquidationMapView.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/PriceAxis.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace levex::ui {

namespace {
// Longs are drawn as negative values; the axis shows magnitudes in money units (12.5M, not -1.25e+07).
class MagnitudeTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        return format_money(std::abs(tick), locale);
    }
};

// The band holding `price`, the outer bands taking everything beyond the range.
std::size_t band_of(const LiveRun& run, double price) {
    const auto above = std::upper_bound(run.edges.begin(), run.edges.end(), price) - run.edges.begin();
    return std::clamp<std::size_t>(std::size_t(std::max<std::ptrdiff_t>(above, 1)) - 1, 0, run.bins - 1);
}

} // namespace

QString format_money(double value, const QLocale& locale) {
    const double a = std::abs(value);
    if (a >= 1e9)
        return locale.toString(value / 1e9, 'f', a >= 1e10 ? 0 : 1) + QStringLiteral("B");
    if (a >= 1e6)
        return locale.toString(value / 1e6, 'f', a >= 1e7 ? 0 : 1) + QStringLiteral("M");
    if (a >= 1e3)
        return locale.toString(value / 1e3, 'f', a >= 1e4 ? 0 : 1) + QStringLiteral("k");
    return locale.toString(value, 'f', 0);
}

LiquidationMapView::LiquidationMapView(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, QString(), QFont(font().family(), 11, QFont::Bold)));

    // Bars are drawn along the price axis (vertical): key = price, value = notional.
    longs_ = new QCPBars(plot_->yAxis, plot_->xAxis);
    shorts_ = new QCPBars(plot_->yAxis, plot_->xAxis);
    longs_->setName(tr("Longs (liquidate on falls)"));
    shorts_->setName(tr("Shorts (liquidate on rises)"));
    longs_->setPen(Qt::NoPen);
    shorts_->setPen(Qt::NoPen);
    longs_->setBrush(theme::kLongColor);
    // A bin is about a pixel high at the default 512 bins: whole-pixel bars stay visible where
    // antialiased ones would fade to a tint.
    longs_->setAntialiased(false);
    shorts_->setAntialiased(false);
    shorts_->setBrush(theme::kShortColor);
    longs_->setWidthType(QCPBars::wtPlotCoords);
    shorts_->setWidthType(QCPBars::wtPlotCoords);

    // Cumulative notional on the top axis, its own scale: a sum over bands dwarfs any one band.
    cumulative_longs_ = new QCPGraph(plot_->yAxis, plot_->xAxis2);
    cumulative_shorts_ = new QCPGraph(plot_->yAxis, plot_->xAxis2);
    cumulative_longs_->setName(tr("Longs, cumulative"));
    cumulative_shorts_->setName(tr("Shorts, cumulative"));
    cumulative_longs_->setPen(QPen(ChartTheme::light().long_line, 2));
    cumulative_shorts_->setPen(QPen(ChartTheme::light().short_line, 2));
    plot_->xAxis2->setVisible(true);
    plot_->xAxis2->setLabel(tr("Cumulative open notional from the mark (USD)"));
    plot_->xAxis2->setTicker(QSharedPointer<QCPAxisTicker>(new MagnitudeTicker));

    plot_->xAxis->setLabel(tr("Open liquidation notional per band (USD)   ◀ longs | shorts ▶"));
    plot_->yAxis->setLabel(tr("Price (USD, log scale)"));
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new MagnitudeTicker));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogPriceTicker));
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(ChartTheme::light().legend_background);
    // Above the mark on the long side nothing open is left: kept narrow, the legend hides no data.
    plot_->legend->setFont(QFont(font().family(), 8));
    plot_->legend->setIconSize(14, 8);
    plot_->legend->setRowSpacing(-2);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (!run_ || !plot_->axisRect()->rect().contains(event->pos()))
            return QToolTip::hideText();
        const LiveRun& run = *run_;
        const double price = std::exp(plot_->yAxis->pixelToCoord(event->position().y()));
        if (price < run.edges.front() || price > run.edges.back() || step_ >= run.ready.load())
            return QToolTip::hideText();
        const std::size_t bin = band_of(run, price);
        const QLocale here;
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("price %1 – %2\nopen longs %3 USD · open shorts %4 USD")
                               .arg(here.toString(run.edges[bin], 'f', 1), here.toString(run.edges[bin + 1], 'f', 1),
                                    format_money(run.row(run.open_long, step_)[bin], here),
                                    format_money(run.row(run.open_short, step_)[bin], here)),
                           plot_);
    });

    mark_line_ = new QCPItemStraightLine(plot_);
    mark_line_->setPen(QPen(theme::kMarkColor, 1.5, Qt::DashLine));
    mark_label_ = new QCPItemText(plot_);
    mark_label_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    mark_label_->position->setType(QCPItemPosition::ptPlotCoords);
    mark_label_->setColor(theme::kMarkColor);
}

void LiquidationMapView::showFrame(const std::shared_ptr<const LiveRun>& run, std::size_t step, const QString& symbol) {
    if (!run || run->edges.empty() || step >= run->ready.load(std::memory_order_acquire))
        return;
    const std::size_t bins = run->bins;
    if (run != run_) { // the x range stays fixed for a run: bars shrink as levels are executed
        run_ = run;
        peak_ = 1000.0; // the edge bins catch everything beyond the range: they would dwarf the rest
        for (std::size_t b = 1; b + 1 < bins; ++b)
            peak_ = std::max({peak_, run->open_long[b], run->open_short[b]});
        plot_->xAxis->setRange(-peak_ * 1.08, peak_ * 1.08);
        double long_total = 0.0, short_total = 0.0;
        for (std::size_t b = 1; b + 1 < bins; ++b) {
            long_total += run->open_long[b];
            short_total += run->open_short[b];
        }
        cumulative_peak_ = std::max({long_total, short_total, 1000.0});
        plot_->xAxis2->setRange(-cumulative_peak_ * 1.08, cumulative_peak_ * 1.08);
        plot_->yAxis->setRange(std::log(run->edges.front()), std::log(run->edges.back()));
        const double width = std::log(run->edges[1] / run->edges[0]);
        longs_->setWidth(width * 0.9);
        shorts_->setWidth(width * 0.9);
    }
    const double* open_long = run->row(run->open_long, step);
    const double* open_short = run->row(run->open_short, step);
    const QLocale locale;
    step_ = step;
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))
        ->setText(tr("Liquidation map · %1 · t = %2 s\nbeyond the range: longs %3, shorts %4 USD")
                      .arg(symbol)
                      .arg(double(step) * run->params.step_seconds)
                      .arg(format_money(open_long[0], locale), format_money(open_short[bins - 1], locale)));
    const auto count = static_cast<qsizetype>(bins);
    QVector<double> keys(count), longs(count), shorts(count);
    for (std::size_t b = 0; b < bins; ++b) {
        const bool edge = b == 0 || b + 1 == bins; // shown in the title instead
        keys[qsizetype(b)] = 0.5 * (std::log(run->edges[b]) + std::log(run->edges[b + 1]));
        longs[qsizetype(b)] = edge ? 0.0 : -open_long[b];
        shorts[qsizetype(b)] = edge ? 0.0 : open_short[b];
    }
    longs_->setData(keys, longs, true);
    shorts_->setData(keys, shorts, true);

    // From the mark's band outwards: longs downwards, shorts upwards (edge bands excluded as above).
    const double mark_price = run->mark[step];
    const std::size_t mark_bin = band_of(*run, mark_price);
    QVector<double> long_keys, long_sums, short_keys, short_sums;
    double sum = 0.0;
    for (std::size_t b = mark_bin + 1; b-- > 1;) {
        sum += open_long[b];
        long_keys.push_back(std::log(run->edges[b]));
        long_sums.push_back(-sum);
    }
    sum = 0.0;
    for (std::size_t b = std::max<std::size_t>(mark_bin, 1); b + 1 < bins; ++b) {
        sum += open_short[b];
        short_keys.push_back(std::log(run->edges[b + 1]));
        short_sums.push_back(sum);
    }
    cumulative_longs_->setData(long_keys, long_sums, false);
    cumulative_shorts_->setData(short_keys, short_sums, true);
    const double mark = std::log(mark_price);
    mark_line_->point1->setCoords(-1e300, mark);
    mark_line_->point2->setCoords(1e300, mark);
    mark_label_->position->setCoords(peak_ * 1.05, mark);
    mark_label_->setText(tr("mark %1").arg(QLocale().toString(run->mark[step], 'f', 1)));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
