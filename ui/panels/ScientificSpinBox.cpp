// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/ScientificSpinBox.h"

namespace levex::ui {

QString ScientificSpinBox::numberPart(const QString& text) const {
    QString number = text;
    if (!prefix().isEmpty() && number.startsWith(prefix()))
        number.remove(0, prefix().size());
    if (!suffix().isEmpty() && number.endsWith(suffix()))
        number.chop(suffix().size());
    return number.trimmed();
}

QValidator::State ScientificSpinBox::validate(QString& text, int&) const {
    const QString number = numberPart(text);
    if (!specialValueText().isEmpty() && text == specialValueText())
        return QValidator::Acceptable;
    if (number.isEmpty() || number == QLatin1String("-") || number == QLatin1String("+"))
        return QValidator::Intermediate;
    // A number still being typed: "1e", "2.5e-".
    const QChar last = number.back().toLower();
    if (last == QLatin1Char('e') || ((last == QLatin1Char('-') || last == QLatin1Char('+')) && number.size() > 1))
        return QValidator::Intermediate;
    bool ok = false;
    const double value = locale().toDouble(number, &ok);
    if (!ok)
        return QValidator::Invalid;
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
}

double ScientificSpinBox::valueFromText(const QString& text) const {
    if (!specialValueText().isEmpty() && text == specialValueText())
        return minimum();
    bool ok = false;
    const double value = locale().toDouble(numberPart(text), &ok);
    return ok ? value : QDoubleSpinBox::valueFromText(text);
}

} // namespace levex::ui
