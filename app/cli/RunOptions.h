// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandLine.h"

#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

#include <optional>
#include <string>
#include <vector>

namespace levex::cli {

/// The options every run-based command (simulate, sweep, montecarlo) shares: docs/command-line.md's run
/// parameters, the venue and the bad-row policy.
std::vector<OptionSpec> run_option_specs();

/// Overrides `params` with the options given on the command line (UsageError for bad values).
void apply_run_options(const CommandLine& cl, RunParameters& params);

/// The files a run reads besides the book, with their SHA-256 (for scenario files).
struct RunInputs {
    MarketInputs market;
    std::string l2_sha256, series_sha256;
};
RunInputs load_run_inputs(const RunParameters& params);

/// Throws DataError when a file a scenario pinned has changed.
void check_pinned_hash(const char* what, const std::string& path, const std::string& pinned, const std::string& actual);

} // namespace levex::cli
