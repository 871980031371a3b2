// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Workspace.h"
#include "core/base/Issue.h"
#include "core/engine/Simulation.h"
#include "core/io/PositionCsvReader.h"
#include "core/io/RunReport.h"
#include "core/model/BookGenerator.h"
#include "core/store/RunBlob.h"
#include "core/store/SqliteDatabase.h"
#include "core/store/WorkspaceSchema.h"
#include "tests/core/ProcessTempDir.h"
#include "tests/core/TestSupport.h"

#include <gtest/gtest.h>

#include <cstring>
#include <sqlite3.h>

#include <sys/wait.h>

#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

namespace levex {
namespace {

namespace fs = std::filesystem;

// Every docs/formats.md §1 field: two symbols with marks, cross rows with collateral, explicit mmr and
// maintenance amounts, the exchange's liquidation price (and none), leverage only for some rows.
constexpr const char* kEveryFieldCsv =
    "id,account,symbol,side,size,entry_price,leverage,margin,margin_mode,collateral,maint_margin_rate,"
    "maint_amount,mark_price,liquidation_price\n"
    "a1,alice,BTC,long,0.5,100000,20,,isolated,,0.004,50,101000,95250.5\n"
    "a2,alice,ETH,short,3,3000,,,cross,5000,,,2950,\n"
    "b1,\"bob, the trader\",BTC,short,0.25,99000,,2475,isolated,,,,101000,null\n"
    "c1,carol,BTC,long,1.75,98000,,,cross,20000.125,0.005,,101000,90000\n"
    "c2,carol,ETH,long,10,2900,,,cross,20000.125,,,2950,2500\n";

fs::path temp_dir() {
    return levex::test::process_temp_dir("levex-workspace-test");
}

std::string db_path(const std::string& name) {
    const fs::path p = temp_dir() / name;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
    return p.string();
}

PositionBook every_field_book() {
    PositionCsvResult r = parse_positions_csv(kEveryFieldCsv, "every-field.csv");
    EXPECT_TRUE(r.ok) << (r.first_error() ? format_issue(*r.first_error()) : "");
    return std::move(r.book);
}

PositionBook large_book(std::size_t n) {
    GeneratorSettings settings;
    settings.positions = n;
    settings.seed = 7;
    return generate_book(settings, test::bundled_venue("generic"));
}

bool same_bits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) || (std::isnan(a) && std::isnan(b));
}

void expect_same_numbers(const std::vector<double>& a, const std::vector<double>& b, const char* what) {
    ASSERT_EQ(a.size(), b.size()) << what;
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(same_bits(a[i], b[i])) << what << "[" << i << "]: " << a[i] << " vs " << b[i];
}

void expect_same_book(const PositionBook& a, const PositionBook& b) {
    ASSERT_EQ(a.positions(), b.positions());
    EXPECT_EQ(a.symbol_names, b.symbol_names);
    expect_same_numbers(a.symbol_mark, b.symbol_mark, "symbol_mark");
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.symbol, b.symbol);
    EXPECT_EQ(a.side, b.side);
    EXPECT_EQ(a.mode, b.mode);
    EXPECT_EQ(a.line, b.line);
    expect_same_numbers(a.size, b.size, "size");
    expect_same_numbers(a.entry_price, b.entry_price, "entry_price");
    expect_same_numbers(a.margin, b.margin, "margin");
    expect_same_numbers(a.leverage, b.leverage, "leverage");
    expect_same_numbers(a.maint_margin_rate, b.maint_margin_rate, "maint_margin_rate");
    expect_same_numbers(a.maint_amount, b.maint_amount, "maint_amount");
    expect_same_numbers(a.exchange_liquidation_price, b.exchange_liquidation_price, "liquidation_price");
    for (std::size_t i = 0; i < a.positions(); ++i) {
        EXPECT_EQ(a.account_names[a.account[i]], b.account_names[b.account[i]]) << i;
        EXPECT_TRUE(same_bits(a.account_collateral[a.account[i]], b.account_collateral[b.account[i]])) << i;
    }
}

std::string integrity(const std::string& path) {
    SqliteDatabase db(path, false);
    SqliteStatement s = db.prepare("PRAGMA integrity_check");
    std::string out;
    while (s.step())
        out += std::string(s.column_text(0));
    return out;
}

