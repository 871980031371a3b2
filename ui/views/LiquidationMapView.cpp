// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/LiquidationMapView.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/PriceAxis.h"
#include "ui/views/SnapshotEndMarks.h"
#include "ui/views/SwatchLegendItem.h"
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

constexpr double kPad = 1.08; // room beyond the largest bar

} // namespace

// Bars of the open levels per band, continued outwards in the executed colour by what the cascade
// has executed there so far: each bar keeps its pre-shock length, its coloured part shrinks.
class LevelBars : public QCPBars {
public:
    LevelBars(QCPAxis* key, QCPAxis* value) : QCPBars(key, value) {}
    /// Per data point, in the bars' sign (negative for longs).
    void setExecuted(QVector<double> executed) { executed_ = std::move(executed); }
    /// The legend entry whose colour the executed parts take (a chart theme recolours it).
    void setSwatch(const SwatchLegendItem* swatch) { swatch_ = swatch; }
    const QVector<double>& executed() const { return executed_; }

protected:
    void draw(QCPPainter* painter) override {
        QCPBars::draw(painter);
        painter->setPen(Qt::NoPen);
        painter->setBrush(swatch_ ? swatch_->colour() : ChartTheme::light().executed);
        qsizetype i = 0;
        for (auto it = mDataContainer->constBegin(); it != mDataContainer->constEnd() && i < executed_.size();
             ++it, ++i) {
            if (executed_[i] == 0.0)
                continue;
            const QRectF open = getBarRect(it->key, it->value);
            const QRectF total = getBarRect(it->key, it->value + executed_[i]);
            // The part of `total` beyond `open` along the value axis (horizontal here).
            QRectF part = total;
            if (it->value + executed_[i] < 0)
                part.setRight(open.left());
            else
                part.setLeft(open.right());
            painter->drawRect(part);
        }
    }

private:
    QVector<double> executed_;
    const SwatchLegendItem* swatch_ = nullptr;
};

QLocale grouped_locale() {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

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

// Whole numbers from 100 up (as the chart always wrote them), four decimals below.
static QString format_whole_or_price(double price, const QLocale& locale) {
    return locale.toString(price, 'f', std::abs(price) >= 100 ? 0 : 4);
}

QString format_price(double price, const QLocale& locale) {
    return locale.toString(price, 'f', std::abs(price) >= 100 ? 1 : 4);
}

QString format_money(double value, const QLocale& locale, double resolution) {
    const double a = std::abs(value);
    const double unit = a >= 1e9 ? 1e9 : a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1.0;
    if (!(resolution > 0) || resolution >= unit)
        return format_money(value, locale);
    const int decimals = std::clamp(int(std::ceil(-std::log10(resolution / unit) - 1e-9)), 0, 4);
    const QString suffix = unit == 1e9   ? QStringLiteral("B")
                           : unit == 1e6 ? QStringLiteral("M")
                           : unit == 1e3 ? QStringLiteral("k")
                                         : QString();
    const QString plain = format_money(value, locale);
    const QString precise = locale.toString(value / unit, 'f', decimals) + suffix;
    return plain.size() >= precise.size() ? plain : precise; // the one with more decimals
}

double readable_band_limit(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !(v > 0); }), values.end());
    if (values.empty())
        return 1000.0;
    std::sort(values.begin(), values.end());
    const double peak = values.back();
    const double p90 = values[std::min(values.size() - 1, values.size() * 9 / 10)];
    return std::max(std::min(peak, 4.0 * p90), 1000.0);
}

LiquidationMapView::LiquidationMapView(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    buildPlot();
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* event) { showTip(event->pos(), event->globalPosition().toPoint()); });
    mark_line_ = new QCPItemStraightLine(plot_);
    mark_line_->setPen(QPen(theme::kMarkColor, 1.5, Qt::DashLine));
    mark_label_ = new QCPItemText(plot_);
    mark_label_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    mark_label_->position->setType(QCPItemPosition::ptPlotCoords);
    mark_label_->setColor(theme::kMarkColor);
    mark_label_->setBrush(ChartTheme::light().legend_background); // readable over the bars it may cross
    mark_label_->setPadding(QMargins(2, 0, 2, 0));
    snapshot_ends_ = std::make_unique<SnapshotEndMarks>(plot_);
}

LiquidationMapView::~LiquidationMapView() = default;

