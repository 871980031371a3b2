// SPDX-License-Identifier: GPL-3.0-or-later
// Lending books and lending runs in the workspace (docs/formats.md §6), on a fresh database and on one
// migrated from every older schema.
#include "core/store/Workspace.h"

#include "core/engine/LendingSimulation.h"
#include "core/io/LendingBookReader.h"
#include "core/io/LendingRunReport.h"
#include "core/store/WorkspaceSchema.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>

#include <unistd.h>

using namespace levex;
namespace fs = std::filesystem;

namespace {

std::string db_path(const std::string& name) {
    static const fs::path dir = [] {
        auto d = fs::temp_directory_path() / ("levex-lending-workspace-test-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }();
    const fs::path p = dir / name;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
    return p.string();
}

std::string sample(const std::string& name) {
    return std::string(LEVEX_RESOURCE_DIR) + "/samples/" + name;
}

ProtocolProfile bundled(const std::string& name) {
    return load_protocol_profile(name, std::string(LEVEX_RESOURCE_DIR) + "/protocols");
}

LendingBook read_sample(const std::string& name) {
    LendingCsvResult r = read_lending_csv(sample(name));
    EXPECT_TRUE(r.ok);
    return std::move(r.book);
}

bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

void expect_same_book(const LendingBook& a, const LendingBook& b) {
    EXPECT_EQ(a.asset_names, b.asset_names);
    EXPECT_EQ(a.asset_price, b.asset_price);
    EXPECT_EQ(a.account_names, b.account_names);
    EXPECT_EQ(a.account_emode, b.account_emode);
    EXPECT_EQ(a.account_row_begin, b.account_row_begin);
    EXPECT_EQ(a.row_account, b.row_account);
    EXPECT_EQ(a.row_asset, b.row_asset);
    EXPECT_EQ(a.collateral, b.collateral);
    EXPECT_EQ(a.debt, b.debt);
    EXPECT_EQ(a.line, b.line);
    ASSERT_EQ(a.rows(), b.rows());
    for (std::size_t r = 0; r < a.rows(); ++r) {
        EXPECT_TRUE(same(a.liquidation_threshold[r], b.liquidation_threshold[r])) << r;
        EXPECT_TRUE(same(a.liquidation_bonus[r], b.liquidation_bonus[r])) << r;
        EXPECT_TRUE(same(a.liquidation_protocol_fee[r], b.liquidation_protocol_fee[r])) << r;
    }
    for (std::size_t k = 0; k < a.accounts(); ++k)
        EXPECT_TRUE(same(a.account_protocol_health_factor[k], b.account_protocol_health_factor[k])) << k;
}

SnapshotSource source(const std::string& file, const std::string& hash, const std::string& protocol) {
    return {"", file, hash, protocol};
}

// A short lending run of two books sharing a market.
LendingRunResult two_book_run(const LendingBook& a, const LendingBook& b) {
    RunParameters p;
    p.symbol = "STETH";
    p.shock = -0.1;
    p.depth_quote_within_1pct = 5000.0;
    p.steps = 50;
    const auto pa = prepare_lending_book(std::make_shared<const LendingBook>(a), bundled("aave-v2-ethereum"), "a",
                                         p.symbol, LiquidatorSettings::of(p));
    const auto pb = prepare_lending_book(std::make_shared<const LendingBook>(b), bundled("aave-v3-ethereum"), "b",
                                         p.symbol, LiquidatorSettings::of(p));
    return simulate_lending({&pa, &pb}, p);
}

void expect_lending_run_round_trips(Workspace& ws) {
    const LendingBook a = read_sample("aave-v2-steth-2023-06.csv"), b = read_sample("aave-v3-steth-2023-06.csv");
    const SnapshotInfo sa = ws.import_lending_snapshot(a, source("/a.csv", "ha", "aave-v2-ethereum")).snapshot;
    const SnapshotInfo sb = ws.import_lending_snapshot(b, source("/b.csv", "hb", "aave-v3-ethereum")).snapshot;
    const LendingRunResult result = two_book_run(a, b);
    ASSERT_GT(result.log.size(), 0u);
    Scenario scenario;
    scenario.lending_books = {{"/a.csv", "ha", bundled("aave-v2-ethereum").json},
                              {"/b.csv", "hb", bundled("aave-v3-ethereum").json}};
    const auto [scenario_id, run_id] =
        ws.save_scenario_with_lending_run({sa.id, sb.id}, "both", scenario, utc_now_iso8601(), 2.0, "STETH", result);
    const StoredRun run = ws.load_run(run_id);
    EXPECT_EQ(run.info.kind, BookKind::Lending);
    EXPECT_EQ(run.snapshots, (std::vector<std::int64_t>{sa.id, sb.id}));
    EXPECT_TRUE(run.scenario.is_lending());
    ASSERT_TRUE(run.lending_summary);
    EXPECT_EQ(lending_summary_json(*run.lending_summary), lending_summary_json(result.summary));
    ASSERT_EQ(run.lending_log.size(), result.log.size());
    for (std::size_t i = 0; i < result.log.size(); ++i) {
        EXPECT_EQ(run.lending_log[i].account, result.log[i].account);
        EXPECT_EQ(run.lending_log[i].book, result.log[i].book);
        EXPECT_TRUE(same(run.lending_log[i].sale_price, result.log[i].sale_price));
        EXPECT_TRUE(same(run.lending_log[i].health_factor_after, result.log[i].health_factor_after));
    }
    EXPECT_EQ(run.frames.book, result.frames.book);
    EXPECT_EQ(run.frames.open_long, result.frames.open_long);
    // Listed with either book; gone with either.
    EXPECT_EQ(ws.runs(sa.id).size(), 1u);
    EXPECT_EQ(ws.runs(sb.id).size(), 1u);
    ws.delete_snapshot(sb.id);
    EXPECT_TRUE(ws.runs(sa.id).empty());
    EXPECT_FALSE(ws.scenario(scenario_id));
}

} // namespace

TEST(LendingWorkspace, EveryFieldOfALendingBookRoundTrips) {
    Workspace ws(db_path("round-trip.db"));
    LendingCsvResult r = read_lending_csv(std::string(LEVEX_TEST_DATA_DIR) + "/lending/valid.csv");
    ASSERT_TRUE(r.ok);
    const ImportResult imported = ws.import_lending_snapshot(r.book, source("/valid.csv", "h1", "test"));
    EXPECT_EQ(imported.snapshot.kind, BookKind::Lending);
    EXPECT_EQ(imported.snapshot.positions, r.book.accounts());
    EXPECT_EQ(imported.snapshot.symbols, r.book.asset_names);
    expect_same_book(ws.load_lending_book(imported.snapshot.id), r.book);
    // Identical content is recognised; a position-book load of it is refused.
    EXPECT_TRUE(ws.import_lending_snapshot(r.book, source("/valid.csv", "h1", "test")).already_present);
    EXPECT_THROW(ws.load_book(imported.snapshot.id), UsageError);
}

TEST(LendingWorkspace, TheSamplesRoundTrip) {
    Workspace ws(db_path("samples.db"));
    const LendingBook v2 = read_sample("aave-v2-steth-2023-06.csv");
    const SnapshotInfo s = ws.import_lending_snapshot(v2, source("/v2.csv", "h2", "aave-v2-ethereum")).snapshot;
    expect_same_book(ws.load_lending_book(s.id), v2);
    ws.delete_snapshot(s.id);
    EXPECT_EQ(ws.database().query_int("SELECT count(*) FROM lending_rows"), 0);
    EXPECT_EQ(ws.database().query_int("SELECT count(*) FROM lending_accounts"), 0);
}

TEST(LendingWorkspace, ACancelledImportLeavesNothing) {
    Workspace ws(db_path("cancel.db"));
    const LendingBook v2 = read_sample("aave-v2-steth-2023-06.csv");
    const ImportResult r =
        ws.import_lending_snapshot(v2, source("/v2.csv", "h2", "aave-v2-ethereum"), [](double) { return false; });
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(ws.snapshots().empty());
    EXPECT_EQ(ws.database().query_int("SELECT count(*) FROM lending_accounts"), 0);
}

TEST(LendingWorkspace, ALendingRunOfTwoBooksReopens) {
    Workspace ws(db_path("run.db"));
    expect_lending_run_round_trips(ws);
}

// Lending books and runs work on a database migrated from every older schema.
TEST(LendingWorkspace, EveryOlderVersionMigratesToHoldLendingBooks) {
    for (int version = 0; version < kWorkspaceSchemaVersion; ++version) {
        SCOPED_TRACE("from schema " + std::to_string(version));
        const std::string path = db_path(std::to_string(version) + "-lending.db");
        {
            SqliteDatabase db(path);
            migrate_workspace(db, version);
        }
        Workspace ws(path);
        EXPECT_EQ(ws.database().query_int("PRAGMA user_version"), kWorkspaceSchemaVersion);
        expect_lending_run_round_trips(ws);
    }
}
