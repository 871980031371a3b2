// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/views/SideWords.h"

#include <QLocale>
#include <QPoint>
#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace levex::ui {

class SnapshotEndMarks;

class LevelBars;

/// A locale that writes thousands separators (100,000), as the charts do.
QLocale grouped_locale();

/// Money with a magnitude suffix: 12.5M, 850k, 3.2B.
QString format_money(double value, const QLocale& locale);
/// The same with enough decimals to tell apart values `resolution` apart (axis ticks: 2.495B,
/// 2.500B rather than 2.5B twice).
QString format_money(double value, const QLocale& locale, double resolution);

/// A price as the charts write it: one decimal from 100 up, four below (stETH in ETH near 1).
QString format_price(double price, const QLocale& locale);

/// The half-width of the map's notional axis for bands `values` (both sides' pre-shock levels):
/// the largest band, unless one dominates the rest — then four times the 90th percentile of the
/// non-zero bands, so that the others stay readable; larger bands are cut at the edge and labelled.
double readable_band_limit(std::vector<double> values);

/// Open liquidation notional by price at the playback cursor, on the heatmap's price axis (log
/// scale): longs as bars to the left (they liquidate below the mark), shorts to the right, the
/// mark as a line; the part of each band the cascade has executed so far continues the bar in
/// grey, so the bars start at their pre-shock length. Two lines on the top axis add the open levels
/// up from the mark outwards: how much notional a move to each price would liquidate.
class LiquidationMapView : public QWidget {
    Q_OBJECT
public:
    explicit LiquidationMapView(QWidget* parent = nullptr);
    ~LiquidationMapView() override;

    /// Shows step `step` of `run` (which must be computed).
    void showFrame(const std::shared_ptr<const LiveRun>& run, std::size_t step, const QString& symbol);
    /// Shows the book before the shock: every level still open, the mark at the start price.
    void showBeforeShock(const std::shared_ptr<const LiveRun>& run, const QString& symbol);
    QCustomPlot* plot() const { return plot_; }
    /// The line under the title saying what lies beyond the price range shown.
    QString outsideText() const;
    /// The bands cut at the axis edge, each labelled with its size (item 0 .. n−1 of the labels).
    const std::vector<QCPItemText*>& cutLabels() const { return cut_labels_; }
    double bandLimit() const { return limit_; }
    /// Where an L2 snapshot ends and its fitted tail begins, per side (hidden for other depth models).
    const SnapshotEndMarks& snapshotEnds() const { return *snapshot_ends_; }
    /// The executed part drawn for band `band` (quote): longs when `long_side`, else shorts.
    double executedShown(bool long_side, std::size_t band) const;

    /// The currency the levels and prices are in: USD for position books, a lending book's base
    /// currency (docs/lending.md §8), and whether the sides are a lending run's (collateral at stake
    /// on a fall or a rise) rather than longs and shorts. Relabels the axes and the legend.
    void setMoneyUnit(const QString& unit, bool lending = false);

private:
    /// `text` with its "USD" written in the unit shown.
    QString inUnit(QString text) const {
        text.replace(QStringLiteral("USD"), unit_);
        return lending_ ? in_lending_words(text) : text;
    }
    bool lending_ = false;
    void buildPlot();
    void buildLegend();
    void startRun(const LiveRun& run);
    /// Draws open levels `open_*`, executed levels `gone_*` (per band) and the mark.
    void draw(const double* open_long, const double* open_short, const std::vector<double>& gone_long,
              const std::vector<double>& gone_short, double mark_price, const QString& title);
    void drawCumulative(const double* open_long, const double* open_short, double mark_price);
    void labelCutBands(const QVector<double>& keys, const QVector<double>& longs, const QVector<double>& shorts);
    void showTip(QPoint at, QPoint global);

    QString unit_ = QStringLiteral("USD");
    QCustomPlot* plot_;
    LevelBars* longs_;
    LevelBars* shorts_;
    QCPGraph* cumulative_longs_;
    QCPGraph* cumulative_shorts_;
    QCPItemStraightLine* mark_line_;
    QCPItemText* mark_label_;
    QCPTextElement* outside_; ///< under the title: the open levels beyond the price range
    std::unique_ptr<SnapshotEndMarks> snapshot_ends_;
    std::vector<QCPItemText*> cut_labels_;
    std::shared_ptr<const LiveRun> run_;
    double limit_ = 1.0;
    double cumulative_peak_ = 1.0;
    std::size_t step_ = 0;
    bool before_shock_ = false;
    QPoint tip_at_;
};

} // namespace levex::ui