void LiquidationMapView::buildPlot() {
    const ChartTheme& light = ChartTheme::light();
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, QString(), QFont(font().family(), 10, QFont::Bold)));
    // Beneath the title, smaller: what lies outside the chart's price range.
    plot_->plotLayout()->insertRow(1);
    outside_ = new QCPTextElement(plot_, QString(), QFont(font().family(), 8));
    plot_->plotLayout()->addElement(1, 0, outside_);
    // Bars are drawn along the price axis (vertical): key = price, value = notional.
    longs_ = new LevelBars(plot_->yAxis, plot_->xAxis);
    shorts_ = new LevelBars(plot_->yAxis, plot_->xAxis);
    longs_->setName(tr("Longs: open levels"));
    shorts_->setName(tr("Shorts: open levels"));
    for (QCPBars* bars : {longs_, shorts_}) {
        bars->setPen(Qt::NoPen);
        bars->setWidthType(QCPBars::wtPlotCoords);
        // Bands are often under a pixel tall: crisp edges keep each its own colour, not a blur.
        bars->setAntialiased(false);
        bars->setAntialiasedFill(false);
    }
    longs_->setBrush(theme::kLongColor);
    shorts_->setBrush(theme::kShortColor);

    // Cumulative notional on the top axis, its own scale: a sum over bands dwarfs any one band.
    cumulative_longs_ = new QCPGraph(plot_->yAxis, plot_->xAxis2);
    cumulative_shorts_ = new QCPGraph(plot_->yAxis, plot_->xAxis2);
    cumulative_longs_->setName(tr("Longs, cumulative"));
    cumulative_shorts_->setName(tr("Shorts, cumulative"));
    cumulative_longs_->setPen(QPen(light.long_line, 2));
    cumulative_shorts_->setPen(QPen(light.short_line, 2));
    plot_->xAxis2->setVisible(true);
    plot_->xAxis2->setLabel(tr("Cumulative from the mark (USD)"));
    plot_->xAxis2->setTicker(QSharedPointer<QCPAxisTicker>(new MagnitudeTicker));
    plot_->xAxis->setLabel(tr("Open levels per band (USD)\n◀ longs | shorts ▶"));
    plot_->yAxis->setLabel(tr("Price (USD, log scale)"));
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new MagnitudeTicker));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogPriceTicker));
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    plot_->setLocale(locale);
    buildLegend();
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void LiquidationMapView::buildLegend() {
    const ChartTheme& light = ChartTheme::light();
    // The legend in rows of its own under the titles: as the mark moves, every corner of the
    // chart holds bars at some step.
    QCPLegend* legend = plot_->legend;
    legend->setVisible(true);
    legend->setBrush(light.legend_background);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(QFont(font().family(), 8));
    legend->setIconSize(14, 8);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(6);
    legend->setWrap(2); // longs on the left, shorts on the right
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    auto* swatch = new SwatchLegendItem(legend, tr("Executed so far"), light.executed);
    legend->addElement(swatch);
    longs_->setSwatch(swatch);
    shorts_->setSwatch(swatch);
    plot_->axisRect()->insetLayout()->take(legend);
    plot_->plotLayout()->insertRow(2);
    plot_->plotLayout()->addElement(2, 0, legend);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
}

QString LiquidationMapView::outsideText() const {
    return outside_->text();
}

double LiquidationMapView::executedShown(bool long_side, std::size_t band) const {
    const QVector<double>& executed = (long_side ? longs_ : shorts_)->executed();
    return band < std::size_t(executed.size()) ? std::abs(executed[qsizetype(band)]) : 0.0;
}

void LiquidationMapView::showTip(QPoint at, QPoint global) {
    tip_at_ = at;
    if (!run_ || !plot_->axisRect()->rect().contains(at))
        return QToolTip::hideText();
    const LiveRun& run = *run_;
    const double price = std::exp(plot_->yAxis->pixelToCoord(at.y()));
    if (price < run.edges.front() || price > run.edges.back() || step_ >= run.ready.load())
        return QToolTip::hideText();
    const std::size_t bin = band_of(run, price);
    double gone_long = 0.0, gone_short = 0.0;
    for (std::size_t s = 0; s <= step_; ++s) {
        gone_long += run.row(run.executed_long, s)[bin];
        gone_short += run.row(run.executed_short, s)[bin];
    }
    const double open_long =
        before_shock_ ? gone_long + run.row(run.open_long, 0)[bin] : run.row(run.open_long, step_)[bin];
    const double open_short =
        before_shock_ ? gone_short + run.row(run.open_short, 0)[bin] : run.row(run.open_short, step_)[bin];
    const QLocale here;
    QString text = inUnit(tr("price %1 – %2\nopen longs %3 USD · open shorts %4 USD"))
                       .arg(format_price(run.edges[bin], here), format_price(run.edges[bin + 1], here),
                            format_money(open_long, here), format_money(open_short, here));
    if (!before_shock_ && gone_long + gone_short > 0)
        text += inUnit(tr("\nexecuted so far: longs %1 USD · shorts %2 USD"))
                    .arg(format_money(gone_long, here), format_money(gone_short, here));
    QToolTip::showText(global, text, plot_);
}

