// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandLine.h"

#include "core/model/RunParameters.h"

#include <string>
#include <vector>

namespace levex::cli {

/// The options of the run parameters, from the parameter table (core/model/ParameterTable.h):
/// names, value placeholders, one-line docs and defaults.
std::vector<OptionSpec> parameter_option_specs();

/// The options every run-based command (simulate, sweep, montecarlo) shares: the venue, the run
/// parameters and the bad-row policy.
std::vector<OptionSpec> run_option_specs();

/// Overrides `params` with the run parameters given on the command line, by the table's rules
/// (numbers, inf where allowed, "A:B:C" options, the one depth option that chooses the model),
/// then checks them all (ParameterError, phrased by main as `--option: expected …`).
void apply_run_options(const CommandLine& cl, RunParameters& params);

} // namespace levex::cli
