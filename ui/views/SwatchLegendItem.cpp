// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/SwatchLegendItem.h"

namespace levex::ui {

SwatchLegendItem::SwatchLegendItem(QCPLegend* legend, const QString& text, const QColor& colour)
    : QCPAbstractLegendItem(legend), text_(text), colour_(colour) {
    mFont = legend->font();
    mTextColor = legend->textColor();
}

// Laid out as QCustomPlot lays out a plottable's entry: the icon, then the text.
void SwatchLegendItem::draw(QCPPainter* painter) {
    painter->setFont(mFont);
    painter->setPen(QPen(mTextColor));
    const QSize icon = mParentLegend->iconSize();
    const QRect text = painter->fontMetrics().boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, text_);
    painter->drawText(mRect.x() + icon.width() + mParentLegend->iconTextPadding(), mRect.y(), text.width(),
                      std::max(text.height(), icon.height()), Qt::TextDontClip, text_);
    painter->fillRect(QRect(mRect.topLeft(), icon), colour_);
}

QSize SwatchLegendItem::minimumOuterSizeHint() const {
    const QFontMetrics metrics(mFont);
    const QSize icon = mParentLegend->iconSize();
    const QRect text = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, text_);
    return {icon.width() + mParentLegend->iconTextPadding() + text.width() + mMargins.left() + mMargins.right(),
            std::max(text.height(), icon.height()) + mMargins.top() + mMargins.bottom()};
}

} // namespace levex::ui
