// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <QStringList>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLineEdit;
class QSlider;
class QSettings;
class QSpinBox;

namespace levex::ui {

/// Every run parameter of docs/model.md as a control, the common ones first and the rest in a folded
/// "Advanced" group; every default is visible (venue-dependent values say "venue"). Emits
/// `changed()` on any edit; `parameters()` reads them all.
class RunControlsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunControlsPanel(QWidget* parent = nullptr);

    RunParameters parameters() const;
    QString venue() const;
    /// The main settings (venue, leverage, shock, depth, half-life, length) to and from QSettings.
    void save(QSettings& settings) const;
    void restore(const QSettings& settings);
    /// The book's symbols; `proposed` (the largest by open interest) is chosen unless the current
    /// choice is among them. No `changed()`: the run in flight already uses it.
    void setSymbols(const QStringList& symbols, const QString& proposed);
    /// Shows every parameter of a scenario (a file, a Library scenario or a stored run); returns the
    /// parameters the controls cannot hold (they are not applied), for the caller to tell the user.
    /// No `changed()`: the caller decides whether to run them or to show a stored run.
    QStringList setParameters(const RunParameters& params, const QString& venue);
    /// Loads a scenario's shock and leverage (one `changed()` for both).
    void setShockAndLeverage(double shock, double leverage_mult);

signals:
    void changed();

private:
    QDoubleSpinBox* number(double min, double max, int decimals, double value, const QString& suffix,
                           const QString& tip);
    void chooseFile(QLineEdit* target, const QString& title, const QString& filter);

    QComboBox* venue_;
    QComboBox* symbol_;
    QDoubleSpinBox* mark_;
    QDoubleSpinBox* leverage_;
    QSlider* shock_slider_;
    QDoubleSpinBox* shock_;
    QSpinBox* shock_steps_;
    QComboBox* depth_model_;
    QDoubleSpinBox* depth_;
    QLineEdit* book_file_;
    QDoubleSpinBox* half_life_;
    QCheckBox* permanent_;
    QSpinBox* steps_;
    QGroupBox* advanced_;
    QDoubleSpinBox* step_seconds_;
    QDoubleSpinBox* permanent_fraction_;
    QDoubleSpinBox* mark_passthrough_;
    QDoubleSpinBox* fee_;
    QDoubleSpinBox* fund_;
    QDoubleSpinBox* vol_;
    QDoubleSpinBox* student_nu_;
    QSpinBox* seed_;
    QLineEdit* series_file_;
};

} // namespace levex::ui