// The axes stay fixed for a run: bars shrink as levels are executed, never rescale.
void LiquidationMapView::setMoneyUnit(const QString& unit, bool lending) {
    if (unit == unit_ && lending == lending_)
        return;
    unit_ = unit;
    lending_ = lending;
    plot_->xAxis2->setLabel(inUnit(tr("Cumulative from the mark (USD)")));
    plot_->xAxis->setLabel(inUnit(tr("Open levels per band (USD)\n◀ longs | shorts ▶")));
    plot_->yAxis->setLabel(inUnit(tr("Price (USD, log scale)")));
    longs_->setName(inUnit(tr("Longs: open levels")));
    shorts_->setName(inUnit(tr("Shorts: open levels")));
    cumulative_longs_->setName(inUnit(tr("Longs, cumulative")));
    cumulative_shorts_->setName(inUnit(tr("Shorts, cumulative")));
}

void LiquidationMapView::startRun(const LiveRun& run) {
    const std::size_t bins = run.bins;
    std::vector<double> bands; // the pre-shock levels, both sides (not the edge bins, which catch all beyond)
    double long_total = 0.0, short_total = 0.0;
    for (std::size_t b = 1; b + 1 < bins; ++b) {
        const double l = run.open_long[b] + run.executed_long[b], s = run.open_short[b] + run.executed_short[b];
        bands.push_back(l);
        bands.push_back(s);
        long_total += l;
        short_total += s;
    }
    limit_ = readable_band_limit(std::move(bands));
    plot_->xAxis->setRange(-limit_ * kPad, limit_ * kPad);
    cumulative_peak_ = std::max({long_total, short_total, 1000.0});
    plot_->xAxis2->setRange(-cumulative_peak_ * kPad, cumulative_peak_ * kPad);
    plot_->yAxis->setRange(std::log(run.edges.front()), std::log(run.edges.back()));
    const double width = std::log(run.edges[1] / run.edges[0]);
    for (QCPBars* bars : {longs_, shorts_})
        bars->setWidth(width * 0.9);
    snapshot_ends_->show(run.snapshot_ends);
}

void LiquidationMapView::showFrame(const std::shared_ptr<const LiveRun>& run, std::size_t step, const QString& symbol) {
    if (!run || run->edges.empty() || step >= run->ready.load(std::memory_order_acquire))
        return;
    if (run != run_) {
        run_ = run;
        startRun(*run);
    }
    step_ = step;
    before_shock_ = false;
    std::vector<double> gone_long(run->bins, 0.0), gone_short(run->bins, 0.0);
    for (std::size_t s = 0; s <= step; ++s)
        for (std::size_t b = 0; b < run->bins; ++b) {
            gone_long[b] += run->row(run->executed_long, s)[b];
            gone_short[b] += run->row(run->executed_short, s)[b];
        }
    const QString when = tr("t = %1 s").arg(QLocale().toString(double(step) * run->params.step_seconds, 'f', 0));
    draw(run->row(run->open_long, step), run->row(run->open_short, step), gone_long, gone_short, run->mark[step],
         tr("Liquidation map · %1 · %2").arg(symbol, when));
}

void LiquidationMapView::showBeforeShock(const std::shared_ptr<const LiveRun>& run, const QString& symbol) {
    if (!run || run->edges.empty() || run->ready.load(std::memory_order_acquire) == 0 ||
        !run->finished.load(std::memory_order_acquire))
        return;
    if (run != run_) {
        run_ = run;
        startRun(*run);
    }
    step_ = 0;
    before_shock_ = true;
    std::vector<double> open_long(run->bins), open_short(run->bins);
    for (std::size_t b = 0; b < run->bins; ++b) {
        open_long[b] = run->open_long[b] + run->executed_long[b];
        open_short[b] = run->open_short[b] + run->executed_short[b];
    }
    const std::vector<double> none(run->bins, 0.0);
    draw(open_long.data(), open_short.data(), none, none, run->summary.start_price,
         tr("Liquidation map · %1 · before the shock").arg(symbol));
}

