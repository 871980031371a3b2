// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BackgroundOrdering.h"
#include "ui/models/LiveRun.h"

#include <QAbstractTableModel>

#include <memory>

namespace levex::ui {

/// A lending run's liquidation log (docs/lending.md §8), one row per liquidation call in the order
/// they happened, filterable by account (off the GUI thread).
class LendingLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Step,
        Time,
        Book,
        Account,
        Repaid,
        Seized,
        ProtocolFee,
        Sold,
        HealthBefore,
        HealthAfter,
        SalePrice,
        BadDebt,
        kColumns
    };

    explicit LendingLogModel(QObject* parent = nullptr);

    /// A lending run (once finished); any other run empties the table.
    void setRun(std::shared_ptr<const LiveRun> run);
    const LiveRun* run() const { return run_.get(); }
    void setBaseCurrency(const QString& base);
    /// Only the calls on accounts whose name contains `text`.
    void setFilter(const QString& text);
    const LendingEvent& event(int row) const { return run_->lending_log[rows_[std::size_t(row)]]; }

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
    QString text_;
    QString base_ = QStringLiteral("ETH");
    BackgroundOrdering ordering_;
};

} // namespace levex::ui
