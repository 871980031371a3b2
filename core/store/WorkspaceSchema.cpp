// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/WorkspaceSchema.h"

#include <string>

namespace levex {

namespace {

// Step k takes a database from version k to k + 1. Never edit a released step: add one.
constexpr const char* kMigrations[] = {
    // 0 -> 1: snapshots of position books and their positions (every docs/formats.md §1 field).
    R"sql(
CREATE TABLE snapshots (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    source_path    TEXT NOT NULL,
    content_hash   TEXT NOT NULL,           -- SHA-256 of the file's bytes (the book's identity)
    venue          TEXT NOT NULL,           -- profile the book was read with (inverse units differ)
    imported_at    TEXT NOT NULL,           -- ISO 8601, UTC
    symbols        TEXT NOT NULL,           -- JSON array of names, in the book's order
    mark_prices    TEXT NOT NULL,           -- JSON array parallel to symbols; null = none given
    position_count INTEGER NOT NULL
);
CREATE INDEX snapshots_by_hash ON snapshots (content_hash);
CREATE INDEX snapshots_by_time ON snapshots (imported_at);
-- key = snapshot_id * 2^32 + row: a snapshot's rows are one contiguous, append-only key range
-- (bulk inserts take SQLite's append path; loads are one range scan).
CREATE TABLE positions (
    key               INTEGER PRIMARY KEY,
    snapshot_id       INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    id                TEXT NOT NULL,
    account           TEXT NOT NULL,
    symbol            TEXT NOT NULL,
    side              INTEGER NOT NULL CHECK (side IN (-1, 1)),
    size              REAL NOT NULL,
    entry_price       REAL NOT NULL,
    margin            REAL NOT NULL,
    leverage          REAL,
    margin_mode       TEXT NOT NULL CHECK (margin_mode IN ('isolated', 'cross')),
    collateral        REAL,                 -- the cross account's wallet balance; NULL for isolated rows
    maint_margin_rate REAL,
    maint_amount      REAL,
    liquidation_price REAL,                 -- the exchange's own figure
    line              INTEGER NOT NULL
);
)sql",
    // 1 -> 2: scenarios (run parameters as scenario JSON) and runs with their frames.
    R"sql(
CREATE TABLE scenarios (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    parameters  TEXT NOT NULL               -- a scenario file (docs/command-line.md)
);
CREATE INDEX scenarios_by_snapshot ON scenarios (snapshot_id, created_at);
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    started_at  TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    symbol      TEXT NOT NULL,
    steps       INTEGER NOT NULL,
    bins        INTEGER NOT NULL,
    summary     TEXT NOT NULL,              -- the summary JSON of docs/model.md §6
    edges       BLOB NOT NULL,              -- 1 x (bins + 1) price bin edges
    series      BLOB NOT NULL,              -- 11 x steps per-step series
    heatmap     BLOB NOT NULL,              -- (4 * steps) x bins: open long, open short, executed long, short
    log         BLOB NOT NULL               -- events x 9: the liquidation log
);
CREATE INDEX runs_by_scenario ON runs (scenario_id, started_at);
)sql",
    // 2 -> 3: lending books as snapshots of a second kind, lending runs, runs over several books.
    R"sql(
ALTER TABLE snapshots ADD COLUMN kind TEXT NOT NULL DEFAULT 'positions' CHECK (kind IN ('positions', 'lending'));
-- A lending snapshot: symbols = its assets, mark_prices = their oracle prices, position_count = its
-- accounts, venue = the protocol profile it was read with.
CREATE TABLE lending_accounts (
    key           INTEGER PRIMARY KEY,      -- snapshot_id * 2^32 + account
    snapshot_id   INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    emode         INTEGER NOT NULL,
    health_factor REAL                      -- the protocol's own figure; NULL = not given
);
CREATE TABLE lending_rows (
    key                      INTEGER PRIMARY KEY, -- snapshot_id * 2^32 + row; an account's rows in order
    snapshot_id              INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    account                  INTEGER NOT NULL,    -- the account's index in the snapshot
    asset                    INTEGER NOT NULL,    -- index into the snapshot's symbols
    collateral               REAL NOT NULL,
    debt                     REAL NOT NULL,
    liquidation_threshold    REAL,                -- NULL = the protocol profile's
    liquidation_bonus        REAL,
    liquidation_protocol_fee REAL,
    line                     INTEGER NOT NULL
);
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'positions' CHECK (kind IN ('positions', 'lending'));
-- The further books of a lending run's scenario (its first is the scenario's snapshot).
CREATE TABLE scenario_books (
    scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,           -- 1, 2, ...: its place among the run's books
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    PRIMARY KEY (scenario_id, position)
);
CREATE INDEX scenario_books_by_snapshot ON scenario_books (snapshot_id);
)sql",
};
static_assert(std::size(kMigrations) == kWorkspaceSchemaVersion);

} // namespace

void migrate_workspace(SqliteDatabase& db, int target) {
    for (;;) {
        SqliteTransaction transaction(db);
        const auto version = static_cast<int>(db.query_int("PRAGMA user_version"));
        if (version >= target)
            return;
        db.exec(kMigrations[version]);
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        transaction.commit();
    }
}

} // namespace levex
