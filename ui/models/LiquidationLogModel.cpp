// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/LiquidationLogModel.h"

#include "ui/views/Theme.h"

#include <QLocale>

#include <algorithm>

namespace levex::ui {

LiquidationLogModel::LiquidationLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void LiquidationLogModel::setRun(std::shared_ptr<const LiveRun> run) {
    run_ = std::move(run);
    refilter();
}

void LiquidationLogModel::setUnits(const QString& size, const QString& money) {
    size_unit_ = size;
    money_unit_ = money;
    emit headerDataChanged(Qt::Horizontal, 0, kColumns - 1);
}

void LiquidationLogModel::setFilter(std::optional<LiquidationPath> path, const QString& text) {
    path_ = path;
    text_ = text.trimmed().toLower();
    refilter();
}

void LiquidationLogModel::refilter() {
    ordering_.request(
        [run = run_, path = path_, text = text_.toStdString()] {
            BackgroundOrdering::Rows rows;
            if (!run || !run->position_book)
                return rows;
            const PositionBook& book = *run->position_book;
            auto contains = [&](std::string_view s) {
                return std::search(s.begin(), s.end(), text.begin(), text.end(), [](char a, char b) {
                           return std::tolower(static_cast<unsigned char>(a)) == b;
                       }) != s.end();
            };
            for (std::uint32_t i = 0; i < run->log.size(); ++i) {
                const LiquidationEvent& e = run->log[i];
                if (path && e.path != *path)
                    continue;
                if (!text.empty() && !contains(book.id[e.position]) &&
                    !contains(book.account_names[book.account[e.position]]))
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

int LiquidationLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int LiquidationLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumns;
}

QVariant LiquidationLogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !run_ || !run_->position_book)
        return {};
    const LiquidationEvent& e = event(index.row());
    const PositionBook& book = *run_->position_book;
    if (role == Qt::ForegroundRole && index.column() == Side)
        return e.side > 0 ? theme::kLongColor : theme::kShortColor;
    if (role == Qt::ToolTipRole && e.path == LiquidationPath::Takeover &&
        (index.column() == Path || index.column() == Fill || index.column() == FundPnl))
        // A takeover at 0 fund P&L above the start price looked wrong: it is the bankruptcy price, and
        // the fund's result comes later (docs/model.md §6).
        return tr("Takeover: the insurance fund took the position over at its bankruptcy price, which lies above "
                  "the start price for a long already past its liquidation price when the run starts. The fund's "
                  "gain or loss appears when it unwinds the position into the book, in the fund balance, not in "
                  "this row.");
    if (role == Qt::TextAlignmentRole)
        return index.column() == Position || index.column() == Account || index.column() == Side ||
                       index.column() == Path
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Step: return e.step;
    case Time: return locale.toString(double(e.step) * run_->params.step_seconds, 'f', 0);
    case Position: return QUtf8StringView(book.id[e.position]).toString();
    case Account: return QUtf8StringView(book.account_names[book.account[e.position]]).toString();
    case Side: return e.side > 0 ? tr("long") : tr("short");
    case Path: return QString::fromLatin1(liquidation_path_name(e.path));
    case Size: return locale.toString(e.size, 'g', 10);
    case Trigger: return locale.toString(e.trigger, 'f', 2);
    case Fill: return locale.toString(e.fill_price, 'f', 2);
    case Fee: return locale.toString(e.fee, 'f', 2);
    case FundPnl: return locale.toString(e.fund_pnl, 'f', 2);
    default: return {};
    }
}

QVariant LiquidationLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Step: return tr("Step");
    case Time: return tr("Time (s)");
    case Position: return tr("Position");
    case Account: return tr("Account");
    case Side: return tr("Side");
    case Path: return tr("Path");
    case Size: return size_unit_.isEmpty() ? tr("Size") : tr("Size (%1)").arg(size_unit_);
    case Trigger: return tr("Trigger (USD)");
    case Fill: return tr("Fill (USD)");
    case Fee: return money_unit_.isEmpty() ? tr("Fee") : tr("Fee (%1)").arg(money_unit_);
    case FundPnl: return money_unit_.isEmpty() ? tr("Fund P&L") : tr("Fund P&L (%1)").arg(money_unit_);
    default: return {};
    }
}

} // namespace levex::ui
