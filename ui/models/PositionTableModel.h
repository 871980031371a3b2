// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BackgroundOrdering.h"
#include "ui/models/LiveRun.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <vector>

namespace levex::ui {

/// The asset a symbol's sizes are counted in: BTCUSDT, BTC-PERP, BTC/USDT:USDT → BTC (the symbol
/// itself when no quote suffix is recognised).
QString base_asset_of(const std::string& symbol);

/// The book of the shown run as a table: one row per position with its computed liquidation
/// price and whether the cascade has liquidated it by the playback cursor. It reads the run's
/// immutable columns directly (no copy per row), and sorts and filters a row permutation on a
/// background thread, so a million rows stay fluid.
class PositionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Account,
        Symbol,
        Side,
        Mode,
        Size,
        Entry,
        Margin,
        MarginUsed,
        Leverage,
        LeverageUsed,
        Liquidation,
        Check,
        Status,
        kColumns
    };
    /// Which positions the table lists besides the text filter.
    enum class Flagged { All, LiquidatableAtStart, AboveMaxLeverage };

    explicit PositionTableModel(QObject* parent = nullptr);

    /// A finished run: its book, liquidation prices and first liquidation steps.
    void setRun(std::shared_ptr<const LiveRun> run);
    /// The run shown (nullptr before the first).
    const LiveRun* run() const { return run_.get(); }
    /// The playback cursor: positions liquidated at or before it are marked.
    void setCursor(std::size_t step);
    /// Before the shock: no position is marked.
    void setBeforeShock();
    /// The units of sizes (BTC, contracts) and of margins (USD, or the coin of an inverse book) for
    /// the headers.
    void setUnits(const QString& size, const QString& money);
    /// Shows only positions whose id or account contains `text` (case-insensitive).
    void setFilter(const QString& text);
    /// Shows only the positions with that flag (LeverageAudit), or all.
    void setFlagFilter(Flagged flagged);
    /// The book row shown at `row`.
    std::size_t bookRow(int row) const { return rows_[std::size_t(row)]; }
    /// The row showing book row `book_row`, or -1 when it is filtered out.
    int rowOf(std::size_t book_row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    /// A new row order (after a run, a sort or a filter) is in place.
    void orderingFinished();

private:
    void reorder();

    std::shared_ptr<const LiveRun> run_;
    std::vector<std::uint32_t> rows_;
    std::size_t cursor_ = 0;
    bool before_shock_ = false;
    QString size_unit_, money_unit_;
    int sort_column_ = -1;
    Qt::SortOrder sort_order_ = Qt::AscendingOrder;
    QString filter_;
    Flagged flagged_ = Flagged::All;
    BackgroundOrdering ordering_;
};

} // namespace levex::ui
