// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

class QCustomPlot;
class QCPColorGradient;

namespace levex::ui {

/// The colours of a chart that change between a light and a dark page. Data colours (longs
/// vermillion, shorts blue) stay; what sits on the page (background, text, axes, grid, the mark
/// and index lines, the neutral middle of the notional scale) follows the theme.
struct ChartTheme {
    bool dark = false;
    QColor background, text, axis, grid, legend_background, legend_border, mark, index, neutral;
    QColor long_line, short_line; ///< lines over the long and short bars (the map's cumulative sums)
    QColor executed;              ///< levels the cascade has executed: neither side's colour nor the page

    static const ChartTheme& light();
    static const ChartTheme& dark_theme();
    static const ChartTheme& named(const QString& name); ///< "dark" or anything else (light)
};

/// The diverging long/short notional scale of the cascade heatmap: strong colours far from the
/// neutral middle, which is the page colour of the theme.
QCPColorGradient notional_gradient(const ChartTheme& theme);

/// One flat colour (the theme's `executed`) for cells of executed levels; NaN cells transparent.
QCPColorGradient executed_gradient(const ChartTheme& theme);

/// Recolours `plot` from theme `from` to theme `to`: page, axes, grids, legend, titles, and every
/// line, item or gradient that carried one of `from`'s colours. Applying the reverse restores it.
void apply_chart_theme(QCustomPlot& plot, const ChartTheme& from, const ChartTheme& to);

} // namespace levex::ui
