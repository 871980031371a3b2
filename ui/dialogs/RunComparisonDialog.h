// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Workspace.h"

#include <QDialog>

class QCustomPlot;
class QTableWidget;

namespace levex::ui {

/// Two stored runs side by side: a table of their parameters and summary metrics with the
/// difference B − A (rows that differ in bold), and their price paths overlaid on one chart
/// (mark solid, index dashed; A blue, B orange).
class RunComparisonDialog : public QDialog {
    Q_OBJECT
public:
    RunComparisonDialog(const StoredRun& a, const QString& name_a, const StoredRun& b, const QString& name_b,
                        QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QCustomPlot* plot() const { return plot_; }
    /// The table row whose first cell is `label`, or -1.
    int rowOf(const QString& label) const;

private:
    void fillTexts(const StoredRun& a, const StoredRun& b);
    void fillMetrics(const StoredRun& a, const StoredRun& b);
    void drawPaths(const StoredRun& a, const StoredRun& b);

    QTableWidget* table_;
    QCustomPlot* plot_;
};

} // namespace levex::ui
