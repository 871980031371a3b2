// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPPainter;

namespace levex::ui {

enum class ChartFormat { Png, Jpeg, Pdf, Svg };

/// The format a file name asks for by its suffix (png, jpg or jpeg, pdf, svg; any case).
std::optional<ChartFormat> chart_format_for(const QString& path);
/// The suffix of a format ("png", "jpg", "pdf", "svg").
QString chart_suffix(ChartFormat format);

/// How a chart is exported. Sizes are in logical pixels (96 per inch): raster formats are
/// width·scale × height·scale pixels, PDF pages width × height points, SVG width × height.
struct ChartStyle {
    int width = 1200;
    int height = 800;
    double scale = 1.0; ///< raster formats only: 2 = twice the pixels, same layout (high DPI)
    QString theme;      ///< "light" (default) or "dark"
    QString title;      ///< empty: the chart's own title
    QString caption;    ///< the scenario, beneath the chart; empty: none
    int jpeg_quality = 92;
};

/// Thrown when a chart cannot be written; the message names the file and the reason.
class ChartExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A chart drawn for export, not yet written: a raster image still to encode, or the bytes of a
/// vector page (PDF, SVG).
struct DrawnChart {
    ChartFormat format = ChartFormat::Png;
    QImage image;
    QByteArray bytes;
    int jpeg_quality = 92;
};

/// Draws `plot` for `path` (its suffix names the format) at the style's size and theme, with the
/// title and caption; the plot on screen is left as it was. GUI thread. Throws ChartExportError.
DrawnChart draw_chart(QCustomPlot& plot, const QString& path, const ChartStyle& style);

/// Encodes and writes a drawn chart (FILE.part, renamed over `path` once complete). Any thread.
/// Throws ChartExportError.
void write_drawn_chart(const DrawnChart& chart, const QString& path);

/// Writes `plot` to `path` in the format its suffix names, at the style's size and theme, with
/// the title and caption. The plot on screen is left as it was. Throws ChartExportError.
void export_chart(QCustomPlot& plot, const QString& path, const ChartStyle& style);

/// The chart as an image of width·scale × height·scale pixels (the clipboard, animations).
QImage render_chart(QCustomPlot& plot, const ChartStyle& style);

struct ChartTheme;

/// Paints `charts` side by side (each taking its share of the width) above the caption, on a page
/// of style.width × style.height in the painter's units; the charts must already wear `theme`.
void paint_chart_page(QCPPainter& painter, const std::vector<std::pair<QCustomPlot*, double>>& charts,
                      const ChartStyle& style, const ChartTheme& theme);

/// Sanity limits of the export options, shared by the dialog and the command line.
inline constexpr int kMinChartSide = 200;
inline constexpr int kMaxChartSide = 10000;
inline constexpr double kMaxChartScale = 8.0;
/// Throws ChartExportError when the size or scale is outside those limits.
void check_chart_style(const ChartStyle& style);

} // namespace levex::ui
