// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <string>

namespace levex {

/// A scenario file (docs/formats.md §5): every run parameter and the seed, the venue profile's content, the
/// SHA-256 of the book, L2 and price-series files, and the program version that wrote it.
struct Scenario {
    RunParameters params;
    std::string venue_json; ///< the profile itself, so a run reproduces even if the bundled file changes
    std::string book_file, book_sha256;
    std::string l2_sha256, series_sha256; ///< empty when the run used none
    std::string program_version;
};

std::string write_scenario_json(const Scenario& scenario);

/// Parses a scenario; throws DataError naming the file, the line and column and the key for a bad
/// one (keys and ranges from the parameter table, so a scenario refuses what the command line does).
Scenario parse_scenario_json(const std::string& text, const std::string& file);

} // namespace levex
