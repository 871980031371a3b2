// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/PositionTableModel.h"

#include "ui/views/Theme.h"

#include <QColor>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace levex::ui {

namespace {

// A sortable key of a cell: numbers compare as numbers (NaN last), text as text.
struct Keys {
    const LiveRun& run;
    const PositionBook& book;

    double number(int column, std::size_t i) const {
        switch (column) {
        case PositionTableModel::Side: return book.side[i];
        case PositionTableModel::Mode: return book.mode[i] == MarginMode::Cross;
        case PositionTableModel::Size: return book.size[i];
        case PositionTableModel::Entry: return book.entry_price[i];
        case PositionTableModel::Margin:
            return book.mode[i] == MarginMode::Cross ? book.account_collateral[book.account[i]] : book.margin[i];
        case PositionTableModel::Leverage: return book.leverage[i];
        case PositionTableModel::MarginUsed:
            return run.audit ? run.audit->effective_margin[i] : std::numeric_limits<double>::quiet_NaN();
        case PositionTableModel::LeverageUsed:
            return run.audit ? run.audit->effective_leverage[i] : std::numeric_limits<double>::quiet_NaN();
        case PositionTableModel::Check: return run.audit ? double(run.audit->flags[i]) : 0.0;
        case PositionTableModel::Liquidation: return run.liquidation_by_row[i];
        case PositionTableModel::Status: return double(run.first_step_by_row[i]);
        default: return 0.0;
        }
    }
    std::string_view text(int column, std::size_t i) const {
        switch (column) {
        case PositionTableModel::Account: return book.account_names[book.account[i]];
        case PositionTableModel::Symbol: return book.symbol_names[book.symbol[i]];
        default: return book.id[i];
        }
    }
};

bool is_text(int column) {
    return column == PositionTableModel::Id || column == PositionTableModel::Account ||
           column == PositionTableModel::Symbol;
}

bool contains_folded(std::string_view haystack, const std::string& needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           }) != haystack.end();
}

} // namespace

QString base_asset_of(const std::string& symbol) {
    std::string base = symbol.substr(0, symbol.find_first_of("/:"));
    for (const char* suffix : {"-PERP", "_PERP", "PERP", "USDT", "USDC", "FDUSD", "BUSD", "USD"}) {
        const std::size_t n = std::char_traits<char>::length(suffix);
        if (base.size() > n && base.compare(base.size() - n, n, suffix) == 0)
            base.resize(base.size() - n);
    }
    while (!base.empty() && (base.back() == '-' || base.back() == '_'))
        base.pop_back();
    return QString::fromStdString(base.empty() ? symbol : base);
}

PositionTableModel::PositionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PositionTableModel::setBeforeShock() {
    before_shock_ = true;
    if (!rows_.empty())
        emit dataChanged(index(0, Status), index(rowCount() - 1, Status), {Qt::DisplayRole, Qt::ForegroundRole});
}

void PositionTableModel::setUnits(const QString& size, const QString& money) {
    size_unit_ = size;
    money_unit_ = money;
    emit headerDataChanged(Qt::Horizontal, 0, kColumns - 1);
}

void PositionTableModel::setRun(std::shared_ptr<const LiveRun> run) {
    run_ = std::move(run);
    reorder();
}

void PositionTableModel::setCursor(std::size_t step) {
    cursor_ = step;
    before_shock_ = false;
    if (!rows_.empty())
        emit dataChanged(index(0, Status), index(rowCount() - 1, Status), {Qt::DisplayRole, Qt::ForegroundRole});
}

void PositionTableModel::setFilter(const QString& text) {
    filter_ = text.trimmed().toLower();
    reorder();
}

void PositionTableModel::setFlagFilter(Flagged flagged) {
    flagged_ = flagged;
    reorder();
}

void PositionTableModel::sort(int column, Qt::SortOrder order) {
    sort_column_ = column;
    sort_order_ = order;
    reorder();
}

// Computes the visible rows in order off the GUI thread; the newest request's result is applied.
void PositionTableModel::reorder() {
    auto apply = [this](BackgroundOrdering::Rows rows) {
        beginResetModel();
        rows_ = std::move(rows);
        endResetModel();
        emit orderingFinished();
    };
    if (!run_ || !run_->position_book) {
        ordering_.request([] { return BackgroundOrdering::Rows{}; }, apply);
        return;
    }
    ordering_.request(
        [run = run_, column = sort_column_, order = sort_order_, filter = filter_.toStdString(), flagged = flagged_] {
            const PositionBook& book = *run->position_book;
            const std::uint8_t mask = flagged == Flagged::LiquidatableAtStart ? kLiquidatableAtStart
                                      : flagged == Flagged::AboveMaxLeverage  ? kAboveMaxLeverage
                                                                              : 0;
            BackgroundOrdering::Rows rows;
            rows.reserve(book.positions());
            for (std::uint32_t i = 0; i < book.positions(); ++i)
                if ((mask == 0 || (run->audit && (run->audit->flags[i] & mask))) &&
                    (filter.empty() || contains_folded(book.id[i], filter) ||
                     contains_folded(book.account_names[book.account[i]], filter)))
                    rows.push_back(i);
            if (column < 0)
                return rows;
            const Keys keys{*run, book};
            const bool ascending = order == Qt::AscendingOrder;
            if (is_text(column))
                std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
                    return ascending ? keys.text(column, a) < keys.text(column, b)
                                     : keys.text(column, b) < keys.text(column, a);
                });
            else
                std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
                    const double x = keys.number(column, a), y = keys.number(column, b);
                    if (std::isnan(x) || std::isnan(y))
                        return !std::isnan(x) && std::isnan(y); // NaN (none) last either way
                    return ascending ? x < y : y < x;
                });
            return rows;
        },
        apply);
}

