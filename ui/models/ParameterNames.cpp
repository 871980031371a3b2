// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ParameterNames.h"

#include "core/market/LiquidityProblem.h"
#include "core/model/ParameterTable.h"

#include <QCoreApplication>

namespace levex::ui {

QString control_name(const std::string& key) {
    if (const ParameterSpec* spec = find_parameter(key); spec && !spec->label.empty())
        return QCoreApplication::translate("levex::ui::RunControlsPanel", spec->label.c_str());
    if (key == "venue")
        return QCoreApplication::translate("levex::ui::RunControlsPanel", "Venue");
    if (key == "name")
        return QCoreApplication::translate("levex::ui::LibraryPanel", "Name");
    if (key == "snapshot")
        return QCoreApplication::translate("levex::ui::LibraryPanel", "Snapshot");
    return QString::fromStdString(key);
}

QString phrase_problem(const ParameterProblem& problem) {
    const QString name = control_name(problem.key);
    const QString box = QCoreApplication::translate("levex::ui::RunControlsPanel", "the %1 box").arg(name);
    return QString::fromStdString(
        phrase_parameter_problem(problem, name.toStdString(), box.toStdString(), box.toStdString()));
}

QString phrase_for_app(const std::exception& error) {
    if (const auto* parameter = dynamic_cast<const ParameterError*>(&error))
        return phrase_problem(parameter->problem());
    if (const auto* liquidity = dynamic_cast<const LiquidityError*>(&error)) // the same words as a parameter's
        return phrase_problem({liquidity->problem().key, liquidity->problem().expected, liquidity->problem().found});
    return QString::fromStdString(error.what());
}

} // namespace levex::ui