void LiquidationMapView::draw(const double* open_long, const double* open_short, const std::vector<double>& gone_long,
                              const std::vector<double>& gone_short, double mark_price, const QString& title) {
    const LiveRun& run = *run_;
    const std::size_t bins = run.bins;
    const QLocale locale = grouped_locale();
    // The edge bands catch everything beyond the price range: said in the title, not drawn.
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))->setText(title);
    outside_->setText(inUnit(tr("Beyond the chart: longs below %1: %2 USD\nshorts above %3: %4 USD"))
                          .arg(format_whole_or_price(run.edges[1], locale), format_money(open_long[0], locale),
                               format_whole_or_price(run.edges[bins - 1], locale),
                               format_money(open_short[bins - 1], locale)));
    const auto count = static_cast<qsizetype>(bins);
    QVector<double> keys(count), longs(count), shorts(count), gl(count), gs(count);
    for (std::size_t b = 0; b < bins; ++b) {
        const bool edge = b == 0 || b + 1 == bins;
        const auto i = qsizetype(b);
        keys[i] = 0.5 * (std::log(run.edges[b]) + std::log(run.edges[b + 1]));
        longs[i] = edge ? 0.0 : -open_long[b];
        shorts[i] = edge ? 0.0 : open_short[b];
        gl[i] = edge ? 0.0 : -gone_long[b];
        gs[i] = edge ? 0.0 : gone_short[b];
    }
    longs_->setData(keys, longs, true);
    shorts_->setData(keys, shorts, true);
    longs_->setExecuted(gl);
    shorts_->setExecuted(gs);
    QVector<double> total_long(count), total_short(count);
    for (qsizetype i = 0; i < count; ++i) {
        total_long[i] = longs[i] + gl[i];
        total_short[i] = shorts[i] + gs[i];
    }
    labelCutBands(keys, total_long, total_short);
    drawCumulative(open_long, open_short, mark_price);
    const double mark = std::log(mark_price);
    mark_line_->point1->setCoords(-1e300, mark);
    mark_line_->point2->setCoords(1e300, mark);
    mark_label_->position->setCoords(limit_ * 1.05, mark);
    mark_label_->setText(tr("mark %1").arg(format_price(mark_price, locale)));
    plot_->replot(QCustomPlot::rpQueuedReplot);
    if (QToolTip::isVisible() && underMouse()) // the cursor moved under a resting mouse
        showTip(tip_at_, plot_->mapToGlobal(tip_at_));
}

// Bands longer than the axis are cut at its edge; a label there gives their size.
void LiquidationMapView::labelCutBands(const QVector<double>& keys, const QVector<double>& longs,
                                       const QVector<double>& shorts) {
    std::size_t used = 0;
    const QLocale locale;
    auto label = [&](double key, double value) {
        if (used == cut_labels_.size()) {
            auto* text = new QCPItemText(plot_);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->setFont(QFont(font().family(), 8, QFont::Bold));
            text->setColor(ChartTheme::light().text);
            text->setClipToAxisRect(true);
            cut_labels_.push_back(text);
        }
        QCPItemText* text = cut_labels_[used++];
        text->setVisible(true);
        text->setPositionAlignment((value < 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
        text->position->setCoords(value < 0 ? -limit_ * kPad : limit_ * kPad, key);
        text->setText(value < 0 ? QStringLiteral("◀ %1").arg(format_money(-value, locale))
                                : QStringLiteral("%1 ▶").arg(format_money(value, locale)));
    };
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (-longs[i] > limit_ * kPad)
            label(keys[i], longs[i]);
        if (shorts[i] > limit_ * kPad)
            label(keys[i], shorts[i]);
    }
    for (std::size_t i = used; i < cut_labels_.size(); ++i)
        cut_labels_[i]->setVisible(false);
    cut_labels_.resize(std::max(used, cut_labels_.size())); // kept for reuse
}

// From the mark's band outwards: longs downwards, shorts upwards (edge bands excluded as above).
void LiquidationMapView::drawCumulative(const double* open_long, const double* open_short, double mark_price) {
    const LiveRun& run = *run_;
    const std::size_t bins = run.bins, mark_bin = band_of(run, mark_price);
    QVector<double> long_keys, long_sums, short_keys, short_sums;
    double sum = 0.0;
    for (std::size_t b = mark_bin + 1; b-- > 1;) {
        sum += open_long[b];
        long_keys.push_back(std::log(run.edges[b]));
        long_sums.push_back(-sum);
    }
    sum = 0.0;
    for (std::size_t b = std::max<std::size_t>(mark_bin, 1); b + 1 < bins; ++b) {
        sum += open_short[b];
        short_keys.push_back(std::log(run.edges[b + 1]));
        short_sums.push_back(sum);
    }
    cumulative_longs_->setData(long_keys, long_sums, false);
    cumulative_shorts_->setData(short_keys, short_sums, true);
}

} // namespace levex::ui
