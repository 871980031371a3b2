// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/RunParameters.h"

#include <string>
#include <vector>

namespace levex {

/// A lending book a scenario runs (docs/formats.md §5): its file, the SHA-256 of its bytes and the
/// protocol profile's content it was judged by.
struct ScenarioLendingBook {
    std::string file, sha256;
    std::string protocol_json; ///< the profile itself (compact JSON), as venue_json is for a position book
};

/// A scenario file (docs/formats.md §5): every run parameter and the seed, the venue profile's content, the
/// SHA-256 of the book, L2 and price-series files, and the program version that wrote it. A lending run's
/// scenario holds its books, each with its hash and protocol profile, instead of one book and a venue.
struct Scenario {
    RunParameters params;
    std::string venue_json; ///< the profile itself, so a run reproduces even if the bundled file changes
    std::string book_file, book_sha256;
    std::string l2_sha256, series_sha256; ///< empty when the run used none
    std::string program_version;
    /// A lending run: its books (then book_file, book_sha256 and venue_json are empty).
    std::vector<ScenarioLendingBook> lending_books;
    bool is_lending() const { return !lending_books.empty(); }
};

std::string write_scenario_json(const Scenario& scenario);

/// Parses a scenario; throws DataError naming the file, the line and column and the key for a bad
/// one (keys and ranges from the parameter table, so a scenario refuses what the command line does).
Scenario parse_scenario_json(const std::string& text, const std::string& file);

} // namespace levex
