// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BackgroundOrdering.h"
#include "ui/models/LiveRun.h"

#include <QAbstractTableModel>

#include <memory>

namespace levex::ui {

/// The accounts of a lending run (docs/lending.md §4, §8) as a table: each account's health factor
/// (LevEx's and the book's own), collateral and debt, the shocked asset's liquidation price and
/// whether the run liquidated it. Filtered (account text, liquidated only) and sorted off the GUI
/// thread.
class LendingAccountModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Book,
        Account,
        HealthFactor,
        ProtocolHealthFactor,
        Collateral,
        Debt,
        LiquidationPrice,
        Liquidated,
        BadDebt,
        kColumns
    };

    explicit LendingAccountModel(QObject* parent = nullptr);

    /// A lending run (once finished); any other run empties the table.
    void setRun(std::shared_ptr<const LiveRun> run);
    const LiveRun* run() const { return run_.get(); }
    /// The name of the books' base currency, for the headers.
    void setBaseCurrency(const QString& base);
    /// Only accounts whose name contains `text`, and only those the run liquidated when `liquidated_only`.
    void setFilter(const QString& text, bool liquidated_only);
    const LendingAccountRow& account(int row) const { return (*run_->lending_accounts)[rows_[std::size_t(row)]]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void orderingFinished();

private:
    void reorder();

    std::shared_ptr<const LiveRun> run_;
    BackgroundOrdering::Rows rows_;
    QString text_;
    bool liquidated_only_ = false;
    int sort_column_ = -1;
    Qt::SortOrder sort_order_ = Qt::AscendingOrder;
    QString base_ = QStringLiteral("ETH");
    BackgroundOrdering ordering_;
};

} // namespace levex::ui
