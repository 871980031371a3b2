// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"
#include "core/model/RunStart.h"
#include "core/store/Workspace.h"
#include "core/usecase/BookInput.h"
#include "core/usecase/MarketFiles.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// What a run is asked to read: a book (a positions CSV or a workspace snapshot), a venue, its
/// parameters and, when it starts from one, a scenario.
struct RunRequest {
    std::string book_csv;           ///< a positions CSV, or
    std::string snapshot;           ///< the name of a workspace snapshot (needs `workspace`)
    Workspace* workspace = nullptr; ///< not owned
    BookReadOptions read;
    std::string venue; ///< a bundled name or a profile file; "": the scenario's, else the snapshot's, else generic
    const Scenario* scenario = nullptr; ///< its venue and its pins; not owned
    std::string scenario_file;          ///< where the scenario came from (for messages)
    RunParameters params;
    bool hash_book = false; ///< hash a CSV book (a scenario that pins it hashes it anyway)
    UnnamedSymbol unnamed_symbol = UnnamedSymbol::Refuse;
};

/// Everything a run reads, resolved and loaded.
struct RunInputs {
    RunParameters params;
    VenueProfile venue;
    std::shared_ptr<const PositionBook> book;
    std::string book_path;   ///< the CSV, or the file the snapshot was imported from
    std::string book_label;  ///< the book as messages name it: the path, or "snapshot 'desk'"
    std::string book_sha256; ///< "" unless hashed (a snapshot's is stored with it)
    std::optional<SnapshotInfo> snapshot;
    std::vector<Issue> notices;      ///< from reading a CSV (warnings, notices)
    std::vector<SkippedRow> skipped; ///< rows a CSV read under skip_bad_rows left out
    RunStart start;
    MarketFiles market;
};

/// The venue of a request: `venue`, else the scenario's own profile, else `fallback`.
VenueProfile resolve_venue(const std::string& venue, const Scenario* scenario, const std::string& scenario_file,
                           const std::string& fallback);

/// Resolves and loads a run's inputs, each check before the work the next one costs: the
/// parameters, the venue, the book (a snapshot only with a venue of its contract units), the
/// scenario's book pin, the market files and their pins, then the symbol and the start mark.
/// Throws ParameterError (a key the front end phrases), DataError, IoError, UsageError.
RunInputs resolve_run_inputs(const RunRequest& request);

} // namespace levex