std::int64_t count_rows(Workspace& ws, const std::string& table) {
    return ws.database().query_int("SELECT count(*) FROM " + table);
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

SnapshotSource source(const std::string& name, const std::string& hash) {
    return {name, "/data/" + name + ".csv", hash, "generic"};
}

TEST(Workspace, OpensWithWalForeignKeysAndCurrentSchema) {
    const std::string path = db_path("pragmas.db");
    Workspace ws(path);
    SqliteDatabase& db = ws.database();
    EXPECT_EQ(db.query_int("PRAGMA user_version"), kWorkspaceSchemaVersion);
    EXPECT_EQ(db.query_int("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(db.query_int("PRAGMA synchronous"), 1); // NORMAL
    SqliteStatement mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.column_text(0), "wal");
}

TEST(Workspace, EveryPositionFieldRoundTrips) {
    const PositionBook book = every_field_book();
    ASSERT_EQ(book.symbols(), 2u);
    Workspace ws(db_path("fields.db"));
    const ImportResult imported = ws.import_snapshot(book, source("every", "hash-every"));
    EXPECT_FALSE(imported.already_present);
    const SnapshotInfo& info = imported.snapshot;
    EXPECT_EQ(info.name, "every");
    EXPECT_EQ(info.source_path, "/data/every.csv");
    EXPECT_EQ(info.content_hash, "hash-every");
    EXPECT_EQ(info.venue, "generic");
    EXPECT_EQ(info.positions, book.positions());
    EXPECT_EQ(info.symbols, (std::vector<std::string>{"BTC", "ETH"}));
    EXPECT_EQ(info.mark_prices, (std::vector<double>{101000, 2950}));
    EXPECT_EQ(info.imported_at.size(), 20u) << info.imported_at; // 2026-11-24T04:25:57Z

    const PositionBook loaded = ws.load_book(info.id);
    EXPECT_EQ(loaded.source, "/data/every.csv");
    expect_same_book(book, loaded);
}

TEST(Workspace, LargeGeneratedBookRoundTripsInOrder) {
    const PositionBook book = large_book(20000);
    Workspace ws(db_path("large.db"));
    const auto id = ws.import_snapshot(book, source("large", "h")).snapshot.id;
    expect_same_book(book, ws.load_book(id));
}

TEST(Workspace, IdenticalContentIsRecognisedByItsHash) {
    const PositionBook book = every_field_book();
    Workspace ws(db_path("rehash.db"));
    const SnapshotSource original{"", "/data/book.csv", "same-hash", "generic"};
    const SnapshotInfo first = ws.import_snapshot(book, original).snapshot;
    SnapshotSource again = original;
    const ImportResult second = ws.import_snapshot(book, again);
    EXPECT_TRUE(second.already_present);
    EXPECT_EQ(second.snapshot.id, first.id);
    EXPECT_EQ(count_rows(ws, "snapshots"), 1);
    EXPECT_EQ(count_rows(ws, "positions"), static_cast<std::int64_t>(book.positions()));
    // The same bytes read for another venue are another snapshot; default names stay unique.
    again.venue = "binance-usdm-btcusdt";
    const ImportResult other = ws.import_snapshot(book, again);
    EXPECT_FALSE(other.already_present);
    EXPECT_EQ(first.name, "book");
    EXPECT_EQ(other.snapshot.name, "book (2)");
}

TEST(Workspace, DefaultNameIsTheFileStemMadeUnique) {
    Workspace ws(db_path("names.db"));
    const PositionBook book = every_field_book();
    EXPECT_EQ(ws.import_snapshot(book, {"", "/x/book.csv", "h1", "generic"}).snapshot.name, "book");
    EXPECT_EQ(ws.import_snapshot(book, {"", "/y/book.csv", "h2", "generic"}).snapshot.name, "book (2)");
    try {
        ws.import_snapshot(book, {"book", "/z/book.csv", "h3", "generic"});
        FAIL() << "a taken name was accepted";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("a snapshot named 'book' already exists"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count_rows(ws, "snapshots"), 2);
    EXPECT_EQ(count_rows(ws, "positions"), 2 * static_cast<std::int64_t>(book.positions()));
}

TEST(Workspace, AnErrorMidwayLeavesNoRows) {
    PositionBook book = large_book(5000);
    book.side[3000] = 0; // violates the table's CHECK (side IN (-1, 1)) after 3000 rows went in
    Workspace ws(db_path("midway.db"));
    EXPECT_THROW(ws.import_snapshot(book, source("broken", "h")), SqliteError);
    EXPECT_EQ(count_rows(ws, "snapshots"), 0);
    EXPECT_EQ(count_rows(ws, "positions"), 0);
    // The connection is usable afterwards.
    book.side[3000] = 1;
    EXPECT_EQ(ws.import_snapshot(book, source("fixed", "h")).snapshot.positions, 5000u);
}

TEST(Workspace, ACancelledImportLeavesNoRows) {
    const PositionBook book = large_book(200000);
    Workspace ws(db_path("cancel.db"));
    int calls = 0;
    const ImportResult r = ws.import_snapshot(book, source("cancelled", "h"), [&](double) { return ++calls < 2; });
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(count_rows(ws, "snapshots"), 0);
    EXPECT_EQ(count_rows(ws, "positions"), 0);
}

TEST(Workspace, ADiskFullWriteKeepsThePreviousState) {
    const std::string path = db_path("full.db");
    const PositionBook small = every_field_book();
    const PositionBook big = large_book(100000);
    Workspace ws(path);
    const auto kept = ws.import_snapshot(small, source("kept", "h1")).snapshot;
    // A disk that fills up: the file may grow by only a few pages.
    const std::int64_t pages = ws.database().query_int("PRAGMA page_count");
    ws.database().query_int("PRAGMA max_page_count = " + std::to_string(pages + 20));
    try {
        ws.import_snapshot(big, source("too-big", "h2"));
        FAIL() << "the import did not run out of space";
    } catch (const SqliteError& e) {
        EXPECT_EQ(e.code(), SQLITE_FULL) << e.what();
        EXPECT_NE(std::string(e.what()).find("full"), std::string::npos) << e.what();
    }
    ASSERT_EQ(ws.snapshots().size(), 1u);
    EXPECT_EQ(ws.snapshots()[0].name, "kept");
    expect_same_book(small, ws.load_book(kept.id));
    EXPECT_EQ(count_rows(ws, "positions"), static_cast<std::int64_t>(small.positions()));
    EXPECT_EQ(integrity(path), "ok");
}

TEST(Workspace, AProcessKilledDuringALargeImportLeavesNoPartialSnapshot) {
    const std::string path = db_path("killed.db");
    const PositionBook small = every_field_book();
    const PositionBook big = large_book(400000);
    {
        Workspace ws(path);
        ws.import_snapshot(small, source("before", "h1"));
    }
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            Workspace ws(path);
            ws.import_snapshot(big, source("partial", "h2"));
        } catch (...) {
        }
        ::_exit(0); // only reached if the parent was too slow to kill us
    }
    // Kill it once its transaction has written well over a megabyte to the WAL.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::error_code error;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto size = fs::file_size(path + "-wal", error);
        if (!error && size > (8u << 20))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished its import before it could be killed";
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    EXPECT_EQ(integrity(path), "ok");
    Workspace ws(path);
    const std::vector<SnapshotInfo> listed = ws.snapshots();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].name, "before");
    EXPECT_EQ(count_rows(ws, "positions"), static_cast<std::int64_t>(small.positions()));
}

