// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/ChartTheme.h"

#include "ui/views/SwatchLegendItem.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

namespace levex::ui {

const ChartTheme& ChartTheme::light() {
    static const ChartTheme theme{false,
                                  QColor(255, 255, 255),
                                  QColor(20, 20, 20),
                                  QColor(60, 60, 60),
                                  QColor(200, 200, 200),
                                  QColor(255, 255, 255, 220),
                                  QColor(60, 60, 60),
                                  theme::kMarkColor,
                                  QColor(90, 90, 90),
                                  QColor(250, 250, 250),
                                  theme::kLongColor.darker(140),
                                  theme::kShortColor.darker(140),
                                  QColor(178, 178, 178)};
    return theme;
}

const ChartTheme& ChartTheme::dark_theme() {
    static const ChartTheme theme{true,
                                  QColor(28, 30, 34),
                                  QColor(225, 225, 225),
                                  QColor(170, 170, 170),
                                  QColor(70, 72, 78),
                                  QColor(40, 42, 48, 225),
                                  QColor(150, 150, 150),
                                  QColor(240, 240, 240),
                                  QColor(175, 175, 175),
                                  QColor(52, 54, 60),
                                  theme::kLongColor.lighter(125),
                                  theme::kShortColor.lighter(150),
                                  QColor(105, 107, 112)};
    return theme;
}

const ChartTheme& ChartTheme::named(const QString& name) {
    return name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0 ? dark_theme() : light();
}

QCPColorGradient notional_gradient(const ChartTheme& t) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    // Light page: deep colours on white. Dark page: bright colours rising out of the dark middle.
    gradient.setColorStopAt(0.0, t.dark ? theme::kShortColor.lighter(170) : theme::kShortColor.darker(150));
    gradient.setColorStopAt(0.35, t.dark ? theme::kShortColor.darker(160) : theme::kShortColor.lighter(140));
    gradient.setColorStopAt(0.5, t.neutral);
    gradient.setColorStopAt(0.65, t.dark ? theme::kLongColor.darker(170) : theme::kLongColor.lighter(140));
    gradient.setColorStopAt(1.0, t.dark ? theme::kLongColor.lighter(135) : theme::kLongColor.darker(150));
    // Empty bands in the page colour, opaque: PDF viewers smear the edges of transparent cells.
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(t.background);
    return gradient;
}

QCPColorGradient executed_gradient(const ChartTheme& t) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, t.executed);
    gradient.setColorStopAt(1.0, t.executed);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

namespace {

QPen recoloured(QPen pen, const QColor& colour) {
    pen.setColor(colour);
    return pen;
}

// A line colour of `from` becomes its counterpart in `to`; data colours are left alone.
QPen swapped(const QPen& pen, const ChartTheme& from, const ChartTheme& to) {
    if (pen.color() == from.mark)
        return recoloured(pen, to.mark);
    if (pen.color() == from.index)
        return recoloured(pen, to.index);
    if (pen.color() == from.text)
        return recoloured(pen, to.text);
    if (pen.color() == from.long_line)
        return recoloured(pen, to.long_line);
    if (pen.color() == from.short_line)
        return recoloured(pen, to.short_line);
    if (pen.color() == from.axis)
        return recoloured(pen, to.axis);
    return pen;
}

void style_axis(QCPAxis& axis, const ChartTheme& t) {
    axis.setBasePen(recoloured(axis.basePen(), t.axis));
    axis.setTickPen(recoloured(axis.tickPen(), t.axis));
    axis.setSubTickPen(recoloured(axis.subTickPen(), t.axis));
    axis.setLabelColor(t.text);
    axis.setTickLabelColor(t.text);
    axis.grid()->setPen(recoloured(axis.grid()->pen(), t.grid));
    axis.grid()->setSubGridPen(recoloured(axis.grid()->subGridPen(), t.grid));
    axis.grid()->setZeroLinePen(axis.grid()->zeroLinePen() == Qt::NoPen
                                    ? axis.grid()->zeroLinePen()
                                    : recoloured(axis.grid()->zeroLinePen(), t.axis));
}

void style_legend(QCPLegend& legend, const ChartTheme& from, const ChartTheme& t) {
    legend.setBrush(t.legend_background);
    legend.setBorderPen(recoloured(legend.borderPen(), t.legend_border));
    legend.setTextColor(t.text);
    for (int i = 0; i < legend.itemCount(); ++i) {
        QCPAbstractLegendItem* item = legend.item(i);
        if (!item) // an empty cell of a legend laid out in columns
            continue;
        item->setTextColor(t.text);
        if (auto* swatch = qobject_cast<SwatchLegendItem*>(item); swatch && swatch->colour() == from.executed)
            swatch->setColour(t.executed);
    }
}

} // namespace

void apply_chart_theme(QCustomPlot& plot, const ChartTheme& from, const ChartTheme& to) {
    plot.setBackground(to.background);
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            for (QCPAxis* axis : rect->axes())
                style_axis(*axis, to);
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            style_axis(*scale->axis(), to);
        } else if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            text->setTextColor(to.text);
        } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            style_legend(*legend, from, to);
        }
    }
    if (plot.legend && !plot.legend->layout()) // the default legend, when not in a layout walked above
        style_legend(*plot.legend, from, to);
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot.plottable(i);
        p->setPen(swapped(p->pen(), from, to));
        if (auto* map = qobject_cast<QCPColorMap*>(p); map && map->gradient() == notional_gradient(from))
            map->setGradient(notional_gradient(to));
        else if (map && map->gradient() == executed_gradient(from))
            map->setGradient(executed_gradient(to));
        if (p->brush().style() != Qt::NoBrush && p->brush().color() == from.executed)
            p->setBrush(to.executed);
    }
    for (int i = 0; i < plot.itemCount(); ++i) {
        QCPAbstractItem* item = plot.item(i);
        if (auto* line = qobject_cast<QCPItemStraightLine*>(item))
            line->setPen(swapped(line->pen(), from, to));
        else if (auto* text = qobject_cast<QCPItemText*>(item); text && text->color() == from.mark) {
            text->setColor(to.mark);
            if (text->brush().style() != Qt::NoBrush && text->brush().color() == from.legend_background)
                text->setBrush(to.legend_background);
        } else if (auto* label = qobject_cast<QCPItemText*>(item); label && label->color() == from.text)
            label->setColor(to.text);
    }
}

} // namespace levex::ui
