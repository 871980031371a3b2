// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ChartExporter.h"

#include "ui/views/ChartTheme.h"

#include "core/base/ResourcePaths.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>
#include <filesystem>

namespace levex::ui {

namespace {

constexpr double kDotsPerMeter96 = 96.0 / 0.0254; // 96 dpi: fonts size alike in every format

// Puts the export's theme and title on the plot for the duration of one export, then restores it.
class ExportStyling {
public:
    ExportStyling(QCustomPlot& plot, const ChartStyle& style)
        : plot_(plot), theme_(ChartTheme::named(style.theme)),
          title_(plot.plotLayout()->elementCount() > 0 ? qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(0))
                                                       : nullptr) {
        apply_chart_theme(plot_, ChartTheme::light(), theme_);
        if (title_) {
            saved_title_ = title_->text();
            if (!style.title.isEmpty())
                title_->setText(style.title);
        }
    }
    ~ExportStyling() {
        apply_chart_theme(plot_, theme_, ChartTheme::light());
        if (title_)
            title_->setText(saved_title_);
        plot_.replot(QCustomPlot::rpQueuedReplot);
    }
    ExportStyling(const ExportStyling&) = delete;
    ExportStyling& operator=(const ExportStyling&) = delete;
    const ChartTheme& theme() const { return theme_; }

private:
    QCustomPlot& plot_;
    const ChartTheme& theme_;
    QCPTextElement* title_;
    QString saved_title_;
};

} // namespace

void paint_chart_page(QCPPainter& painter, const std::vector<std::pair<QCustomPlot*, double>>& charts,
                      const ChartStyle& style, const ChartTheme& theme) {
    const int w = style.width, h = style.height;
    painter.fillRect(QRect(0, 0, w, h), theme.background);
    int caption_height = 0;
    QFont font(charts.empty() ? QString() : charts.front().first->font().family());
    font.setPointSizeF(8.5);
    if (!style.caption.isEmpty()) {
        painter.setFont(font);
        const QRectF needed =
            painter.boundingRect(QRectF(10, 0, w - 20, h / 3.0), Qt::TextWordWrap | Qt::AlignLeft, style.caption);
        caption_height = int(std::ceil(needed.height())) + 12;
    }
    int x = 0;
    for (std::size_t i = 0; i < charts.size(); ++i) {
        const int width = i + 1 == charts.size() ? w - x : int(std::lround(w * charts[i].second));
        painter.save();
        painter.translate(x, 0);
        charts[i].first->toPainter(&painter, width, h - caption_height);
        painter.restore();
        x += width;
    }
    if (caption_height > 0) {
        painter.setFont(font);
        painter.setPen(theme.text);
        painter.drawText(QRectF(10, h - caption_height + 4, w - 20, caption_height - 6),
                         Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, style.caption);
    }
}

namespace {

void paint_chart(QCPPainter& painter, QCustomPlot& plot, const ChartStyle& style, const ChartTheme& theme) {
    paint_chart_page(painter, {{&plot, 1.0}}, style, theme);
}

QImage raster(QCustomPlot& plot, const ChartStyle& style, QImage::Format format) {
    const ExportStyling styling(plot, style);
    QImage image(int(std::lround(style.width * style.scale)), int(std::lround(style.height * style.scale)), format);
    image.setDotsPerMeterX(int(std::lround(kDotsPerMeter96)));
    image.setDotsPerMeterY(int(std::lround(kDotsPerMeter96)));
    image.fill(styling.theme().background);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (style.scale != 1.0) {
        painter.scale(style.scale, style.scale);
        painter.setMode(QCPPainter::pmNonCosmetic); // lines scale with the picture
    }
    paint_chart(painter, plot, style, styling.theme());
    painter.end();
    // The resolution written into the file: more pixels for the same size in print.
    image.setDotsPerMeterX(int(std::lround(kDotsPerMeter96 * style.scale)));
    image.setDotsPerMeterY(int(std::lround(kDotsPerMeter96 * style.scale)));
    return image;
}

QByteArray pdf_bytes(QCustomPlot& plot, const ChartStyle& style) {
    const ExportStyling styling(plot, style);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(QStringLiteral("LevEx %1").arg(QString::fromLatin1(version())));
    writer.setTitle(style.title);
    writer.setResolution(96); // fonts measured as on screen; the window maps the page to the size
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(
        QPageSize(QSizeF(style.width, style.height), QPageSize::Point, QString(), QPageSize::ExactMatch));
    QCPPainter painter;
    if (!painter.begin(&writer))
        throw ChartExportError("cannot draw the PDF page");
    painter.setWindow(0, 0, style.width, style.height);
    paint_chart(painter, plot, style, styling.theme());
    if (!painter.end())
        throw ChartExportError("cannot draw the PDF page");
    return bytes;
}

QByteArray svg_bytes(QCustomPlot& plot, const ChartStyle& style) {
    const ExportStyling styling(plot, style);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(style.width, style.height));
    svg.setViewBox(QRect(0, 0, style.width, style.height));
    svg.setResolution(96);
    svg.setTitle(style.title);
    svg.setDescription(style.caption);
    QCPPainter painter;
    if (!painter.begin(&svg))
        throw ChartExportError("cannot draw the SVG picture");
    paint_chart(painter, plot, style, styling.theme());
    if (!painter.end())
        throw ChartExportError("cannot draw the SVG picture");
    return bytes;
}

} // namespace

