// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <cstddef>
#include <optional>
#include <string>

namespace levex {

/// A run parameter outside its valid range: `key` is its scenario-file name ("half_life_s"),
/// `expected` says what is valid ("expected seconds > 0 or inf").
struct ParameterProblem {
    std::string key;
    std::string expected;
};

/// Steps × bins a run may record (four histograms of doubles: 1.6 GB at the limit).
inline constexpr std::size_t kMaxHeatmapCells = 50'000'000;

/// The first parameter of `p` outside its valid range (in declaration order), or nullopt. One table
/// of limits for the command line, scenario files and the app, so all three refuse the same values.
std::optional<ParameterProblem> check_run_parameters(const RunParameters& p);

} // namespace levex
