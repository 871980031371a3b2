// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <QLocale>
#include <QString>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace levex::ui {

/// The run's answer in one line, every figure from its summary: the start price, the extreme
/// price in the shock's direction, the shock's own move and the cascade's beyond it, what was
/// liquidated, and the exhaustion price (reached, or only a bound). Example:
/// "100,000 → 93,100: −5.0 % shock + −2.0 % cascade; 77M USD liquidated (10,213 positions,
/// 14.7 % of OI); exhausted at 93,088".
QString run_headline(const RunSummary& summary, const RunParameters& params, const QLocale& locale);

/// Why the run's extreme price stays away from the exhaustion price P* (docs/model.md §5): the
/// assumptions of P* that this run does not make. Empty when the run reaches P*.
QString exhaustion_note(const RunSummary& summary, const RunParameters& params, const QLocale& locale);

/// A lending run's answer in one line (docs/lending.md §8): the market price of the shocked asset
/// from start to its extreme, the shock's and the cascade's moves, the accounts liquidated and the
/// bad debt, in the books' base currency `base`. Example: "1.00 → 0.93 STETH: −5.0 % shock + −2.0 %
/// cascade; 312 accounts liquidated, 4,100 ETH bad debt".
QString lending_headline(const LendingSummary& summary, const RunParameters& params, const QString& base,
                         const QLocale& locale);

/// The run's summary metrics as a table of names and values; each row's tooltip says what the
/// metric means and its unit.
class RunSummaryView : public QWidget {
    Q_OBJECT
public:
    explicit RunSummaryView(QWidget* parent = nullptr);

    void showRun(const LiveRun& run);
    /// A lending run's totals (and each book's, when there are several) in the books' base
    /// currency `base`.
    void showLendingRun(const LiveRun& run, const QString& base);
    void clear();
    int rows() const { return rows_; }
    /// The name and value labels of row `row`.
    QLabel* nameAt(int row) const;
    QLabel* valueAt(int row) const;
    /// The value label of the row named `name`, or nullptr.
    QLabel* valueOf(const QString& name) const;

private:
    void addLendingBookRows(const LendingSummary& s, const QString& base, const QLocale& locale);
    void addRow(const QString& name, const QString& value, const QString& meaning);

    QLabel* title_;
    QGridLayout* grid_;
    int rows_ = 0;
};

} // namespace levex::ui
