// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LendingLogModel.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace levex::ui {

LendingLogModel::LendingLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void LendingLogModel::setRun(std::shared_ptr<const LiveRun> run) {
    run_ = run && run->lending() ? std::move(run) : nullptr;
    refilter();
}

void LendingLogModel::setBaseCurrency(const QString& base) {
    base_ = base;
    emit headerDataChanged(Qt::Horizontal, 0, kColumns - 1);
}

void LendingLogModel::setFilter(const QString& text) {
    text_ = text.trimmed().toLower();
    refilter();
}

void LendingLogModel::refilter() {
    ordering_.request(
        [run = run_, text = text_.toStdString()] {
            BackgroundOrdering::Rows rows;
            if (!run)
                return rows;
            for (std::uint32_t i = 0; i < run->lending_log.size(); ++i) {
                const LendingEvent& e = run->lending_log[i];
                const std::string& name = (*run->lending_books)[e.book].book->account_names[e.account];
                if (!text.empty() &&
                    std::search(name.begin(), name.end(), text.begin(), text.end(), [](char a, char b) {
                        return std::tolower(static_cast<unsigned char>(a)) == b;
                    }) == name.end())
                    continue;
                rows.push_back(i);
            }
            return rows;
        },
        [this](BackgroundOrdering::Rows rows) {
            beginResetModel();
            rows_ = std::move(rows);
            endResetModel();
            emit orderingFinished();
        });
}

int LendingLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !run_ ? 0 : static_cast<int>(rows_.size());
}

int LendingLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumns;
}

QVariant LendingLogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !run_)
        return {};
    const LendingEvent& e = event(index.row());
    const LendingBook& book = *(*run_->lending_books)[e.book].book;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Book || index.column() == Account ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    auto units = [&](double x, std::uint32_t asset) {
        return locale.toString(x, 'f', 4) + QStringLiteral(" ") + QString::fromStdString(book.asset_names[asset]);
    };
    auto hf = [&](double h) { return std::isinf(h) ? QStringLiteral("∞") : locale.toString(h, 'f', 4); };
    switch (index.column()) {
    case Step: return e.step;
    case Time: return locale.toString(double(e.step) * run_->params.step_seconds, 'f', 0);
    case Book: return QFileInfo(QString::fromStdString((*run_->lending_books)[e.book].label)).fileName();
    case Account: return QString::fromStdString(book.account_names[e.account]);
    case Repaid: return units(e.debt_repaid, e.debt_asset);
    case Seized: return units(e.collateral_seized, e.collateral_asset);
    case ProtocolFee: return units(e.protocol_fee, e.collateral_asset);
    case Sold: return e.collateral_sold > 0 ? units(e.collateral_sold, e.collateral_asset) : QString();
    case HealthBefore: return hf(e.health_factor_before);
    case HealthAfter: return hf(e.health_factor_after);
    case SalePrice: return std::isnan(e.sale_price) ? QString() : locale.toString(e.sale_price, 'f', 4);
    case BadDebt: return e.bad_debt_base > 0 ? locale.toString(e.bad_debt_base, 'f', 2) : QString();
    default: return {};
    }
}

QVariant LendingLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Step: return tr("Step");
    case Time: return tr("Time (s)");
    case Book: return tr("Book");
    case Account: return tr("Account");
    case Repaid: return tr("Debt repaid");
    case Seized: return tr("Collateral seized");
    case ProtocolFee: return tr("Protocol fee");
    case Sold: return tr("Sold into market");
    case HealthBefore: return tr("HF before");
    case HealthAfter: return tr("HF after");
    case SalePrice: return tr("Sale price (VWAP)");
    case BadDebt: return tr("Bad debt (%1)").arg(base_);
    default: return {};
    }
}

} // namespace levex::ui
