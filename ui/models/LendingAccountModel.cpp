// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LendingAccountModel.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace levex::ui {

namespace {

// The value a column sorts by (NaN and "never" last in ascending order).
double sort_key(const LendingAccountRow& r, int column) {
    switch (column) {
    case LendingAccountModel::Book: return r.book;
    case LendingAccountModel::HealthFactor: return r.health_factor;
    case LendingAccountModel::ProtocolHealthFactor: return r.protocol_health_factor;
    case LendingAccountModel::Collateral: return r.collateral_base;
    case LendingAccountModel::Debt: return r.debt_base;
    case LendingAccountModel::LiquidationPrice: return r.liquidation_price;
    case LendingAccountModel::Liquidated: return r.first_step;
    case LendingAccountModel::BadDebt: return r.bad_debt_base;
    default: return 0.0;
    }
}

QString health(double hf, const QLocale& locale) {
    if (std::isnan(hf))
        return {};
    return std::isinf(hf) ? QStringLiteral("∞") : locale.toString(hf, 'f', 4);
}

} // namespace

LendingAccountModel::LendingAccountModel(QObject* parent) : QAbstractTableModel(parent) {}

void LendingAccountModel::setRun(std::shared_ptr<const LiveRun> run) {
    run_ = run && run->lending() && run->lending_accounts ? std::move(run) : nullptr;
    reorder();
}

void LendingAccountModel::setBaseCurrency(const QString& base) {
    base_ = base;
    emit headerDataChanged(Qt::Horizontal, 0, kColumns - 1);
}

void LendingAccountModel::setFilter(const QString& text, bool liquidated_only) {
    text_ = text.trimmed().toLower();
    liquidated_only_ = liquidated_only;
    reorder();
}

void LendingAccountModel::sort(int column, Qt::SortOrder order) {
    sort_column_ = column;
    sort_order_ = order;
    reorder();
}

void LendingAccountModel::reorder() {
    ordering_.request(
        [run = run_, text = text_.toStdString(), only = liquidated_only_, column = sort_column_, order = sort_order_] {
            BackgroundOrdering::Rows rows;
            if (!run)
                return rows;
            const std::vector<LendingAccountRow>& accounts = *run->lending_accounts;
            for (std::uint32_t i = 0; i < accounts.size(); ++i) {
                const LendingAccountRow& r = accounts[i];
                if (only && r.first_step == LendingAccountRow::kNever)
                    continue;
                if (!text.empty()) {
                    const std::string& name = (*run->lending_books)[r.book].book->account_names[r.account];
                    const bool found =
                        std::search(name.begin(), name.end(), text.begin(), text.end(), [](char a, char b) {
                            return std::tolower(static_cast<unsigned char>(a)) == b;
                        }) != name.end();
                    if (!found)
                        continue;
                }
                rows.push_back(i);
            }
            if (column == Account) {
                auto name = [&](std::uint32_t i) -> const std::string& {
                    return (*run->lending_books)[accounts[i].book].book->account_names[accounts[i].account];
                };
                std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
                    return order == Qt::AscendingOrder ? name(a) < name(b) : name(b) < name(a);
                });
            } else if (column >= 0) {
                std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
                    const double x = sort_key(accounts[a], column), y = sort_key(accounts[b], column);
                    if (std::isnan(x) || std::isnan(y))
                        return !std::isnan(x) && std::isnan(y); // NaN last either way
                    return order == Qt::AscendingOrder ? x < y : y < x;
                });
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

int LendingAccountModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !run_ ? 0 : static_cast<int>(rows_.size());
}

int LendingAccountModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumns;
}

QVariant LendingAccountModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !run_)
        return {};
    const LendingAccountRow& r = account(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Book || index.column() == Account ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    const LendingBookInput& book = (*run_->lending_books)[r.book];
    switch (index.column()) {
    case Book: return QFileInfo(QString::fromStdString(book.label)).fileName();
    case Account: return QString::fromStdString(book.book->account_names[r.account]);
    case HealthFactor: return health(r.health_factor, locale);
    case ProtocolHealthFactor: return health(r.protocol_health_factor, locale);
    case Collateral: return locale.toString(r.collateral_base, 'f', 2);
    case Debt: return locale.toString(r.debt_base, 'f', 2);
    case LiquidationPrice:
        return std::isnan(r.liquidation_price) ? QString() : locale.toString(r.liquidation_price, 'f', 4);
    case Liquidated:
        return r.first_step == LendingAccountRow::kNever ? tr("no")
                                                         : tr("step %1 (%2×)").arg(r.first_step).arg(r.liquidations);
    case BadDebt: return r.bad_debt_base > 0 ? locale.toString(r.bad_debt_base, 'f', 2) : QString();
    default: return {};
    }
}

QVariant LendingAccountModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString symbol = run_ ? QString::fromStdString(run_->symbol) : tr("asset");
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case Book: return tip ? tr("The book (file) the account is in") : tr("Book");
    case Account: return tr("Account");
    case HealthFactor:
        return tip ? tr("LevEx's health factor at the book's prices before the run (docs/lending.md §3); ∞: no debt")
                   : tr("Health factor");
    case ProtocolHealthFactor:
        return tip ? tr("The book's own health_factor column, as the protocol reported it") : tr("Protocol HF");
    case Collateral:
        return tip ? tr("Collateral whose threshold is above 0, in the books' base currency")
                   : tr("Collateral (%1)").arg(base_);
    case Debt: return tip ? tr("Debt in the books' base currency") : tr("Debt (%1)").arg(base_);
    case LiquidationPrice:
        return tip ? tr("The oracle price of %1 at which the health factor reaches 1, every other price held")
                         .arg(symbol)
                   : tr("Liq. price %1 (%2)").arg(symbol, base_);
    case Liquidated:
        return tip ? tr("The step of the account's first liquidation in this run, and how many calls it took")
                   : tr("Liquidated in run");
    case BadDebt:
        return tip ? tr("Debt written off when the account's collateral ran out") : tr("Bad debt (%1)").arg(base_);
    default: return {};
    }
}

} // namespace levex::ui
