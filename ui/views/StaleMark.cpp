// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/StaleMark.h"

#include <qcustomplot.h>

namespace levex::ui {

StaleMark::StaleMark(QCustomPlot* plot) : plot_(plot), item_(new QCPItemText(plot)) {
    item_->setClipToAxisRect(false);
    item_->position->setType(QCPItemPosition::ptAxisRectRatio);
    item_->position->setCoords(0.5, 0.5);
    item_->setPositionAlignment(Qt::AlignCenter);
    item_->setTextAlignment(Qt::AlignCenter);
    item_->setPadding(QMargins(10, 6, 10, 6));
    item_->setBrush(QColor(255, 244, 214, 235)); // amber, over any cell colour
    item_->setPen(QPen(QColor(180, 120, 0), 1.5));
    item_->setColor(QColor(90, 55, 0));
    QFont font = plot->font();
    font.setBold(true);
    item_->setFont(font);
    item_->setLayer(QStringLiteral("overlay"));
    item_->setVisible(false);
}

void StaleMark::show(const QString& text) {
    item_->setText(text);
    item_->setVisible(true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void StaleMark::hide() {
    if (!item_->visible())
        return;
    item_->setVisible(false);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool StaleMark::visible() const {
    return item_->visible();
}

QString StaleMark::text() const {
    return item_->text();
}

} // namespace levex::ui
