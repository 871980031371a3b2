// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ParameterError.h"

#include <QString>

#include <exception>
#include <string>

namespace levex::ui {

/// The app's name for a parameter key: its control's label from the parameter table
/// ("Half-life"), or for the keys that are not run parameters the box that holds them ("Venue").
QString control_name(const std::string& key);

/// A parameter problem as the app says it, naming the control:
/// "Half-life: expected seconds > 0 or inf, found 0".
QString phrase_problem(const ParameterProblem& problem);

/// A core error as the app says it: a ParameterError or a LiquidityError (a pool's value, a trade it
/// cannot take) through phrase_problem(), anything else its message.
QString phrase_for_app(const std::exception& error);

} // namespace levex::ui