int PositionTableModel::rowOf(std::size_t book_row) const {
    const auto it = std::find(rows_.begin(), rows_.end(), book_row);
    return it == rows_.end() ? -1 : static_cast<int>(it - rows_.begin());
}

int PositionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int PositionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumns;
}

QVariant PositionTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !run_ || !run_->position_book)
        return {};
    const PositionBook& book = *run_->position_book;
    const std::size_t i = rows_[std::size_t(index.row())];
    const std::uint32_t first = run_->first_step_by_row[i];
    const bool liquidated = !before_shock_ && first != LiveRun::kNever && first <= cursor_;
    if (role == Qt::ForegroundRole && index.column() == Status && liquidated)
        return book.side[i] > 0 ? theme::kLongColor : theme::kShortColor;
    if (role == Qt::ForegroundRole && index.column() == Check)
        return QColor(176, 0, 32); // a warning, in the colour of the controls' problems
    if (role == Qt::TextAlignmentRole)
        return is_text(index.column()) || index.column() == Side || index.column() == Mode ||
                       index.column() == Status || index.column() == Check
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    auto number = [&](double x, int decimals) {
        return std::isnan(x) ? QStringLiteral("—") : locale.toString(x, 'f', decimals);
    };
    switch (index.column()) {
    case Id: return QUtf8StringView(book.id[i]).toString();
    case Account: return QUtf8StringView(book.account_names[book.account[i]]).toString();
    case Symbol: return QString::fromStdString(book.symbol_names[book.symbol[i]]);
    case Side: return book.side[i] > 0 ? tr("long") : tr("short");
    case Mode: return book.mode[i] == MarginMode::Cross ? tr("cross") : tr("isolated");
    case Size: return locale.toString(book.size[i], 'g', 10);
    case Entry: return number(book.entry_price[i], 2);
    case Margin:
        return number(book.mode[i] == MarginMode::Cross ? book.account_collateral[book.account[i]] : book.margin[i], 2);
    case Leverage: return number(book.leverage[i], 2);
    case MarginUsed: return run_->audit ? number(run_->audit->effective_margin[i], 2) : QString();
    case LeverageUsed: return run_->audit ? number(run_->audit->effective_leverage[i], 2) : QString();
    case Check: {
        if (!run_->audit)
            return {};
        QStringList flags;
        if (run_->audit->flags[i] & kLiquidatableAtStart)
            flags << tr("liquidatable at start");
        if (run_->audit->flags[i] & kAboveMaxLeverage)
            flags << tr("above max leverage");
        return flags.join(QStringLiteral(", "));
    }
    case Liquidation: return number(run_->liquidation_by_row[i], 2);
    case Status:
        return liquidated
                   ? tr("liquidated at %1 s").arg(locale.toString(double(first) * run_->params.step_seconds, 'f', 0))
                   : tr("open");
    default: return {};
    }
}

QVariant PositionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        switch (section) {
        case Mode: return tr("Margin mode: isolated (the position's own margin) or cross (the account's wallet)");
        case Size: return tr("Position size in the asset (contracts for an inverse venue)");
        case Margin:
            return tr("Isolated margin, or the account's wallet balance for a cross position, as the file gives it");
        case MarginUsed:
            return tr("The margin the run used: the file's divided by the leverage multiplier, held at the tier's "
                      "max leverage (docs/model.md §7); the account's wallet for a cross position");
        case Leverage: return tr("Leverage as the file gives it (or derived from the margin)");
        case LeverageUsed:
            return tr("The leverage the run used, after the leverage multiplier (a cross position: its account's "
                      "entry notional over the wallet used)");
        case Check:
            return tr("Liquidatable at start: the liquidation price is already crossed at the start mark, so the "
                      "position goes at the first step with or without a shock. Above max leverage: beyond the "
                      "venue's limit for the position's tier");
        case Liquidation: return tr("The liquidation price the run computed for the position (docs/model.md §1)");
        case Status: return tr("Whether the cascade has liquidated the position by the playback cursor");
        default: return {};
        }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Id");
    case Account: return tr("Account");
    case Symbol: return tr("Symbol");
    case Side: return tr("Side");
    case Mode: return tr("Mode");
    case Size: return size_unit_.isEmpty() ? tr("Size") : tr("Size (%1)").arg(size_unit_);
    case Entry: return tr("Entry (USD)");
    case Margin: return money_unit_.isEmpty() ? tr("Margin (file)") : tr("Margin (file, %1)").arg(money_unit_);
    case MarginUsed: return money_unit_.isEmpty() ? tr("Margin used") : tr("Margin used (%1)").arg(money_unit_);
    case Leverage: return tr("Leverage (file) ×");
    case LeverageUsed: return tr("Leverage used ×");
    case Check: return tr("Check");
    case Liquidation: return tr("Liquidation (USD)");
    case Status: return tr("At the cursor");
    default: return {};
    }
}

} // namespace levex::ui