std::optional<ChartFormat> chart_format_for(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ChartFormat::Png;
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return ChartFormat::Jpeg;
    if (suffix == QLatin1String("pdf"))
        return ChartFormat::Pdf;
    if (suffix == QLatin1String("svg"))
        return ChartFormat::Svg;
    return std::nullopt;
}

QString chart_suffix(ChartFormat format) {
    switch (format) {
    case ChartFormat::Png: return QStringLiteral("png");
    case ChartFormat::Jpeg: return QStringLiteral("jpg");
    case ChartFormat::Pdf: return QStringLiteral("pdf");
    case ChartFormat::Svg: return QStringLiteral("svg");
    }
    return {};
}

void check_chart_style(const ChartStyle& style) {
    if (style.width < kMinChartSide || style.width > kMaxChartSide || style.height < kMinChartSide ||
        style.height > kMaxChartSide)
        throw ChartExportError(QStringLiteral("expected a chart size between %1 and %2 pixels a side, found %3 × %4")
                                   .arg(kMinChartSide)
                                   .arg(kMaxChartSide)
                                   .arg(style.width)
                                   .arg(style.height)
                                   .toStdString());
    if (!(style.scale > 0.0 && style.scale <= kMaxChartScale))
        throw ChartExportError(QStringLiteral("expected a scale above 0 and at most %1, found %2")
                                   .arg(kMaxChartScale)
                                   .arg(style.scale)
                                   .toStdString());
    if (!style.theme.isEmpty() && style.theme != QLatin1String("light") && style.theme != QLatin1String("dark"))
        throw ChartExportError(
            QStringLiteral("expected the theme light or dark, found '%1'").arg(style.theme).toStdString());
}

QImage render_chart(QCustomPlot& plot, const ChartStyle& style) {
    check_chart_style(style);
    return raster(plot, style, QImage::Format_ARGB32_Premultiplied);
}

DrawnChart draw_chart(QCustomPlot& plot, const QString& path, const ChartStyle& style) {
    check_chart_style(style);
    const auto format = chart_format_for(path);
    if (!format)
        throw ChartExportError(QStringLiteral("%1: expected the suffix .png, .jpg, .pdf or .svg, found '%2'")
                                   .arg(path, QFileInfo(path).suffix())
                                   .toStdString());
    DrawnChart drawn;
    drawn.format = *format;
    drawn.jpeg_quality = style.jpeg_quality;
    switch (*format) {
    case ChartFormat::Png: drawn.image = raster(plot, style, QImage::Format_ARGB32_Premultiplied); break;
    case ChartFormat::Jpeg: drawn.image = raster(plot, style, QImage::Format_RGB32); break;
    case ChartFormat::Pdf: drawn.bytes = pdf_bytes(plot, style); break;
    case ChartFormat::Svg: drawn.bytes = svg_bytes(plot, style); break;
    }
    return drawn;
}

void write_drawn_chart(const DrawnChart& chart, const QString& path) {
    // Written into a temporary file beside the target and renamed over it at the end: a failed
    // export never leaves the user's existing file truncated or half-written.
    const QString part = path + QStringLiteral(".part");
    QFile file(part);
    if (!file.open(QIODevice::WriteOnly))
        throw ChartExportError(QStringLiteral("cannot write %1: %2").arg(part, file.errorString()).toStdString());
    bool written = false;
    switch (chart.format) {
    case ChartFormat::Png: written = chart.image.save(&file, "PNG"); break;
    case ChartFormat::Jpeg: written = chart.image.save(&file, "JPG", chart.jpeg_quality); break;
    case ChartFormat::Pdf:
    case ChartFormat::Svg: written = file.write(chart.bytes) == chart.bytes.size(); break;
    }
    written = file.flush() && written;
    file.close();
    std::error_code error;
    if (written && QFileInfo(part).size() > 0)
        std::filesystem::rename(QFile::encodeName(part).toStdString(), QFile::encodeName(path).toStdString(),
                                error); // replaces atomically
    if (!written || QFileInfo::exists(part) || error) {
        QFile::remove(part);
        throw ChartExportError(
            QStringLiteral("cannot write %1%2")
                .arg(path, error ? QStringLiteral(": ") + QString::fromStdString(error.message()) : QString())
                .toStdString());
    }
}

void export_chart(QCustomPlot& plot, const QString& path, const ChartStyle& style) {
    write_drawn_chart(draw_chart(plot, path, style), path);
}

} // namespace levex::ui
