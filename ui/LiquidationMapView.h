// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/LiquidationMap.h"

#include <QLocale>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPItemText;

namespace levex::ui {

/// Money with a magnitude suffix: 12.5M, 850k, 3.2B.
QString format_money(double value, const QLocale& locale);

/// Open liquidation notional by price: price on the vertical axis, longs as bars to the left
/// (they liquidate below the mark), shorts to the right, the mark as a line.
class LiquidationMapView : public QWidget {
    Q_OBJECT
public:
    explicit LiquidationMapView(QWidget* parent = nullptr);

    void show_map(const LiquidationMap& map, const QString& title);
    QCustomPlot* plot() const { return plot_; }

private:
    QCustomPlot* plot_;
    QCPBars* longs_;
    QCPBars* shorts_;
    QCPItemStraightLine* mark_line_;
    QCPItemText* mark_label_;
};

} // namespace levex::ui
