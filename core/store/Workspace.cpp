// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Workspace.h"

#include "core/base/FlatHashIndex.h"
#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/engine/RunSeries.h"
#include "core/io/LendingRunReport.h"
#include "core/io/RunReport.h"
#include "core/model/ParameterError.h"
#include "core/model/ParameterTable.h"
#include "core/store/RunBlob.h"
#include "core/store/WorkspaceKeys.h"
#include "core/store/WorkspaceSchema.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <limits>

namespace levex {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kLogColumns = 9;
constexpr std::size_t kSeriesRowsBeforeWithdrawal = 11; // docs/formats.md §6

std::string iso8601(std::time_t t, const char* format) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

std::string symbols_json(const PositionBook& book) {
    return nlohmann::json(book.symbol_names).dump();
}

std::string marks_json(const PositionBook& book) {
    nlohmann::json marks = nlohmann::json::array();
    for (double m : book.symbol_mark)
        marks.push_back(std::isnan(m) ? nlohmann::json(nullptr) : nlohmann::json(m));
    return marks.dump();
}

SnapshotInfo snapshot_from_row(const SqliteStatement& s) {
    SnapshotInfo info;
    info.id = s.column_int(0);
    info.name = s.column_text(1);
    info.source_path = s.column_text(2);
    info.content_hash = s.column_text(3);
    info.venue = s.column_text(4);
    info.imported_at = s.column_text(5);
    const auto symbols = nlohmann::json::parse(s.column_text(6), nullptr, false);
    const auto marks = nlohmann::json::parse(s.column_text(7), nullptr, false);
    if (symbols.is_array())
        for (const auto& name : symbols)
            info.symbols.push_back(name.is_string() ? name.get<std::string>() : std::string());
    if (marks.is_array())
        for (const auto& m : marks)
            info.mark_prices.push_back(m.is_number() ? m.get<double>() : std::numeric_limits<double>::quiet_NaN());
    info.mark_prices.resize(info.symbols.size(), std::numeric_limits<double>::quiet_NaN());
    info.positions = static_cast<std::size_t>(s.column_int(8));
    info.kind = s.column_text(9) == "lending" ? BookKind::Lending : BookKind::Positions;
    return info;
}

constexpr const char* kSnapshotColumns =
    "SELECT id, name, source_path, content_hash, venue, imported_at, symbols, mark_prices, position_count, kind "
    "FROM snapshots ";

// A run as listed; kWholeRun adds its scenario's parameters and the blobs (columns 11 to 15).
#define LEVEX_RUN_INFO_COLUMNS                                                                                         \
    "r.id, r.scenario_id, s.snapshot_id, s.name, r.started_at, r.symbol, r.duration_ms, r.steps, r.bins, r.summary, "  \
    "r.kind"
constexpr const char* kRunColumns =
    "SELECT " LEVEX_RUN_INFO_COLUMNS " FROM runs r JOIN scenarios s ON s.id = r.scenario_id ";
constexpr const char* kWholeRun =
    "SELECT " LEVEX_RUN_INFO_COLUMNS ", s.parameters, r.edges, r.series, r.heatmap, r.log "
    "FROM runs r JOIN scenarios s ON s.id = r.scenario_id WHERE r.id = ?";
#undef LEVEX_RUN_INFO_COLUMNS

RunInfo run_from_row(const SqliteStatement& s) {
    RunInfo info;
    info.id = s.column_int(0);
    info.scenario_id = s.column_int(1);
    info.snapshot_id = s.column_int(2);
    info.scenario_name = s.column_text(3);
    info.started_at = s.column_text(4);
    info.symbol = s.column_text(5);
    info.duration_ms = s.column_double(6);
    info.steps = static_cast<std::size_t>(s.column_int(7));
    info.bins = static_cast<std::size_t>(s.column_int(8));
    info.summary_json = s.column_text(9);
    info.kind = s.column_text(10) == "lending" ? BookKind::Lending : BookKind::Positions;
    return info;
}

bool name_taken(SqliteDatabase& db, const std::string& name, std::int64_t except_id) {
    SqliteStatement s = db.prepare("SELECT 1 FROM snapshots WHERE name = ? AND id <> ?");
    s.bind(1, name);
    s.bind(2, except_id);
    return s.step();
}

// A snapshot name another snapshot already has (key "name": each front end says where to change it).
ParameterError name_in_use(const std::string& name, const std::string& path) {
    return ParameterError({"name", "a name no other snapshot in " + path + " has",
                           "'" + name + "' (a snapshot named '" + name + "' already exists)",
                           "choose another {name}, or rename or delete that snapshot"});
}

[[noreturn]] void refuse(WorkspaceOpenError::Reason reason, const std::string& message) {
    throw WorkspaceOpenError(reason, message);
}

} // namespace

