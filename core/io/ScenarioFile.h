// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <string>

namespace levex {

/// A scenario file (docs/command-line.md): every run parameter and the seed, the venue profile's content, the
/// SHA-256 of the book, L2 and price-series files, and the program version that wrote it.
struct Scenario {
    RunParameters params;
    std::string venue_json; ///< the profile itself, so a run reproduces even if the bundled file changes
    std::string book_file, book_sha256;
    std::string l2_sha256, series_sha256; ///< empty when the run used none
    std::string program_version;
};

/// The scenario of a run: its parameters, the venue profile's content, the book's file and hash
/// (given: the caller has them), and the SHA-256 of the L2 book (when the depth model reads one)
/// and of the price series it read. Throws IoError when one of those files cannot be read.
Scenario scenario_of_run(const RunParameters& params, const std::string& venue_json, const std::string& book_file,
                         const std::string& book_sha256);

std::string write_scenario_json(const Scenario& scenario);

/// Parses a scenario; throws DataError naming the file and the key for a bad one.
Scenario parse_scenario_json(const std::string& text, const std::string& file);

} // namespace levex
