// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"
#include "core/usecase/LendingBookInput.h"

#include <string>
#include <vector>

namespace levex {

/// A scenario file read for a run: where its book is and which venue reproduces it.
struct OpenedScenario {
    Scenario scenario;
    std::string book_path; ///< the book as named, or the file of that name beside the scenario
    std::string venue;     ///< a bundled name when identical to the pinned profile, else a profile file
    /// A lending scenario's books (then book_path is the first's and venue empty), each found as the
    /// book is, with its protocol named as the venue is.
    std::vector<LendingBookSource> lending_books;
};

/// Reads a scenario and checks it can be reproduced here: finds its book (the path it names, else
/// the same name beside the scenario: a folder moved as a whole), checks the SHA-256 it pinned
/// for the book, L2 and price-series files, and names its venue (the bundled profile when its
/// text is the pinned one, else the pinned profile written to `profile_folder`). Reads and hashes
/// every pinned file: call it off the GUI thread. Throws DataError or IoError.
OpenedScenario open_scenario_file(const std::string& path, const std::string& profile_folder);

} // namespace levex
