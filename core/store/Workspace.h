// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/engine/LendingCascade.h"
#include "core/io/LendingBookReader.h"
#include "core/io/ScenarioFile.h"
#include "core/model/LendingBook.h"
#include "core/model/PositionBook.h"
#include "core/store/SqliteDatabase.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace levex {

/// Why a workspace database was not opened. The file is left exactly as it was.
class WorkspaceOpenError : public std::runtime_error {
public:
    enum class Reason { TooNew, Corrupt, CannotOpen };
    WorkspaceOpenError(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
    Reason reason() const noexcept { return reason_; }

private:
    Reason reason_;
};

/// A stored book (a row of `snapshots`): a position book, or a lending book whose `symbols` are its
/// assets, `mark_prices` their oracle prices, `positions` its accounts and `venue` its protocol profile.
struct SnapshotInfo {
    std::int64_t id = 0;
    std::string name, source_path, content_hash, venue, imported_at;
    std::vector<std::string> symbols;
    std::vector<double> mark_prices; ///< parallel to symbols; NaN = none given
    std::size_t positions = 0;
    BookKind kind = BookKind::Positions;
};

/// What an import stores besides the book: where it came from and how it was read.
struct SnapshotSource {
    std::string name; ///< empty: the file's stem, made unique with " (2)", " (3)", ...
    std::string source_path;
    std::string content_hash; ///< SHA-256 of the file's bytes
    std::string venue = "generic";
};

struct ImportResult {
    SnapshotInfo snapshot;
    bool already_present = false; ///< identical content (hash and venue) was imported before: nothing written
    bool cancelled = false;       ///< the progress callback said stop: nothing written
};

struct ScenarioInfo {
    std::int64_t id = 0, snapshot_id = 0;
    std::string name, created_at;
    std::string parameters_json; ///< a scenario file (core/ScenarioFile)
};

/// A run as the Library lists it (no frames).
struct RunInfo {
    std::int64_t id = 0, scenario_id = 0, snapshot_id = 0;
    std::string scenario_name, started_at, symbol;
    double duration_ms = 0.0;
    std::size_t steps = 0, bins = 0;
    std::string summary_json;
    BookKind kind = BookKind::Positions; ///< a lending run's summary_json is a lending summary
};

/// A run loaded whole: what the app needs to show it again without simulating. A lending run fills
/// lending_summary and lending_log instead of summary and log.
struct StoredRun {
    RunInfo info;
    Scenario scenario;
    RunSummary summary;
    RunFrames frames;
    std::vector<LiquidationEvent> log;
    std::optional<LendingSummary> lending_summary;
    std::vector<LendingEvent> lending_log;
    std::vector<std::int64_t> snapshots; ///< the snapshots of its books, in the run's order
};

/// Progress in [0, 1]; return false to cancel.
using StoreProgress = std::function<bool(double fraction)>;

/// The workspace database (docs/formats.md §6): snapshots, scenarios and runs in one SQLite file (WAL,
/// synchronous=NORMAL, foreign keys, a busy timeout). One Workspace per thread.
/// Opening never damages a user's data: a file written by a newer LevEx, or one that fails
/// `PRAGMA quick_check`, is refused with WorkspaceOpenError before anything is written to it.
class Workspace {
public:
    explicit Workspace(const std::string& path);

    /// Stores a book in one transaction: on an error or a cancel nothing is left. Identical
    /// content (same hash and venue) is recognised and not stored twice. A name already used by
    /// another snapshot throws ParameterError (key "name").
    ImportResult import_snapshot(const PositionBook& book, const SnapshotSource& source,
                                 const StoreProgress& progress = {});
    /// Newest first.
    std::vector<SnapshotInfo> snapshots();
    std::optional<SnapshotInfo> find_snapshot(const std::string& name);
    std::optional<SnapshotInfo> snapshot(std::int64_t id);
    /// The stored book, every field as imported. `source` is the snapshot's source path.
    PositionBook load_book(std::int64_t snapshot_id);
    /// ParameterError (key "name") when another snapshot has the name, or for an empty one.
    void rename_snapshot(std::int64_t id, const std::string& name);
    /// Removes the snapshot with its positions, scenarios and runs.
    void delete_snapshot(std::int64_t id);

