// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/SeriesChartView.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace levex::ui {

namespace {
// Money with a magnitude suffix on the value axes (12.5M rather than 1.25e+07), with the decimals
// the tick step needs: open interest moves little against its size, and 2.5B five times says nothing.
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

SeriesChartView::SeriesChartView(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Four panels, two by two: all of them fit the bottom tab of a 1440 × 860 window. Lower than
    // that, they scroll rather than squash.
    auto* scroll = new QScrollArea;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    plot_->setMinimumHeight(240);
    scroll->setWidget(plot_);
    layout->addWidget(scroll);
    plot_->setAutoAddPlottableToLegend(false);
    buildPanels();
    buildPrices();
    buildRates();
    buildOpenInterest();
    fund_ = plot_->addGraph(fund_rect_->axis(QCPAxis::atBottom), fund_rect_->axis(QCPAxis::atLeft));
    fund_->setPen(QPen(QColor(0, 158, 115), 1.6)); // bluish green: neither side's colour
    fund_->setName(tr("Insurance fund"));
    fund_note_ = addNote(fund_rect_);
    fund_note_->setVisible(false);
    empty_note_ = addNote(price_rect_);
    empty_note_->setText(
        tr("No run yet: open a book CSV, positions or lending (File → Open, Ctrl+O), to see its series here."));
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void SeriesChartView::buildPanels() {
    plot_->plotLayout()->clear();
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, tr("Cascade series: prices, liquidations, open interest"),
                                                       QFont(font().family(), 10, QFont::Bold)));
    panels_ = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, panels_);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    auto* left = new QCPMarginGroup(plot_); // each column's left edges line up, each row's bottoms
    auto* right = new QCPMarginGroup(plot_);
    auto* top = new QCPMarginGroup(plot_);
    auto* bottom = new QCPMarginGroup(plot_);
    // Row 0 holds the legends of the top panels.
    price_rect_ = addPanel(1, 0, tr("Price (USD)"), left, top);
    rate_rect_ = addPanel(1, 1, tr("Liquidated (USD/s)"), right, top);
    oi_rect_ = addPanel(2, 0, tr("Open interest (USD)"), left, bottom);
    fund_rect_ = addPanel(2, 1, tr("Fund (USD)"), right, bottom); // short: the panel is low
    panels_->setRowStretchFactor(0, 0.001);
    for (QCPAxisRect* rect : {oi_rect_, fund_rect_}) {
        QCPAxis* time = rect->axis(QCPAxis::atBottom);
        time->setLabel(tr("Time (s)"));
        time->setTickLabels(true);
    }
}

// A one-row legend above a panel of the top row, outside its data.
QCPLegend* SeriesChartView::addLegend(int column) {
    auto* legend = new QCPLegend;
    panels_->addElement(0, column, legend);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(QFont(font().family(), 8));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setMargins(QMargins(2, 0, 2, 0));
    return legend;
}

QCPItemText* SeriesChartView::addNote(QCPAxisRect* rect) {
    auto* note = new QCPItemText(plot_);
    note->setClipToAxisRect(false);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setAxisRect(rect);
    note->position->setCoords(0.5, 0.5);
    note->setColor(ChartTheme::light().text);
    return note;
}

void SeriesChartView::buildPrices() {
    QCPAxis* price_x = price_rect_->axis(QCPAxis::atBottom);
    QCPAxis* price_y = price_rect_->axis(QCPAxis::atLeft);
    price_y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker)); // whole prices: 94,500
    price_y->setNumberFormat(QStringLiteral("f"));
    price_y->setNumberPrecision(0);
    index_ = plot_->addGraph(price_x, price_y);
    index_->setName(tr("Index"));
    index_->setPen(QPen(ChartTheme::light().index, 1.2, Qt::DashLine));
    book_ = plot_->addGraph(price_x, price_y);
    book_->setName(tr("Book price"));
    book_->setPen(QPen(theme::kShortColor, 1.4));
    mark_ = plot_->addGraph(price_x, price_y);
    mark_->setName(tr("Mark"));
    mark_->setPen(QPen(theme::kMarkColor, 2.0));
    QCPLegend* legend = addLegend(0);
    for (QCPGraph* g : {index_, book_, mark_})
        legend->addItem(new QCPPlottableLegendItem(legend, g));
}

void SeriesChartView::buildRates() {
    rate_long_ = new QCPBars(rate_rect_->axis(QCPAxis::atBottom), rate_rect_->axis(QCPAxis::atLeft));
    rate_short_ = new QCPBars(rate_rect_->axis(QCPAxis::atBottom), rate_rect_->axis(QCPAxis::atLeft));
    rate_long_->setName(tr("Longs"));
    rate_short_->setName(tr("Shorts"));
    rate_long_->setBrush(theme::kLongColor);
    rate_short_->setBrush(theme::kShortColor);
    rate_long_->setPen(Qt::NoPen);
    rate_short_->setPen(Qt::NoPen);
    rate_short_->moveAbove(rate_long_);
    QCPLegend* legend = addLegend(1);
    for (QCPBars* b : {rate_long_, rate_short_})
        legend->addItem(new QCPPlottableLegendItem(legend, b));
}

