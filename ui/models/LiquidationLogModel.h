// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BackgroundOrdering.h"
#include "ui/models/LiveRun.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>

namespace levex::ui {

/// The run's liquidation log (docs/model.md §6) as a table, in the order events happened, filterable by
/// path (book, ADL, backstop, takeover) and by position id or account (filtered off the GUI thread).
class LiquidationLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Step, Time, Position, Account, Side, Path, Size, Trigger, Fill, Fee, FundPnl, kColumns };

    explicit LiquidationLogModel(QObject* parent = nullptr);

    void setRun(std::shared_ptr<const LiveRun> run);
    /// The run shown (nullptr before the first).
    const LiveRun* run() const { return run_.get(); }
    /// The units of sizes (BTC, contracts) and of money (USD, or the coin of an inverse book) for
    /// the headers.
    void setUnits(const QString& size, const QString& money);
    /// Only events that took `path` (nullopt: all) and whose position id or account contains `text`.
    void setFilter(std::optional<LiquidationPath> path, const QString& text);
    const LiquidationEvent& event(int row) const { return run_->log[rows_[std::size_t(row)]]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void orderingFinished();

private:
    void refilter();

    std::shared_ptr<const LiveRun> run_;
    BackgroundOrdering::Rows rows_;
    std::optional<LiquidationPath> path_;
    QString text_;
    QString size_unit_, money_unit_;
    BackgroundOrdering ordering_;
};

} // namespace levex::ui