TEST(Workspace, AReaderSeesWholeSnapshotsWhileAWriterWrites) {
    const std::string path = db_path("concurrent.db");
    const PositionBook big = large_book(150000);
    { Workspace create(path); }
    std::atomic<bool> done{false};
    std::exception_ptr writer_error;
    std::thread writer([&] {
        try {
            Workspace ws(path); // its own connection: one per thread
            for (int k = 0; k < 3; ++k)
                ws.import_snapshot(big, source("book" + std::to_string(k), "hash" + std::to_string(k)));
        } catch (...) {
            writer_error = std::current_exception();
        }
        done = true;
    });
    Workspace reader(path);
    std::size_t reads = 0, most_seen = 0;
    while (!done) {
        for (const SnapshotInfo& info : reader.snapshots()) {
            // A listed snapshot is complete: its rows are all there.
            SqliteStatement count = reader.database().prepare("SELECT count(*) FROM positions WHERE snapshot_id = ?");
            count.bind(1, info.id);
            ASSERT_TRUE(count.step());
            EXPECT_EQ(static_cast<std::size_t>(count.column_int(0)), info.positions) << info.name;
        }
        most_seen = std::max(most_seen, reader.snapshots().size());
        ++reads;
    }
    writer.join();
    if (writer_error)
        std::rethrow_exception(writer_error);
    EXPECT_GT(reads, 1u);
    EXPECT_EQ(reader.snapshots().size(), 3u);
    expect_same_book(big, reader.load_book(reader.find_snapshot("book1")->id));
}