std::string utc_now_iso8601() {
    return iso8601(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ");
}

std::string default_workspace_path() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    // As QStandardPaths does: a relative XDG_DATA_HOME is ignored.
    std::filesystem::path base = xdg && xdg[0] == '/' ? std::filesystem::path(xdg)
                                 : home               ? std::filesystem::path(home) / ".local" / "share"
                                                      : std::filesystem::temp_directory_path();
    return (base / "LevEx" / "LevEx" / "workspace.db").string();
}

std::string move_database_aside(const std::string& path) {
    namespace fs = std::filesystem;
    std::string target = path + ".unreadable-" + iso8601(std::time(nullptr), "%Y%m%d-%H%M%S");
    for (int k = 2; fs::exists(target); ++k)
        target = path + ".unreadable-" + iso8601(std::time(nullptr), "%Y%m%d-%H%M%S") + "-" + std::to_string(k);
    // The journal first: it holds committed pages, and a fresh database at `path` would delete a
    // journal left behind.
    std::error_code error;
    for (const char* suffix : {"-wal", "-shm", ""}) {
        if (*suffix && !fs::exists(path + suffix))
            continue;
        fs::rename(path + suffix, target + suffix, error);
        if (error)
            throw std::runtime_error(path + suffix + ": cannot move it aside to " + target + suffix + ": " +
                                     error.message());
    }
    return target;
}

Workspace::Workspace(const std::string& path) : db_(path) {
    sqlite3_busy_timeout(db_.handle(), kBusyTimeoutMs);
    // Read-only checks first: nothing is written to a file we are about to refuse.
    int version = 0;
    try {
        version = static_cast<int>(db_.query_int("PRAGMA user_version"));
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_NOTADB || e.code() == SQLITE_CORRUPT)
            refuse(WorkspaceOpenError::Reason::Corrupt,
                   path + ": expected a LevEx workspace database, found a file SQLite cannot read (" + e.what() +
                       "). Move it aside to start a fresh workspace.");
        refuse(WorkspaceOpenError::Reason::CannotOpen, e.what());
    }
    if (version < 0)
        refuse(WorkspaceOpenError::Reason::Corrupt,
               path + ": expected a LevEx workspace database, found schema version " + std::to_string(version) +
                   ". It was not changed: choose another workspace file.");
    if (version > kWorkspaceSchemaVersion)
        refuse(WorkspaceOpenError::Reason::TooNew,
               path + ": written by a newer version of LevEx (workspace schema " + std::to_string(version) +
                   "; this version reads up to " + std::to_string(kWorkspaceSchemaVersion) +
                   "). It was not opened and is unchanged: use the newer LevEx, or choose another workspace file.");
    try {
        SqliteStatement check = db_.prepare("PRAGMA quick_check(5)");
        std::string problems;
        while (check.step()) {
            const std::string line(check.column_text(0));
            if (line != "ok")
                problems += (problems.empty() ? "" : "; ") + line;
        }
        if (!problems.empty())
            refuse(WorkspaceOpenError::Reason::Corrupt,
                   path + ": the workspace database is damaged (quick_check: " + problems +
                       "). It was not changed. Move it aside to start a fresh workspace.");
    } catch (const SqliteError& e) {
        refuse(WorkspaceOpenError::Reason::Corrupt, path + ": the workspace database is damaged (" + e.what() +
                                                        "). It was not changed. Move it aside to start a fresh "
                                                        "workspace.");
    }
    // Version 0 with tables is another program's database: LevEx would add its tables to it.
    if (version == 0 && db_.query_int("SELECT count(*) FROM sqlite_schema") > 0)
        refuse(WorkspaceOpenError::Reason::Corrupt,
               path + ": expected a LevEx workspace database, found another program's SQLite database. It was "
                      "not changed: choose another workspace file.");
    if (version == 0 && db_.query_int("PRAGMA page_count") == 0)
        db_.exec("PRAGMA page_size = 16384"); // a new file: bigger pages suit million-row snapshots
    {
        SqliteStatement wal = db_.prepare("PRAGMA journal_mode = WAL");
        if (!wal.step() || wal.column_text(0) != "wal")
            refuse(WorkspaceOpenError::Reason::CannotOpen, path + ": cannot switch the database to WAL journaling");
    }
    db_.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
    if (version < kWorkspaceSchemaVersion) // only then the write lock: readers open beside a writer
        migrate_workspace(db_);
}

