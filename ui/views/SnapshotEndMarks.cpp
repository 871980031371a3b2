// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/SnapshotEndMarks.h"

#include "ui/views/ChartTheme.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace levex::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("levex::ui::SnapshotEndMarks", text);
}
} // namespace

SnapshotEndMarks::SnapshotEndMarks(QCustomPlot* plot) {
    for (int side = 0; side < 2; ++side) {
        lines_[side] = new QCPItemStraightLine(plot);
        lines_[side]->setPen(QPen(theme::kSnapshotEndColor, 1.2, Qt::DashLine));
        lines_[side]->setVisible(false);
        auto* label = new QCPItemText(plot);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        // Bids: under the line (the tail lies below it); asks: over it.
        label->setPositionAlignment(Qt::AlignLeft | (side == 0 ? Qt::AlignTop : Qt::AlignBottom));
        label->setColor(theme::kSnapshotEndColor);
        label->setFont(QFont(plot->font().family(), 8));
        label->setBrush(ChartTheme::light().legend_background); // readable over the cells it crosses
        label->setPadding(QMargins(2, 0, 2, 0));
        label->setVisible(false);
        labels_[side] = label;
    }
}

void SnapshotEndMarks::show(const std::optional<SnapshotEnds>& ends) {
    const QLocale locale;
    for (int side = 0; side < 2; ++side) {
        const double price = !ends ? NAN : side == 0 ? ends->bid_price : ends->ask_price;
        const bool shown = std::isfinite(price) && price > 0;
        lines_[side]->setVisible(shown);
        labels_[side]->setVisible(shown);
        if (!shown)
            continue;
        const double y = std::log(price);
        lines_[side]->point1->setCoords(0.0, y);
        lines_[side]->point2->setCoords(1.0, y);
        labels_[side]->position->setCoords(0.01, y);
        labels_[side]->setText((side == 0 ? tr("L2 snapshot ends (bids, %1) · fitted tail below")
                                          : tr("L2 snapshot ends (asks, %1) · fitted tail above"))
                                   .arg(locale.toString(price, 'f', 1)));
    }
}

bool SnapshotEndMarks::visible() const {
    return lines_[0]->visible() || lines_[1]->visible();
}

QString SnapshotEndMarks::label(bool bids) const {
    const QCPItemText* text = labels_[bids ? 0 : 1];
    return text->visible() ? text->text() : QString();
}

double SnapshotEndMarks::logPrice(bool bids) const {
    return lines_[bids ? 0 : 1]->point1->coords().y();
}

} // namespace levex::ui
