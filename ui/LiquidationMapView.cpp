// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/LiquidationMapView.h"

#include "ui/Theme.h"

#include <qcustomplot.h>

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

// Prices with group separators (130,000 rather than 130000).
class PriceTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        return locale.toString(tick, 'f', 0);
    }
};
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
    longs_->setName(tr("Longs (liquidate as price falls)"));
    shorts_->setName(tr("Shorts (liquidate as price rises)"));
    longs_->setPen(Qt::NoPen);
    shorts_->setPen(Qt::NoPen);
    longs_->setBrush(theme::kLongColor);
    shorts_->setBrush(theme::kShortColor);
    longs_->setWidthType(QCPBars::wtPlotCoords);
    shorts_->setWidthType(QCPBars::wtPlotCoords);

    plot_->xAxis->setLabel(tr("Open liquidation notional per band (USD)   ◀ longs | shorts ▶"));
    plot_->yAxis->setLabel(tr("Price (USD)"));
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new MagnitudeTicker));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new PriceTicker));
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 220));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    mark_line_ = new QCPItemStraightLine(plot_);
    mark_line_->setPen(QPen(theme::kMarkColor, 1.5, Qt::DashLine));
    mark_label_ = new QCPItemText(plot_);
    mark_label_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    mark_label_->position->setType(QCPItemPosition::ptAxisRectRatio);
    mark_label_->setColor(theme::kMarkColor);
}

void LiquidationMapView::show_map(const LiquidationMap& map, const QString& title) {
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))->setText(title);
    const std::size_t bins = map.long_notional.size();
    const auto count = static_cast<qsizetype>(bins);
    QVector<double> keys(count), longs(count), shorts(count);
    double widest = 0.0, peak = 0.0;
    for (std::size_t b = 0; b < bins; ++b) {
        keys[qsizetype(b)] = 0.5 * (map.edges[b] + map.edges[b + 1]);
        longs[qsizetype(b)] = -map.long_notional[b];
        shorts[qsizetype(b)] = map.short_notional[b];
        widest = std::max(widest, map.edges[b + 1] - map.edges[b]);
        peak = std::max({peak, map.long_notional[b], map.short_notional[b]});
    }
    longs_->setWidth(widest * 0.9);
    shorts_->setWidth(widest * 0.9);
    longs_->setData(keys, longs, true);
    shorts_->setData(keys, shorts, true);
    plot_->xAxis->setRange(-peak * 1.08, peak * 1.08);
    plot_->yAxis->setRange(map.edges.front(), map.edges.back());
    mark_line_->point1->setCoords(-1e300, map.mark);
    mark_line_->point2->setCoords(1e300, map.mark);
    mark_line_->point1->setAxes(plot_->xAxis, plot_->yAxis);
    mark_line_->point2->setAxes(plot_->xAxis, plot_->yAxis);
    mark_label_->position->setAxes(plot_->xAxis, plot_->yAxis);
    mark_label_->position->setType(QCPItemPosition::ptPlotCoords);
    mark_label_->position->setCoords(peak * 1.05, map.mark);
    mark_label_->setText(tr("mark %1").arg(QLocale().toString(map.mark, 'f', 1)));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
