// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"
#include "core/model/RunStart.h"
#include "core/store/Workspace.h"
#include "core/usecase/BookInput.h"
#include "core/usecase/LendingBookInput.h"
#include "core/usecase/MarketFiles.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace levex {

/// What a run is asked to read: a book (a positions CSV or a workspace snapshot) or one or more lending
/// books, a venue, its parameters and, when it starts from one, a scenario.
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
    /// Lending books (docs/lending.md §9), each with its protocol; then book_csv and snapshot are unused.
    std::vector<LendingBookSource> lending_books;
    /// A book_csv whose header is a lending book's, or a lending snapshot, is run as a lending book
    /// (with the run's `protocol`); false: it is refused as a front end that cannot show one would.
    bool accept_lending = false;
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
    RunStart start; ///< a lending run: the shocked asset and the market's start price (before an AMM's)
    MarketFiles market;
    /// A lending run (kind Lending): its books, in order; `book` is then null, `params.symbol` the
    /// shocked asset, `book_path` and `book_label` the first book's.
    BookKind kind = BookKind::Positions;
    std::vector<LendingBookInput> lending_books;
};

/// The venue of a request: `venue`, else the scenario's own profile, else `fallback`.
VenueProfile resolve_venue(const std::string& venue, const Scenario* scenario, const std::string& scenario_file,
                           const std::string& fallback);

/// Resolves and loads a run's inputs, each check before the work the next one costs: the
/// parameters, the venue, the book (a snapshot only with a venue of its contract units), the
/// scenario's book pin, the market files and their pins, then the symbol and the start mark.
/// Throws ParameterError (a key the front end phrases), DataError, IoError, UsageError.
/// A lending run's books (kind Lending) are resolved in the same order: the parameters, each book's
/// protocol (its own, the scenario's pin, the run's `protocol`, its snapshot's) and book, the pins, the
/// market files, then the shocked asset (`symbol`, else the first book's largest collateral).
RunInputs resolve_run_inputs(const RunRequest& request);

/// The lending books of a request: its lending_books, or its book_csv or snapshot when they hold a
/// lending book and the request accepts one (empty otherwise). Reads only the file's header.
std::vector<LendingBookSource> lending_sources(const RunRequest& request);

/// Loads the lending books of `sources` into `inputs` (kind Lending), checking the scenario's pins,
/// and resolves the shocked asset. Notices go to inputs.notices.
void resolve_lending_books(const RunRequest& request, const std::vector<LendingBookSource>& sources, RunInputs& inputs);

} // namespace levex
