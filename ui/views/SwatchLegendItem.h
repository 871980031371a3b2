// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QColor>
#include <QString>

namespace levex::ui {

/// A legend entry for a colour that no single plottable carries (the grey of executed levels,
/// drawn inside other plottables): a filled square and a name.
class SwatchLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT
public:
    SwatchLegendItem(QCPLegend* legend, const QString& text, const QColor& colour);
    QColor colour() const { return colour_; }
    void setColour(const QColor& colour) { colour_ = colour; }
    QString text() const { return text_; }

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString text_;
    QColor colour_;
};

} // namespace levex::ui
