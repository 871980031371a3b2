// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/StudyBasis.h"

#include "ui/models/ParameterNames.h"

#include "core/model/ParameterTable.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace levex::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("levex::ui::StudyBasis", text);
}

bool is_ignored(const std::vector<std::string>& ignored, const std::string& key) {
    return std::find(ignored.begin(), ignored.end(), key) != ignored.end();
}

// A value as the controls show it: fractions in per cent, the rest as the core writes them.
QString shown_value(const RunParameters& params, const ParameterSpec& spec) {
    if (spec.unit == "fraction" && spec.is_number()) {
        const double x = number_value(params, spec);
        if (std::isfinite(x))
            return QLocale().toString(x * 100.0, 'g', 4) + QStringLiteral(" %");
    }
    QString text = QString::fromStdString(value_text(params, spec));
    if (!spec.unit.empty() && spec.unit != "fraction" && spec.is_number() && std::isfinite(number_value(params, spec)))
        text += QLatin1Char(' ') + QString::fromStdString(spec.unit);
    return text;
}
} // namespace

StudyBasis StudyBasis::of(const LiveRun& run, const QString& book_name, const QString& venue) {
    StudyBasis basis;
    basis.book = run.position_book;
    basis.lending_books = run.lending_books;
    basis.book_name = QFileInfo(book_name).fileName();
    basis.venue = venue;
    basis.params = run.params;
    basis.params.symbol = run.symbol;
    return basis;
}

QString describe_basis(const StudyBasis& basis, const std::vector<std::string>& ignored) {
    QStringList settings;
    RunParameters defaults;
    defaults.symbol = basis.params.symbol;
    for (const std::string& key : changed_parameters(defaults, basis.params))
        if (!is_ignored(ignored, key))
            settings << control_name(key) + QLatin1Char(' ') + shown_value(basis.params, parameter(key));
    const QString rules = basis.lending_books ? QString::fromStdString(basis.params.protocol) : basis.venue;
    QString line = tr("%1 · %2 · %3").arg(basis.book_name, QString::fromStdString(basis.params.symbol), rules);
    return line + QStringLiteral(" · ") +
           (settings.isEmpty() ? tr("default settings") : settings.join(QStringLiteral(", ")));
}

QStringList basis_changes(const StudyBasis& computed, const StudyBasis& now, const std::vector<std::string>& ignored) {
    QStringList changes;
    if (computed.book != now.book || computed.lending_books != now.lending_books)
        changes << tr("the book");
    if (computed.venue != now.venue)
        changes << control_name("venue");
    for (const std::string& key : changed_parameters(computed.params, now.params))
        if (!is_ignored(ignored, key))
            changes << control_name(key);
    return changes;
}

} // namespace levex::ui