TEST(Workspace, RenameAndDeleteCascade) {
    Workspace ws(db_path("rename.db"));
    const PositionBook book = every_field_book();
    const auto a = ws.import_snapshot(book, source("a", "ha")).snapshot;
    const auto b = ws.import_snapshot(book, source("b", "hb")).snapshot;
    EXPECT_THROW(ws.rename_snapshot(a.id, "b"), UsageError);
    ws.rename_snapshot(a.id, "renamed");
    EXPECT_TRUE(ws.find_snapshot("renamed"));
    EXPECT_FALSE(ws.find_snapshot("a"));

    Scenario scenario;
    scenario.venue_json = test::bundled_venue("generic").json;
    const auto sc = ws.save_scenario(a.id, "calm", scenario);
    RunResult result;
    ws.save_run(sc, utc_now_iso8601(), 1.0, "BTC", result);
    EXPECT_EQ(count_rows(ws, "runs"), 1);
    ws.delete_snapshot(a.id);
    EXPECT_EQ(ws.snapshots().size(), 1u);
    EXPECT_EQ(count_rows(ws, "positions"), static_cast<std::int64_t>(book.positions()));
    EXPECT_EQ(count_rows(ws, "scenarios"), 0);
    EXPECT_EQ(count_rows(ws, "runs"), 0);
    EXPECT_EQ(ws.snapshots()[0].id, b.id);
}

TEST(Workspace, ARunReopensExactlyWithItsFramesAndLog) {
    const VenueProfile venue = test::bundled_venue("generic");
    const PositionBook book = large_book(3000);
    RunParameters params;
    params.shock = -0.08;
    params.steps = 120;
    params.bins = 64;
    const RunResult result = simulate(book, venue, params);
    ASSERT_GT(result.log.size(), 10u);
    ASSERT_GT(result.frames.steps, 5u);

    Workspace ws(db_path("run.db"));
    const auto snap = ws.import_snapshot(book, source("run-book", "h")).snapshot;
    Scenario scenario{params, venue.json, "/data/run-book.csv", "h", "", "", "0.1.0", {}};
    const auto sc = ws.save_scenario(snap.id, "shock -8%", scenario);
    ASSERT_EQ(ws.scenarios(snap.id).size(), 1u);
    EXPECT_EQ(ws.scenarios(snap.id)[0].name, "shock -8%");
    const auto run_id = ws.save_run(sc, "2026-11-24T04:00:00Z", 12.5, "BTCUSDT", result);

    const std::vector<RunInfo> listed = ws.runs(snap.id);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].scenario_name, "shock -8%");
    EXPECT_EQ(listed[0].steps, result.frames.steps);
    EXPECT_EQ(listed[0].duration_ms, 12.5);

    const StoredRun run = ws.load_run(run_id);
    EXPECT_EQ(run.info.symbol, "BTCUSDT");
    EXPECT_EQ(run.info.started_at, "2026-11-24T04:00:00Z");
    EXPECT_EQ(run.scenario.params.shock, -0.08);
    EXPECT_EQ(run.scenario.book_sha256, "h");
    EXPECT_EQ(summary_json(run.summary), summary_json(result.summary));
    const RunFrames& a = result.frames;
    const RunFrames& b = run.frames;
    EXPECT_EQ(b.steps, a.steps);
    EXPECT_EQ(b.bins, a.bins);
    expect_same_numbers(a.edges, b.edges, "edges");
    expect_same_numbers(a.index, b.index, "index");
    expect_same_numbers(a.book, b.book, "book");
    expect_same_numbers(a.mark, b.mark, "mark");
    expect_same_numbers(a.liquidated_notional_long, b.liquidated_notional_long, "liq long");
    expect_same_numbers(a.liquidated_notional_short, b.liquidated_notional_short, "liq short");
    EXPECT_EQ(a.liquidated_count_long, b.liquidated_count_long);
    EXPECT_EQ(a.liquidated_count_short, b.liquidated_count_short);
    expect_same_numbers(a.backstop_notional, b.backstop_notional, "backstop");
    expect_same_numbers(a.adl_notional, b.adl_notional, "adl");
    expect_same_numbers(a.open_interest, b.open_interest, "oi");
    expect_same_numbers(a.fund_balance, b.fund_balance, "fund");
    expect_same_numbers(a.open_long, b.open_long, "open_long");
    expect_same_numbers(a.open_short, b.open_short, "open_short");
    expect_same_numbers(a.executed_long, b.executed_long, "executed_long");
    expect_same_numbers(a.executed_short, b.executed_short, "executed_short");
    ASSERT_EQ(run.log.size(), result.log.size());
    for (std::size_t i = 0; i < run.log.size(); ++i) {
        EXPECT_EQ(run.log[i].step, result.log[i].step);
        EXPECT_EQ(run.log[i].position, result.log[i].position);
        EXPECT_EQ(run.log[i].side, result.log[i].side);
        EXPECT_EQ(run.log[i].path, result.log[i].path);
        EXPECT_EQ(run.log[i].fill_price, result.log[i].fill_price);
        EXPECT_EQ(run.log[i].fund_pnl, result.log[i].fund_pnl);
    }
    // The frames are compact: far smaller than the dense histograms.
    const std::int64_t heatmap_bytes = ws.database().query_int("SELECT length(heatmap) FROM runs");
    EXPECT_LT(heatmap_bytes, static_cast<std::int64_t>(a.open_long.size() * 4 * sizeof(double) / 4));
}

