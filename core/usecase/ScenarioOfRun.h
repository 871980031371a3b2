// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"
#include "core/usecase/RunInputs.h"

#include <string>

namespace levex {

/// The scenario of a run whose inputs were resolved: every parameter, the venue profile's
/// content, the book's file and SHA-256 (`inputs` must hold it: ask for it with hash_book), the
/// SHA-256 of the L2 and price-series files it read, and this program's version. A lending run's
/// scenario pins each book's file, SHA-256 and protocol profile instead.
Scenario scenario_of_run(const RunInputs& inputs);

/// The scenario of a run known by its names only (the app's Save scenario, a Library save): loads
/// the venue and hashes the book file (unless `book_sha256` is given), the L2 file of the l2-book
/// model and the price series, one pass each. Throws IoError when a file cannot be read.
Scenario scenario_of_run(const RunParameters& params, const std::string& venue, const std::string& book_path,
                         const std::string& book_sha256 = {});

/// The scenario of a lending run whose books are in memory (a front end's Save scenario; the app does
/// not offer one for lending runs yet): each book's
/// file and SHA-256 (hashed when not known) and protocol profile, the market files' hashes.
Scenario scenario_of_lending_run(const RunParameters& params, const std::vector<LendingBookInput>& books);

/// Throws DataError at `path` when a file a scenario pinned has changed: `what` is "L2 book" or
/// "price series", `actual` its SHA-256 now. An empty pin pins nothing.
void check_pin(const std::string& what, const std::string& path, const std::string& pinned, const std::string& actual);

/// The book pin: throws DataError at `book_path` when the book's SHA-256 is not the one
/// `scenario` (read from `scenario_file`) pinned; `book_label` names the book ("snapshot 'desk'").
void check_book_pin(const Scenario& scenario, const std::string& scenario_file, const std::string& book_path,
                    const std::string& book_label, const std::string& actual);

} // namespace levex
