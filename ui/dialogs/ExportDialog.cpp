// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace levex::ui {

ExportDialog::ExportDialog(Kind kind, const QString& name, const QString& folder, QWidget* parent)
    : QDialog(parent), kind_(kind) {
    setWindowTitle(kind == Kind::Chart ? tr("Export %1").arg(name) : tr("Export the cascade animation"));
    format_ = new QComboBox;
    if (kind == Kind::Chart) {
        format_->addItem(tr("PNG image"), "png");
        format_->addItem(tr("JPEG image"), "jpg");
        format_->addItem(tr("PDF (vector)"), "pdf");
        format_->addItem(tr("SVG (vector)"), "svg");
    } else {
        format_->addItem(tr("Animated GIF"), "gif");
        format_->addItem(tr("PNG sequence (NAME-00000.png, …)"), "png");
        format_->addItem(
            find_ffmpeg().isEmpty() ? tr("MP4 video (needs ffmpeg: not installed)") : tr("MP4 video (ffmpeg)"), "mp4");
    }
    width_ = new QSpinBox;
    width_->setRange(kMinChartSide, kMaxChartSide);
    width_->setValue(1200);
    width_->setSuffix(tr(" px"));
    height_ = new QSpinBox;
    height_->setRange(kMinChartSide, kMaxChartSide);
    height_->setValue(kind == Kind::Chart ? 800 : 700);
    height_->setSuffix(tr(" px"));
    auto* size = new QHBoxLayout;
    size->addWidget(width_);
    size->addWidget(new QLabel(QStringLiteral("×")));
    size->addWidget(height_);
    scale_ = new QDoubleSpinBox;
    scale_->setRange(0.5, kMaxChartScale);
    scale_->setSingleStep(0.5);
    scale_->setValue(1.0);
    scale_->setSuffix(QStringLiteral("×"));
    scale_->setToolTip(
        tr("Pixels per pixel of raster images: 2× gives a sharp picture on high-DPI screens and in print"));
    theme_ = new QComboBox;
    theme_->addItem(tr("Light"), "light");
    theme_->addItem(tr("Dark"), "dark");
    title_ = new QLineEdit;
    title_->setPlaceholderText(tr("the chart's own title"));
    caption_ = new QCheckBox(tr("Caption with the scenario (book, venue, shock, leverage, depth, half-life, seed)"));
    caption_->setChecked(true);
    path_ = new QLineEdit(QDir(folder.isEmpty() ? QDir::homePath() : folder)
                              .filePath(QString(name).replace(QLatin1Char(' '), QLatin1Char('-')).toLower() + ".png"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* file = new QHBoxLayout;
    file->addWidget(path_, 1);
    file->addWidget(browse);
    note_ = new QLabel;
    note_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Size"), size);
    form->addRow(tr("Scale"), scale_);
    form->addRow(tr("Theme"), theme_);
    form->addRow(tr("Title"), title_);
    form->addRow(QString(), caption_);
    if (kind == Kind::Animation) {
        fps_ = new QSpinBox;
        fps_->setRange(1, 60);
        fps_->setValue(10);
        fps_->setSuffix(tr(" frames/s"));
        every_ = new QSpinBox;
        every_->setRange(1, 1000);
        every_->setValue(1);
        every_->setPrefix(tr("every "));
        every_->setSuffix(tr(" step(s)"));
        every_->setToolTip(tr("One frame per this many steps; the last step is always included"));
        span_ = new QComboBox;
        span_->setToolTip(tr("The cascade and its aftermath (as the window frames it), or every step of the run"));
        length_ = new QLabel;
        form->addRow(tr("Steps"), span_);
        form->addRow(tr("Frame rate"), fps_);
        form->addRow(tr("Frames"), every_);
        form->addRow(QString(), length_);
        connect(span_, &QComboBox::currentIndexChanged, this, &ExportDialog::lengthChanged);
        connect(fps_, &QSpinBox::valueChanged, this, &ExportDialog::lengthChanged);
        connect(every_, &QSpinBox::valueChanged, this, &ExportDialog::lengthChanged);
    }
    form->addRow(tr("File"), file);
    form->addRow(note_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    setLayout(form);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    for (QSpinBox* side : {width_, height_})
        connect(side, &QSpinBox::valueChanged, this, &ExportDialog::formatChanged);
    connect(scale_, &QDoubleSpinBox::valueChanged, this, &ExportDialog::formatChanged);
    formatChanged();
}

// The file's suffix follows the format; the scale only means something for pixels.
void ExportDialog::formatChanged() {
    const QString suffix = format_->currentData().toString();
    const QFileInfo info(path_->text());
    path_->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffix));
    const bool vector = suffix == QLatin1String("pdf") || suffix == QLatin1String("svg");
    scale_->setEnabled(!vector);
    if (vector)
        note_->setText(tr("Vector output: the size is the page (PDF points, SVG pixels); text and lines stay sharp "
                          "at any zoom."));
    else if (suffix == QLatin1String("mp4") && find_ffmpeg().isEmpty())
        note_->setText(tr("ffmpeg is not installed (not found on PATH): install it (Debian: apt-get install ffmpeg) "
                          "or choose a GIF or a PNG sequence."));
    else
        note_->setText(tr("Raster output: %1 × %2 pixels at this scale.")
                           .arg(qRound(width_->value() * scale_->value()))
                           .arg(qRound(height_->value() * scale_->value())));
}

void ExportDialog::browse() {
    const QString suffix = format_->currentData().toString();
    const QString chosen = QFileDialog::getSaveFileName(this, windowTitle(), path_->text(),
                                                        format_->currentText() + QStringLiteral(" (*.%1)").arg(suffix));
    if (!chosen.isEmpty())
        path_->setText(QFileInfo(chosen).suffix().isEmpty() ? chosen + QLatin1Char('.') + suffix : chosen);
}

QString ExportDialog::path() const {
    return path_->text();
}

ChartStyle ExportDialog::style() const {
    ChartStyle style;
    style.width = width_->value();
    style.height = height_->value();
    style.scale = scale_->isEnabled() ? scale_->value() : 1.0;
    style.theme = theme_->currentData().toString();
    style.title = title_->text();
    return style; // the caller writes the caption when withCaption()
}

AnimationOptions ExportDialog::animation() const {
    AnimationOptions options;
    options.style = style();
    if (fps_)
        options.fps = fps_->value();
    if (every_)
        options.every = std::size_t(every_->value());
    if (span_ && span_->count() > 0) {
        options.end_step = span_->currentData().toULongLong();
        options.before_shock = true; // the animation opens on the book the shock is about to hit
    }
    return options;
}

void ExportDialog::setAnimationSteps(std::size_t cascade_steps, std::size_t run_steps, double step_seconds,
                                     bool whole_run) {
    if (!span_)
        return;
    cascade_steps_ = cascade_steps;
    run_steps_ = run_steps;
    const QSignalBlocker block(span_);
    span_->clear();
    const QLocale locale;
    if (cascade_steps > 0 && cascade_steps < run_steps)
        span_->addItem(tr("The cascade: steps 0–%1 (%2 s of %3 s)")
                           .arg(cascade_steps - 1)
                           .arg(locale.toString(double(cascade_steps) * step_seconds, 'f', 0),
                                locale.toString(double(run_steps) * step_seconds, 'f', 0)),
                       qulonglong(cascade_steps));
    span_->addItem(tr("The whole run: %1 steps (%2 s)")
                       .arg(run_steps)
                       .arg(locale.toString(double(run_steps) * step_seconds, 'f', 0)),
                   qulonglong(run_steps));
    span_->setCurrentIndex(whole_run ? span_->count() - 1 : 0);
    lengthChanged();
}

QString ExportDialog::lengthText() const {
    return length_ ? length_->text() : QString();
}

// How many frames and how long they play: a GIF of ten minutes of recovery should not surprise.
void ExportDialog::lengthChanged() {
    if (!length_ || run_steps_ == 0)
        return;
    const AnimationOptions options = animation();
    const std::size_t frames = animation_frame_count(run_steps_, options);
    length_->setText(tr("%1 frames (the first before the shock): plays %2 s at %3 frames/s")
                         .arg(frames)
                         .arg(QLocale().toString(animation_seconds(run_steps_, options), 'f', 1))
                         .arg(options.fps));
}

bool ExportDialog::withCaption() const {
    return caption_->isChecked();
}

void ExportDialog::setStyle(const ChartStyle& style, bool with_caption) {
    width_->setValue(style.width);
    height_->setValue(style.height);
    scale_->setValue(style.scale);
    theme_->setCurrentIndex(style.theme == QLatin1String("dark") ? 1 : 0);
    caption_->setChecked(with_caption);
    formatChanged();
}

void ExportDialog::setPath(const QString& path) {
    path_->setText(path);
    const int index = format_->findData(QFileInfo(path).suffix().toLower());
    if (index >= 0)
        format_->setCurrentIndex(index);
    formatChanged();
}

} // namespace levex::ui