// Builds a database exactly as schema `version` left it, with a snapshot when it has the table.
void make_old_database(const std::string& path, int version) {
    SqliteDatabase db(path);
    migrate_workspace(db, version);
    if (version >= 1) {
        db.exec("INSERT INTO snapshots (id, name, source_path, content_hash, venue, imported_at, symbols, "
                "mark_prices, position_count) VALUES (1, 'old', '/old.csv', 'h', 'generic', "
                "'2026-01-01T00:00:00Z', '[\"BTC\"]', '[100.0]', 1)");
        db.exec("INSERT INTO positions VALUES (4294967296, 1, 'p1', 'acc', 'BTC', 1, 2.0, 90.0, 18.0, 10.0, "
                "'isolated', NULL, "
                "NULL, NULL, 80.5, 2)");
    }
    if (version >= 2) {
        db.exec("INSERT INTO scenarios VALUES (1, 1, 'old scenario', '2026-01-01T00:00:00Z', '{}')");
        db.exec("INSERT INTO runs VALUES (1, 1, '2026-01-01T00:00:00Z', 1.0, 'BTC', 0, 2, '{}', x'', x'', x'', x'')");
    }
}

TEST(WorkspaceMigrations, EveryOlderVersionMigratesForwardKeepingItsData) {
    for (int version = 0; version < kWorkspaceSchemaVersion; ++version) {
        SCOPED_TRACE("from schema " + std::to_string(version));
        const std::string path = db_path(std::to_string(version) + "-old.db");
        make_old_database(path, version);
        {
            SqliteDatabase check(path);
            EXPECT_EQ(check.query_int("PRAGMA user_version"), version);
        }
        Workspace ws(path);
        EXPECT_EQ(ws.database().query_int("PRAGMA user_version"), kWorkspaceSchemaVersion);
        EXPECT_EQ(integrity(path), "ok");
        if (version >= 1) {
            const std::optional<SnapshotInfo> old = ws.find_snapshot("old");
            ASSERT_TRUE(old);
            const PositionBook book = ws.load_book(old->id);
            ASSERT_EQ(book.positions(), 1u);
            EXPECT_EQ(book.id[0], "p1");
            EXPECT_EQ(book.exchange_liquidation_price[0], 80.5);
            EXPECT_EQ(book.symbol_mark[0], 100.0);
            EXPECT_EQ(old->kind, BookKind::Positions);
        }
        if (version >= 2) {
            const std::vector<RunInfo> runs = ws.runs(ws.find_snapshot("old")->id);
            ASSERT_EQ(runs.size(), 1u);
            EXPECT_EQ(runs[0].kind, BookKind::Positions);
            EXPECT_EQ(runs[0].scenario_name, "old scenario");
        }
        // Everything the current schema holds works on the migrated file.
        const auto snap = ws.import_snapshot(every_field_book(), source("new", "hn")).snapshot;
        Scenario scenario;
        scenario.venue_json = test::bundled_venue("generic").json;
        const auto sc = ws.save_scenario(snap.id, "s", scenario);
        ws.save_run(sc, utc_now_iso8601(), 1.0, "BTC", RunResult{});
        EXPECT_EQ(ws.runs(snap.id).size(), 1u);
    }
}