    std::int64_t save_scenario(std::int64_t snapshot_id, const std::string& name, const Scenario& scenario);
    std::vector<ScenarioInfo> scenarios(std::int64_t snapshot_id);
    std::optional<ScenarioInfo> scenario(std::int64_t id);
    void rename_scenario(std::int64_t id, const std::string& name);
    /// Removes the scenario with its runs.
    void delete_scenario(std::int64_t id);

    /// Stores a finished run with its frames and log. `started_at` is ISO 8601 UTC.
    std::int64_t save_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                          const std::string& symbol, const RunResult& result);
    /// A new scenario and its run in one transaction; returns their ids.
    std::pair<std::int64_t, std::int64_t> save_scenario_with_run(std::int64_t snapshot_id, const std::string& name,
                                                                 const Scenario& scenario,
                                                                 const std::string& started_at, double duration_ms,
                                                                 const std::string& symbol, const RunResult& result);
    /// The runs of a snapshot, newest first.
    std::vector<RunInfo> runs(std::int64_t snapshot_id);
    StoredRun load_run(std::int64_t run_id);
    void delete_run(std::int64_t run_id);

    /// Stores a lending book as a snapshot (docs/formats.md §6), as import_snapshot does: one
    /// transaction, identical content recognised; `source.venue` is the protocol profile it was read with.
    ImportResult import_lending_snapshot(const LendingBook& book, const SnapshotSource& source,
                                         const StoreProgress& progress = {});
    /// The stored lending book, every field as imported. UsageError for a snapshot of positions.
    LendingBook load_lending_book(std::int64_t snapshot_id);

    /// A lending run and its scenario in one transaction; the scenario belongs to the first snapshot
    /// and links the others in order. Returns their ids.
    std::pair<std::int64_t, std::int64_t>
    save_scenario_with_lending_run(const std::vector<std::int64_t>& snapshot_ids, const std::string& name,
                                   const Scenario& scenario, const std::string& started_at, double duration_ms,
                                   const std::string& symbol, const LendingRunResult& result);
    /// The snapshots a scenario runs, in order: its own, then the further books of a lending run.
    std::vector<std::int64_t> scenario_snapshots(std::int64_t scenario_id);

    SqliteDatabase& database() { return db_; }
    const std::string& path() const { return db_.path(); }

private:
    // The inserts without their transactions, so that saves can share one.
    std::int64_t insert_scenario(std::int64_t snapshot_id, const std::string& name, const Scenario& scenario);
    std::int64_t insert_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                            const std::string& symbol, const RunResult& result);
    /// What a runs row holds besides its frames, summary and log.
    struct RunRow {
        std::int64_t scenario_id;
        const std::string& started_at;
        double duration_ms;
        const std::string& symbol;
        const char* kind;
    };
    std::int64_t insert_run_row(const RunRow& row, const RunFrames& frames, const std::string& summary,
                                const std::vector<std::uint8_t>& log);
    std::int64_t insert_lending_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                                    const std::string& symbol, const LendingRunResult& result);
    std::optional<SnapshotInfo> same_content(const SnapshotSource& source);
    std::string unique_name(const SnapshotSource& source);
    void read_lending_run(StoredRun& run, std::span<const std::uint8_t> log_blob);

    SqliteDatabase db_;
};

/// Where the workspace lives when no --db is given: `workspace.db` in the user's data folder,
/// `$XDG_DATA_HOME/LevEx/LevEx` (else `~/.local/share/LevEx/LevEx`), the folder the desktop app's
/// QStandardPaths::AppDataLocation names. The folder is not created here.
std::string default_workspace_path();

/// The current time as ISO 8601 UTC ("2026-11-24T04:25:57Z").
std::string utc_now_iso8601();

/// Moves a database the user cannot open (and its -wal/-shm files) aside to
/// `PATH.unreadable-YYYYMMDD-HHMMSS`, so a fresh one can be started; returns the new path.
std::string move_database_aside(const std::string& path);

} // namespace levex
