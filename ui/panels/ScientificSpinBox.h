// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDoubleSpinBox>

namespace levex::ui {

/// A number box that also reads exponent notation: "1e9" is a billion, never 19. Reserves, depths
/// and order sizes span many orders of magnitude, and the command line takes them that way.
class ScientificSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QValidator::State validate(QString& text, int& pos) const override;
    double valueFromText(const QString& text) const override;

private:
    /// The number typed, without prefix, suffix and spaces.
    QString numberPart(const QString& text) const;
};

} // namespace levex::ui