std::optional<SnapshotInfo> Workspace::same_content(const SnapshotSource& source) {
    SqliteStatement same = db_.prepare(std::string(kSnapshotColumns) + "WHERE content_hash = ? AND venue = ?");
    same.bind(1, source.content_hash);
    same.bind(2, source.venue);
    if (!same.step())
        return std::nullopt;
    return snapshot_from_row(same);
}

std::string Workspace::unique_name(const SnapshotSource& source) {
    std::string name = source.name;
    if (!name.empty()) {
        if (name_taken(db_, name, 0))
            throw name_in_use(name, path());
        return name;
    }
    const std::string stem = std::filesystem::path(source.source_path).stem().string();
    name = stem.empty() ? "snapshot" : stem;
    for (int k = 2; name_taken(db_, name, 0); ++k)
        name = (stem.empty() ? "snapshot" : stem) + " (" + std::to_string(k) + ")";
    return name;
}

ImportResult Workspace::import_snapshot(const PositionBook& book, const SnapshotSource& source,
                                        const StoreProgress& progress) {
    ImportResult result;
    SqliteTransaction transaction(db_);
    if (auto same = same_content(source)) {
        result.snapshot = std::move(*same);
        result.already_present = true;
        return result;
    }
    const std::string name = unique_name(source);

    SqliteStatement insert =
        db_.prepare("INSERT INTO snapshots (name, source_path, content_hash, venue, imported_at, symbols, mark_prices, "
                    "position_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string imported_at = utc_now_iso8601();
    insert.bind(1, name);
    insert.bind(2, source.source_path);
    insert.bind(3, source.content_hash);
    insert.bind(4, source.venue);
    insert.bind(5, imported_at);
    insert.bind(6, symbols_json(book));
    insert.bind(7, marks_json(book));
    insert.bind(8, static_cast<std::int64_t>(book.positions()));
    insert.run();
    const std::int64_t id = db_.last_insert_rowid();

    // One prepared statement reused for every row, in one transaction.
    SqliteStatement row = db_.prepare(
        "INSERT INTO positions (key, snapshot_id, id, account, symbol, side, size, entry_price, margin, leverage, "
        "margin_mode, collateral, maint_margin_rate, maint_amount, liquidation_price, line) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::size_t n = book.positions();
    constexpr std::size_t kProgressEvery = 1 << 16;
    for (std::size_t i = 0; i < n; ++i) {
        if (progress && i % kProgressEvery == 0 && !progress(static_cast<double>(i) / static_cast<double>(n))) {
            result.cancelled = true;
            return result; // the transaction rolls back
        }
        const bool cross = book.mode[i] == MarginMode::Cross;
        row.bind(1, row_key(id, i));
        row.bind(2, id);
        row.bind_static(3, book.id[i]);
        row.bind_static(4, book.account_names[book.account[i]]);
        row.bind_static(5, book.symbol_names[book.symbol[i]]);
        row.bind(6, static_cast<std::int64_t>(book.side[i]));
        row.bind(7, book.size[i]);
        row.bind(8, book.entry_price[i]);
        row.bind(9, book.margin[i]);
        row.bind(10, book.leverage[i]);
        row.bind_static(11, cross ? "cross" : "isolated");
        row.bind(12, cross ? book.account_collateral[book.account[i]] : std::numeric_limits<double>::quiet_NaN());
        row.bind(13, book.maint_margin_rate[i]);
        row.bind(14, book.maint_amount[i]);
        row.bind(15, book.exchange_liquidation_price[i]);
        row.bind(16, static_cast<std::int64_t>(book.line[i]));
        row.run();
    }
    if (progress && !progress(1.0)) {
        result.cancelled = true;
        return result;
    }
    transaction.commit();
    result.snapshot = *snapshot(id);
    return result;
}

std::vector<SnapshotInfo> Workspace::snapshots() {
    std::vector<SnapshotInfo> out;
    SqliteStatement s = db_.prepare(std::string(kSnapshotColumns) + "ORDER BY imported_at DESC, id DESC");
    while (s.step())
        out.push_back(snapshot_from_row(s));
    return out;
}

std::optional<SnapshotInfo> Workspace::find_snapshot(const std::string& name) {
    SqliteStatement s = db_.prepare(std::string(kSnapshotColumns) + "WHERE name = ?");
    s.bind(1, name);
    if (!s.step())
        return std::nullopt;
    return snapshot_from_row(s);
}

std::optional<SnapshotInfo> Workspace::snapshot(std::int64_t id) {
    SqliteStatement s = db_.prepare(std::string(kSnapshotColumns) + "WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return snapshot_from_row(s);
}

PositionBook Workspace::load_book(std::int64_t snapshot_id) {
    const std::optional<SnapshotInfo> info = snapshot(snapshot_id);
    if (!info)
        throw UsageError(path() + ": no snapshot with id " + std::to_string(snapshot_id));
    if (info->kind != BookKind::Positions)
        throw UsageError(path() + ": snapshot '" + info->name + "' is a lending book, not a position book");
    PositionBook book;
    book.source = info->source_path;
    book.symbol_names = info->symbols;
    book.symbol_mark = info->mark_prices;
    book.reserve(info->positions);

    // Reading a whole snapshot is one consistent view even while another connection writes.
    db_.exec("BEGIN");
    struct EndRead {
        SqliteDatabase& db;
        ~EndRead() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    } end_read{db_};
    SqliteStatement s =
        db_.prepare("SELECT id, account, symbol, side, size, entry_price, margin, leverage, margin_mode, collateral, "
                    "maint_margin_rate, maint_amount, liquidation_price, line FROM positions WHERE key BETWEEN ? AND ? "
                    "ORDER BY key");
    s.bind(1, row_key(snapshot_id, 0));
    s.bind(2, row_key(snapshot_id, 0xFFFFFFFFu));
    FlatHashIndex accounts(info->positions);
    std::uint32_t symbol = 0;
    while (s.step()) {
        book.id.push_back(s.column_text(0));
        const std::string_view account = s.column_text(1);
        const std::uint64_t hash = std::hash<std::string_view>{}(account);
        std::uint32_t a = accounts.find(hash, [&](std::uint32_t k) { return book.account_names[k] == account; });
        if (a == FlatHashIndex::kNone) {
            a = static_cast<std::uint32_t>(book.account_names.size());
            accounts.insert(hash, a);
            book.account_names.push_back(account);
            book.account_collateral.push_back(std::numeric_limits<double>::quiet_NaN());
        }
        book.account.push_back(a);
        const std::string_view symbol_name = s.column_text(2);
        if (symbol >= book.symbol_names.size() || book.symbol_names[symbol] != symbol_name) {
            symbol = 0;
            while (symbol < book.symbol_names.size() && book.symbol_names[symbol] != symbol_name)
                ++symbol;
            if (symbol == book.symbol_names.size())
                throw DataError({Severity::Error, path(), 0, 0, "symbol",
                                 "snapshot '" + info->name + "': expected one of its symbols, found '" +
                                     std::string(symbol_name) + "'"});
        }
        book.symbol.push_back(symbol);
        book.side.push_back(static_cast<std::int8_t>(s.column_int(3)));
        book.size.push_back(s.column_double(4));
        book.entry_price.push_back(s.column_double(5));
        book.margin.push_back(s.column_double(6));
        book.leverage.push_back(s.column_double(7));
        const bool cross = s.column_text(8) == "cross";
        book.mode.push_back(cross ? MarginMode::Cross : MarginMode::Isolated);
        if (cross)
            book.account_collateral[a] = s.column_double(9);
        book.maint_margin_rate.push_back(s.column_double(10));
        book.maint_amount.push_back(s.column_double(11));
        book.exchange_liquidation_price.push_back(s.column_double(12));
        book.line.push_back(static_cast<std::uint32_t>(s.column_int(13)));
    }
    if (book.positions() != info->positions)
        throw DataError({Severity::Error, path(), 0, 0, "positions",
                         "snapshot '" + info->name + "': expected " + std::to_string(info->positions) +
                             " positions, found " + std::to_string(book.positions())});
    return book;
}

void Workspace::rename_snapshot(std::int64_t id, const std::string& name) {
    if (name.empty())
        throw ParameterError({"name", "a name for the snapshot", "none"});
    SqliteTransaction transaction(db_);
    if (name_taken(db_, name, id))
        throw name_in_use(name, path());
    SqliteStatement s = db_.prepare("UPDATE snapshots SET name = ? WHERE id = ?");
    s.bind(1, name);
    s.bind(2, id);
    s.run();
    if (db_.changes() == 0)
        throw UsageError(path() + ": no snapshot with id " + std::to_string(id));
    transaction.commit();
}

void Workspace::delete_snapshot(std::int64_t id) {
    SqliteTransaction transaction(db_);
    // Positions by their key range first (the cascade alone would look for them row by row).
    SqliteStatement positions = db_.prepare("DELETE FROM positions WHERE key BETWEEN ? AND ?");
    positions.bind(1, row_key(id, 0));
    positions.bind(2, row_key(id, 0xFFFFFFFFu));
    positions.run();
    for (const char* table : {"lending_rows", "lending_accounts"}) {
        SqliteStatement rows = db_.prepare(std::string("DELETE FROM ") + table + " WHERE key BETWEEN ? AND ?");
        rows.bind(1, row_key(id, 0));
        rows.bind(2, row_key(id, 0xFFFFFFFFu));
        rows.run();
    }
    // A lending run over several books goes with any of them.
    SqliteStatement linked =
        db_.prepare("DELETE FROM scenarios WHERE id IN (SELECT scenario_id FROM scenario_books WHERE snapshot_id = ?)");
    linked.bind(1, id);
    linked.run();
    SqliteStatement s = db_.prepare("DELETE FROM snapshots WHERE id = ?"); // cascades to scenarios and runs
    s.bind(1, id);
    s.run();
    transaction.commit();
}

std::int64_t Workspace::insert_scenario(std::int64_t snapshot_id, const std::string& name, const Scenario& scenario) {
    SqliteStatement s =
        db_.prepare("INSERT INTO scenarios (snapshot_id, name, created_at, parameters) VALUES (?, ?, ?, ?)");
    s.bind(1, snapshot_id);
    s.bind(2, name);
    s.bind(3, utc_now_iso8601());
    s.bind(4, write_scenario_json(scenario));
    s.run();
    return db_.last_insert_rowid();
}

std::int64_t Workspace::save_scenario(std::int64_t snapshot_id, const std::string& name, const Scenario& scenario) {
    SqliteTransaction transaction(db_);
    const std::int64_t id = insert_scenario(snapshot_id, name, scenario);
    transaction.commit();
    return id;
}

std::pair<std::int64_t, std::int64_t>
Workspace::save_scenario_with_run(std::int64_t snapshot_id, const std::string& name, const Scenario& scenario,
                                  const std::string& started_at, double duration_ms, const std::string& symbol,
                                  const RunResult& result) {
    SqliteTransaction transaction(db_); // both or neither: no scenario is left without its run
    const std::int64_t scenario_id = insert_scenario(snapshot_id, name, scenario);
    const std::int64_t run_id = insert_run(scenario_id, started_at, duration_ms, symbol, result);
    transaction.commit();
    return {scenario_id, run_id};
}

std::vector<ScenarioInfo> Workspace::scenarios(std::int64_t snapshot_id) {
    std::vector<ScenarioInfo> out;
    SqliteStatement s = db_.prepare("SELECT id, snapshot_id, name, created_at, parameters FROM scenarios "
                                    "WHERE snapshot_id = ? ORDER BY created_at DESC, id DESC");
    s.bind(1, snapshot_id);
    while (s.step())
        out.push_back({s.column_int(0), s.column_int(1), std::string(s.column_text(2)), std::string(s.column_text(3)),
                       std::string(s.column_text(4))});
    return out;
}

std::optional<ScenarioInfo> Workspace::scenario(std::int64_t id) {
    SqliteStatement s = db_.prepare("SELECT id, snapshot_id, name, created_at, parameters FROM scenarios WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return ScenarioInfo{s.column_int(0), s.column_int(1), std::string(s.column_text(2)), std::string(s.column_text(3)),
                        std::string(s.column_text(4))};
}

void Workspace::rename_scenario(std::int64_t id, const std::string& name) {
    if (name.empty())
        throw ParameterError({"name", "a name for the scenario", "none"});
    SqliteTransaction transaction(db_);
    SqliteStatement s = db_.prepare("UPDATE scenarios SET name = ? WHERE id = ?");
    s.bind(1, name);
    s.bind(2, id);
    s.run();
    transaction.commit();
}

void Workspace::delete_scenario(std::int64_t id) {
    SqliteTransaction transaction(db_);
    SqliteStatement s = db_.prepare("DELETE FROM scenarios WHERE id = ?"); // cascades to its runs
    s.bind(1, id);
    s.run();
    transaction.commit();
}

std::int64_t Workspace::save_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                                 const std::string& symbol, const RunResult& result) {
    SqliteTransaction transaction(db_);
    const std::int64_t id = insert_run(scenario_id, started_at, duration_ms, symbol, result);
    transaction.commit();
    return id;
}

std::int64_t Workspace::insert_run(std::int64_t scenario_id, const std::string& started_at, double duration_ms,
                                   const std::string& symbol, const RunResult& result) {
    std::vector<double> log;
    log.reserve(result.log.size() * kLogColumns);
    for (const LiquidationEvent& e : result.log)
        log.insert(log.end(), {double(e.step), double(e.position), double(e.side), double(e.path), e.size, e.trigger,
                               e.fill_price, e.fee, e.fund_pnl});
    return insert_run_row({scenario_id, started_at, duration_ms, symbol, "positions"}, result.frames,
                          summary_json(result.summary),
                          encode_matrix(log, result.log.size(), kLogColumns, BlobEncoding::Dense));
}

std::int64_t Workspace::insert_run_row(const RunRow& row, const RunFrames& f, const std::string& summary,
                                       const std::vector<std::uint8_t>& log) {
    const std::size_t steps = f.steps;
    // One row per series, at the row the format fixes for it (docs/formats.md §6).
    const std::size_t series_rows = run_series().size();
    std::vector<double> series(series_rows * steps, 0.0);
    for (const RunSeries& one : run_series())
        for (std::size_t t = 0; t < std::min(steps, one.size(f)); ++t)
            series[one.stored_row * steps + t] = one.at(f, t);

    std::vector<double> heatmap;
    const bool histograms = f.open_long.size() == steps * f.bins && f.bins > 0 && steps > 0;
    if (histograms) {
        heatmap.reserve(run_histograms().size() * steps * f.bins);
        for (const RunHistogram& h : run_histograms())
            heatmap.insert(heatmap.end(), (f.*h.values).begin(), (f.*h.values).end());
    }
    SqliteStatement s =
        db_.prepare("INSERT INTO runs (scenario_id, started_at, duration_ms, symbol, steps, bins, summary, edges, "
                    "series, heatmap, log, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, row.scenario_id);
    s.bind(2, row.started_at);
    s.bind(3, row.duration_ms);
    s.bind(4, row.symbol);
    s.bind(5, static_cast<std::int64_t>(steps));
    s.bind(6, static_cast<std::int64_t>(f.bins));
    s.bind(7, summary);
    s.bind_blob(8, encode_matrix(f.edges, 1, f.edges.size(), BlobEncoding::Dense));
    s.bind_blob(9, encode_matrix(series, series_rows, steps, BlobEncoding::Dense));
    s.bind_blob(
        10, encode_matrix(heatmap, histograms ? run_histograms().size() * steps : 0, f.bins, BlobEncoding::RowDelta));
    s.bind_blob(11, log);
    s.bind(12, row.kind);
    s.run();
    return db_.last_insert_rowid();
}

std::vector<RunInfo> Workspace::runs(std::int64_t snapshot_id) {
    std::vector<RunInfo> out;
    SqliteStatement s = db_.prepare(
        std::string(kRunColumns) +
        "WHERE s.snapshot_id = ?1 OR s.id IN (SELECT scenario_id FROM scenario_books WHERE snapshot_id = ?1) "
        "ORDER BY r.started_at DESC, r.id DESC");
    s.bind(1, snapshot_id);
    while (s.step())
        out.push_back(run_from_row(s));
    return out;
}

StoredRun Workspace::load_run(std::int64_t run_id) {
    SqliteStatement s = db_.prepare(kWholeRun);
    s.bind(1, run_id);
    if (!s.step())
        throw UsageError(path() + ": no run with id " + std::to_string(run_id));
    StoredRun run;
    run.info = run_from_row(s);
    const std::string what = path() + ": run " + std::to_string(run_id);
    run.scenario = parse_scenario_json(std::string(s.column_text(11)), what + " scenario");
    const bool lending = run.info.kind == BookKind::Lending;
    if (lending)
        run.lending_summary = parse_lending_summary_json(run.info.summary_json, what + " summary");
    else
        run.summary = parse_summary_json(run.info.summary_json, what + " summary");
    run.snapshots = scenario_snapshots(run.info.scenario_id);
    RunFrames& f = run.frames;
    f.steps = run.info.steps;
    f.bins = run.info.bins;
    // Everything below comes from the file: shapes and values are checked before they are used.
    auto damaged = [&](const std::string& part, const std::string& expected, const std::string& found) {
        throw DataError(
            {Severity::Error, path(), 0, 0, part, what + " " + part + ": expected " + expected + ", found " + found});
    };
    auto shape = [](std::size_t rows, std::size_t cols) { return std::to_string(rows) + " x " + std::to_string(cols); };
    if (f.bins < 2 || f.steps * f.bins > kMaxHeatmapCells)
        damaged("shape", "steps x bins within the run limits", shape(f.steps, f.bins));
    f.edges = decode_matrix(s.column_blob(12), what + " edges").values;
    if (f.edges.size() != f.bins + 1)
        damaged("edges", std::to_string(f.bins + 1) + " bin edges", std::to_string(f.edges.size()));
    const DecodedMatrix series = decode_matrix(s.column_blob(13), what + " series");
    const std::size_t series_rows = run_series().size();
    // Runs stored before the withdrawal series (row 11) was recorded hold 11 rows: their books were static.
    const bool before_withdrawal = series.rows == kSeriesRowsBeforeWithdrawal;
    if ((series.rows != series_rows && !before_withdrawal) || series.cols != f.steps)
        damaged("series", shape(series_rows, f.steps), shape(series.rows, series.cols));
    auto whole = [&](double x, double limit, const std::string& part) {
        if (!(x >= 0 && x <= limit && x == std::floor(x)))
            damaged(part, "a whole number in [0, " + format_plain(limit) + "]", format_plain(x));
        return x;
    };
    for (const RunSeries& one : run_series()) {
        one.resize(f, f.steps);
        if (one.stored_row >= series.rows) {
            for (std::size_t t = 0; t < f.steps; ++t)
                one.set(f, t, 1.0); // w = 1: nothing withdrawn
            continue;
        }
        const double* row = series.values.data() + one.stored_row * f.steps;
        for (std::size_t t = 0; t < f.steps; ++t)
            one.set(f, t, one.counts ? whole(row[t], UINT32_MAX, "series") : row[t]);
    }
    const DecodedMatrix heatmap = decode_matrix(s.column_blob(14), what + " heatmap");
    if (heatmap.rows != 0 && (heatmap.rows != run_histograms().size() * f.steps || heatmap.cols != f.bins))
        damaged("heatmap", shape(run_histograms().size() * f.steps, f.bins) + " (or none)",
                shape(heatmap.rows, heatmap.cols));
    if (heatmap.rows != 0) {
        std::size_t k = 0;
        for (const RunHistogram& h : run_histograms()) {
            (f.*h.values)
                .assign(heatmap.values.begin() + static_cast<std::ptrdiff_t>(k * f.steps * f.bins),
                        heatmap.values.begin() + static_cast<std::ptrdiff_t>((k + 1) * f.steps * f.bins));
            ++k;
        }
    }
    if (lending) {
        read_lending_run(run, s.column_blob(15));
        return run;
    }
    const DecodedMatrix log = decode_matrix(s.column_blob(15), what + " log");
    if (log.rows != 0 && log.cols != kLogColumns)
        damaged("log", std::to_string(kLogColumns) + " columns", std::to_string(log.cols));
    run.log.reserve(log.rows);
    for (std::size_t r = 0; r < log.rows; ++r) {
        const double* v = log.values.data() + r * kLogColumns;
        if (v[2] != 1 && v[2] != -1)
            damaged("log", "side 1 or -1", format_plain(v[2]));
        const double path_code = whole(v[3], double(LiquidationPath::Takeover), "log");
        run.log.push_back({static_cast<std::uint32_t>(whole(v[0], double(f.steps), "log")),
                           static_cast<std::uint32_t>(whole(v[1], UINT32_MAX, "log")), static_cast<std::int8_t>(v[2]),
                           static_cast<LiquidationPath>(static_cast<int>(path_code)), v[4], v[5], v[6], v[7], v[8]});
    }
    return run;
}

void Workspace::delete_run(std::int64_t run_id) {
    SqliteTransaction transaction(db_);
    SqliteStatement s = db_.prepare("DELETE FROM runs WHERE id = ?");
    s.bind(1, run_id);
    s.run();
    transaction.commit();
}

} // namespace levex