TEST(WorkspaceOpen, ADatabaseFromANewerVersionIsRefusedAndLeftUnchanged) {
    const std::string path = db_path("newer.db");
    {
        Workspace ws(path);
        ws.import_snapshot(every_field_book(), source("mine", "h"));
        ws.database().exec("PRAGMA user_version = 99");
    }
    const std::string before = file_bytes(path);
    try {
        Workspace ws(path);
        FAIL() << "a newer database was opened";
    } catch (const WorkspaceOpenError& e) {
        EXPECT_EQ(e.reason(), WorkspaceOpenError::Reason::TooNew);
        const std::string message = e.what();
        EXPECT_NE(message.find("written by a newer version of LevEx (workspace schema 99; this version reads up to " +
                               std::to_string(kWorkspaceSchemaVersion) + ")"),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("unchanged"), std::string::npos) << message;
    }
    EXPECT_EQ(file_bytes(path), before);
}

TEST(WorkspaceOpen, AFileThatIsNotADatabaseIsReportedAndCanBeMovedAside) {
    const std::string path = db_path("garbage.db");
    {
        std::ofstream out(path, std::ios::binary);
        out << "id,size\nthis is a CSV file, not a database, written over it by mistake\n";
        for (int i = 0; i < 200; ++i)
            out << "row " << i << '\n';
    }
    const std::string before = file_bytes(path);
    try {
        Workspace ws(path);
        FAIL() << "garbage was opened";
    } catch (const WorkspaceOpenError& e) {
        EXPECT_EQ(e.reason(), WorkspaceOpenError::Reason::Corrupt);
        EXPECT_NE(std::string(e.what()).find("Move it aside"), std::string::npos) << e.what();
    }
    EXPECT_EQ(file_bytes(path), before);
    const std::string aside = move_database_aside(path);
    EXPECT_FALSE(fs::exists(path));
    EXPECT_EQ(file_bytes(aside), before);
    EXPECT_NE(aside.find("garbage.db.unreadable-"), std::string::npos);
    Workspace fresh(path);
    EXPECT_TRUE(fresh.snapshots().empty());
}

TEST(WorkspaceOpen, ADamagedPageIsFoundByQuickCheckAtOpen) {
    const std::string path = db_path("damaged.db");
    {
        Workspace ws(path);
        ws.import_snapshot(large_book(20000), source("big", "h"));
    } // the last connection checkpoints the WAL into the file
    ASSERT_FALSE(fs::exists(path + "-wal"));
    {
        // Scribble over pages in the middle of the file, keeping the header page intact.
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        const auto size = static_cast<std::streamoff>(fs::file_size(path));
        for (std::streamoff at = size / 3; at < size / 3 + 16384; at += 1) {
            f.seekp(at);
            f.put(static_cast<char>((at * 7919) & 0xff));
        }
    }
    try {
        Workspace ws(path);
        FAIL() << "a damaged database was opened";
    } catch (const WorkspaceOpenError& e) {
        EXPECT_EQ(e.reason(), WorkspaceOpenError::Reason::Corrupt);
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    }
}

