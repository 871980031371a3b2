// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/AnimationExport.h"
#include "ui/export/ChartExporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace levex::ui {

/// Asks how to export a chart (format, width × height, scale, theme, title, caption, file) or the
/// cascade animation (GIF, PNG sequence or MP4, frame rate, every k-th step).
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Chart, Animation };
    /// `name` is the chart's name (the window title and the default file name); `folder` where the
    /// file goes by default.
    ExportDialog(Kind kind, const QString& name, const QString& folder, QWidget* parent = nullptr);

    QString path() const;
    /// Size, scale, theme and title (the caption is left to the caller: see withCaption()).
    ChartStyle style() const;
    bool withCaption() const;
    AnimationOptions animation() const;
    /// Pre-sets the values (the last ones the user chose).
    void setStyle(const ChartStyle& style, bool with_caption);
    void setPath(const QString& path);
    /// Animation: the run has `run_steps` steps, its cascade's frame the first `cascade_steps`;
    /// `whole_run` chooses the whole run first (as the window shows it). The dialog says how many
    /// frames that makes and how long they play.
    void setAnimationSteps(std::size_t cascade_steps, std::size_t run_steps, double step_seconds, bool whole_run);
    /// What the dialog says about the animation's length ("21 frames: plays 2.1 s at 10 frames/s").
    QString lengthText() const;

private:
    void formatChanged();
    void lengthChanged();
    void browse();

    Kind kind_;
    QComboBox* format_;
    QSpinBox* width_;
    QSpinBox* height_;
    QDoubleSpinBox* scale_;
    QComboBox* theme_;
    QLineEdit* title_;
    QCheckBox* caption_;
    QSpinBox* fps_ = nullptr;
    QSpinBox* every_ = nullptr;
    QComboBox* span_ = nullptr;
    QLabel* length_ = nullptr;
    std::size_t cascade_steps_ = 0, run_steps_ = 0;
    QLineEdit* path_;
    QLabel* note_;
};

} // namespace levex::ui
