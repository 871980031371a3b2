// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/TextSink.h"

#include <string>
#include <vector>

namespace levex::cli {

/// Each subcommand takes its arguments (after the subcommand's name) and returns the exit status;
/// errors are thrown (UsageError -> 2, DataError -> 3, anything else -> 1) and reported by main.
int run_inspect(const std::vector<std::string>& args);
int run_generate(const std::vector<std::string>& args);
int run_simulate(const std::vector<std::string>& args);
int run_sweep(const std::vector<std::string>& args);
int run_montecarlo(const std::vector<std::string>& args);
int run_import(const std::vector<std::string>& args);
int run_list(const std::vector<std::string>& args);
int run_fit_depth(const std::vector<std::string>& args);

/// Writes `bytes` to `path`, or to standard output when path is empty or "-".
void write_output(const std::string& path, const std::string& bytes);
/// The same for a text written while it is made (a large table, never held whole).
void write_output(const std::string& path, const TextProducer& produce);

} // namespace levex::cli