TEST(RunBlob, RowDeltaRoundTripsBitForBit) {
    const std::size_t rows = 50, cols = 37;
    std::vector<double> m(rows * cols, 0.0);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            m[r * cols + c] = (r * 31 + c * 17) % 11 == 0 ? 0.0 : static_cast<double>(c) * 1.25 + (r > 25 ? 1e-300 : 0);
    m[5] = -0.0;
    m[7] = std::numeric_limits<double>::infinity();
    for (BlobEncoding encoding : {BlobEncoding::Dense, BlobEncoding::RowDelta}) {
        const std::vector<std::uint8_t> blob = encode_matrix(m, rows, cols, encoding);
        const DecodedMatrix d = decode_matrix(blob, "test");
        EXPECT_EQ(d.rows, rows);
        EXPECT_EQ(d.cols, cols);
        expect_same_numbers(m, d.values, "values");
    }
}

TEST(RunBlob, ADamagedBlobIsReportedNotMisread) {
    std::vector<double> m(12, 1.0);
    std::vector<std::uint8_t> blob = encode_matrix(m, 3, 4, BlobEncoding::RowDelta);
    blob.pop_back();
    try {
        decode_matrix(blob, "run 7 heatmap");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("run 7 heatmap: expected"), std::string::npos) << e.what();
    }
    EXPECT_THROW(decode_matrix(std::vector<std::uint8_t>{'x', 'y'}, "w"), DataError);
}

TEST(RunBlob, AnAbsurdShapeIsRefusedBeforeAnythingIsAllocated) {
    for (BlobEncoding encoding : {BlobEncoding::Dense, BlobEncoding::RowDelta}) {
        std::vector<std::uint8_t> blob = encode_matrix(std::vector<double>{}, 0, 0, encoding);
        const std::uint32_t rows = 1, cols = 0xFFFFFFFFu; // 32 GiB of doubles, announced in 16 bytes
        std::memcpy(blob.data() + 8, &rows, 4);
        std::memcpy(blob.data() + 12, &cols, 4);
        try {
            decode_matrix(blob, "run 9 heatmap");
            FAIL() << "decoded an absurd shape";
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("run 9 heatmap: expected"), std::string::npos) << e.what();
        }
    }
}

TEST(WorkspaceOpen, AnotherProgramsDatabaseIsRefusedAndLeftUnchanged) {
    const std::string path = db_path("other.db");
    {
        SqliteDatabase other(path);
        other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')");
    }
    const std::string before = file_bytes(path);
    try {
        Workspace ws(path);
        FAIL() << "another program's database was opened";
    } catch (const WorkspaceOpenError& e) {
        EXPECT_NE(std::string(e.what()).find("another program's SQLite database"), std::string::npos) << e.what();
    }
    EXPECT_EQ(file_bytes(path), before);
}

TEST(Workspace, TheSummaryKeepsThePriceFloorFlag) {
    RunSummary s;
    s.price_floor_hit = true;
    s.amplification = 2.5;
    EXPECT_TRUE(parse_summary_json(summary_json(s), "s").price_floor_hit);
    EXPECT_EQ(summary_json(parse_summary_json(summary_json(s), "s")), summary_json(s));
    // A record missing a key is damaged, not a zero.
    try {
        parse_summary_json("{\"liquidated_count_long\": 1}", "run 3 summary");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "run 3 summary:1:1: liquidated_count_short: expected a whole number >= 0, found nothing"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Workspace, AScenarioAndItsRunAreSavedTogether) {
    Workspace ws(db_path("together.db"));
    const auto snap = ws.import_snapshot(every_field_book(), source("t", "h")).snapshot;
    Scenario scenario{RunParameters{}, test::bundled_venue("generic").json, "t.csv", "h", "", "", "0.1.0", {}};
    const auto [scenario_id, run_id] =
        ws.save_scenario_with_run(snap.id, "both", scenario, utc_now_iso8601(), 1.0, "BTC", RunResult{});
    EXPECT_GT(scenario_id, 0);
    EXPECT_GT(run_id, 0);
    // A run that cannot be stored (no such snapshot) leaves no scenario behind either.
    EXPECT_ANY_THROW(
        ws.save_scenario_with_run(snap.id + 100, "orphan", scenario, utc_now_iso8601(), 1.0, "BTC", RunResult{}));
    EXPECT_EQ(count_rows(ws, "scenarios"), 1);
}

} // namespace
} // namespace levex