// The open interest, and on the right axis the w of stress withdrawal (docs/liquidity.md §3): the
// share of resting depth left, 1 = none withdrawn; a flat line at 1 when withdrawal is off.
void SeriesChartView::buildOpenInterest() {
    open_interest_ = plot_->addGraph(oi_rect_->axis(QCPAxis::atBottom), oi_rect_->axis(QCPAxis::atLeft));
    open_interest_->setPen(QPen(theme::kMarkColor, 1.6));
    open_interest_->setName(tr("Open interest"));
    QCPAxis* w_axis = oi_rect_->axis(QCPAxis::atRight);
    w_axis->setVisible(true);
    w_axis->setLabel(tr("Depth left (w)"));
    w_axis->setRange(0, 1.05);
    w_axis->ticker()->setTickCount(4);
    withdrawal_ = plot_->addGraph(oi_rect_->axis(QCPAxis::atBottom), w_axis);
    withdrawal_->setPen(QPen(QColor(204, 121, 167), 1.4, Qt::DashLine)); // reddish purple: no side's colour
    withdrawal_->setName(tr("Depth left (w)"));
    auto* legend = new QCPLegend;
    oi_rect_->insetLayout()->addElement(legend, Qt::AlignRight | Qt::AlignTop); // where a cascade leaves room
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QColor(255, 255, 255, 200));
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(QFont(font().family(), 8));
    for (QCPGraph* g : {open_interest_, withdrawal_})
        legend->addItem(new QCPPlottableLegendItem(legend, g));
}

QCPAxisRect* SeriesChartView::addPanel(int row, int column, const QString& label, QCPMarginGroup* columns,
                                       QCPMarginGroup* rows) {
    auto* rect = new QCPAxisRect(plot_);
    panels_->addElement(row, column, rect);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(label);
    y->setTicker(QSharedPointer<QCPAxisTicker>(new MoneyTicker));
    y->ticker()->setTickCount(4);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setTickLabels(false);
    if (price_rect_) // one time range for every panel
        connect(price_rect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x,
                qOverload<const QCPRange&>(&QCPAxis::setRange));
    return rect;
}

void SeriesChartView::showRun(const std::shared_ptr<const LiveRun>& run) {
    if (!run || !run->finished.load(std::memory_order_acquire) || run->cancelled || !run->frames)
        return;
    const RunFrames& f = *run->frames;
    const std::size_t steps = std::min(run->summary.steps_run, f.index.size());
    const double dt = run->params.step_seconds;
    empty_note_->setVisible(false);
    step_seconds_ = dt;
    steps_ = steps;
    const auto n = static_cast<qsizetype>(steps);
    QVector<double> t(n), index(n), book(n), mark(n), rl(n), rs(n), oi(n), fund(n), w(n);
    for (std::size_t s = 0; s < steps; ++s) {
        const auto i = qsizetype(s);
        t[i] = dt * double(s);
        index[i] = f.index[s];
        book[i] = f.book[s];
        mark[i] = f.mark[s];
        rl[i] = f.liquidated_notional_long[s] / dt;
        rs[i] = f.liquidated_notional_short[s] / dt;
        oi[i] = f.open_interest[s];
        fund[i] = f.fund_balance[s];
        w[i] = s < f.withdrawal.size() ? f.withdrawal[s] : 1.0;
    }
    index_->setData(t, index, true);
    book_->setData(t, book, true);
    mark_->setData(t, mark, true);
    rate_long_->setData(t, rl, true);
    rate_short_->setData(t, rs, true);
    rate_long_->setWidth(dt * 0.9);
    rate_short_->setWidth(dt * 0.9);
    open_interest_->setData(t, oi, true);
    withdrawal_->setData(t, w, true);
    showFund(t, fund);
    setFramedSteps(steps);
    fitRanges(index, book, rl, rs);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChartView::showFund(const QVector<double>& t, const QVector<double>& fund) {
    QCPAxis* axis = fund_rect_->axis(QCPAxis::atLeft);
    if (std::any_of(fund.begin(), fund.end(), [](double x) { return std::isinf(x); })) {
        fund_->data()->clear(); // nothing to draw: say so instead of an empty panel
        fund_note_->setText(tr("unlimited fund (venue or run setting)"));
        fund_note_->setVisible(true);
        axis->setRange(0, 1);
        axis->setTickLabels(false);
        return;
    }
    fund_->setData(t, fund, true);
    fund_note_->setVisible(false);
    axis->setTickLabels(true);
    fund_->rescaleValueAxis();
    const QCPRange range = axis->range();
    const double pad = std::max(range.size(), std::abs(range.upper) * 1e-3 + 1.0) * 0.1;
    axis->setRange(range.lower - pad, range.upper + pad);
}

// Each panel's value range: the data with a margin.
void SeriesChartView::fitRanges(const QVector<double>& index, const QVector<double>& book,
                                const QVector<double>& rate_long, const QVector<double>& rate_short) {
    const auto [lo, hi] =
        std::minmax({*std::min_element(index.begin(), index.end()), *std::min_element(book.begin(), book.end()),
                     *std::max_element(index.begin(), index.end()), *std::max_element(book.begin(), book.end())});
    const double pad = std::max(hi - lo, hi * 1e-4) * 0.08;
    price_rect_->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + pad);
    double top = 1.0;
    for (qsizetype i = 0; i < rate_long.size(); ++i)
        top = std::max(top, rate_long[i] + rate_short[i]);
    rate_rect_->axis(QCPAxis::atLeft)->setRange(0, top * 1.08);
    open_interest_->rescaleValueAxis();
    const QCPRange oi = oi_rect_->axis(QCPAxis::atLeft)->range();
    const double oi_pad = std::max(oi.size(), std::abs(oi.upper) * 1e-3) * 0.1;
    oi_rect_->axis(QCPAxis::atLeft)->setRange(oi.lower - oi_pad, oi.upper + oi_pad);
}

void SeriesChartView::setFramedSteps(std::size_t steps) {
    const double dt = step_seconds_;
    const double end = dt * double(std::max<std::size_t>(std::min(steps, std::max(steps_, std::size_t(2))), 2) - 1);
    price_rect_->axis(QCPAxis::atBottom)->setRange(-0.5 * dt, end + 0.5 * dt);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
