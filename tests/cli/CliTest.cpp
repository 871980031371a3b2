// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: runs levex-cli as a user would and checks what it prints and its exit status.
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/model/ParameterTable.h"
#include "core/store/SqliteDatabase.h"
#include "tests/cli/CliSupport.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

std::string data(const std::string& relative) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/" + relative;
}

// Cell `column` (by header name) of the row whose first cell is `id`.
std::string cell(const std::string& csv, const std::string& id, const std::string& column) {
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    auto split = [](const std::string& s) {
        std::vector<std::string> cells;
        std::stringstream ss(s);
        std::string c;
        while (std::getline(ss, c, ','))
            cells.push_back(c);
        if (!s.empty() && s.back() == ',')
            cells.emplace_back();
        return cells;
    };
    const auto header = split(line);
    std::size_t k = 0;
    while (k < header.size() && header[k] != column)
        ++k;
    while (std::getline(in, line)) {
        const auto cells = split(line);
        if (!cells.empty() && cells[0] == id && k < cells.size())
            return cells[k];
    }
    return "<missing>";
}

double number(const std::string& csv, const std::string& id, const std::string& column) {
    return std::stod(cell(csv, id, column));
}

} // namespace

TEST(Cli, VersionAndHelp) {
    const CliRun version = cli("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.out.rfind("levex-cli ", 0), 0u) << version.out;
    const CliRun help = cli("--help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("inspect BOOK.csv"), std::string::npos);
    const CliRun inspect_help = cli("inspect --help");
    EXPECT_EQ(inspect_help.status, 0);
    EXPECT_NE(inspect_help.out.find("--venue NAME|FILE"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWith2) {
    EXPECT_EQ(cli("").status, 2);
    const CliRun unknown = cli("frobnicate");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown.err;
    const CliRun option = cli("inspect " + data("published/hyperliquid_isolated.csv") + " --frob");
    EXPECT_EQ(option.status, 2);
    EXPECT_NE(option.err.find("unknown option '--frob'"), std::string::npos) << option.err;
    const CliRun venue = cli("inspect " + data("published/hyperliquid_isolated.csv") + " --venue nosuch");
    EXPECT_EQ(venue.status, 2);
    EXPECT_NE(venue.err.find("unknown venue 'nosuch'; expected one of: binance-usdm-btcusdt"), std::string::npos)
        << venue.err;
    EXPECT_EQ(cli("inspect").status, 2);
    EXPECT_EQ(cli("generate --positions 0").status, 2);
}

TEST(Cli, BadDataExitsWith3AndSaysWhereAndWhat) {
    const auto path = temp_dir() / "bad.csv";
    levex::write_text_file(path.string(), "id,side,size,entry_price,leverage\n1,long,1,100,10\n2,long,1,-5,10\n");
    const CliRun run = cli("inspect " + path.string());
    EXPECT_EQ(run.status, 3);
    EXPECT_EQ(run.err, path.string() + ":3:10: expected entry_price > 0, found '-5'\n");
    EXPECT_TRUE(run.out.empty());
}

TEST(Cli, MissingFileExitsWith1) {
    const CliRun run = cli("inspect /nonexistent/book.csv");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("/nonexistent/book.csv: cannot open"), std::string::npos) << run.err;
}

TEST(Cli, InspectReproducesPublishedExamples) {
    const CliRun cross = cli("inspect " + data("published/binance_cross_faq.csv"));
    ASSERT_EQ(cross.status, 0) << cross.err;
    EXPECT_NEAR(number(cross.out, "btc", "liquidation_price"), 26316.89, 0.005);
    EXPECT_NEAR(number(cross.out, "eth", "liquidation_price"), 1153.26, 0.005);

    const CliRun bybit = cli("inspect " + data("published/bybit_isolated_entry.csv") + " --venue bybit-linear-btcusdt");
    ASSERT_EQ(bybit.status, 0) << bybit.err;
    EXPECT_DOUBLE_EQ(number(bybit.out, "a", "liquidation_price"), 19700.0);
    EXPECT_DOUBLE_EQ(number(bybit.out, "b", "bankruptcy_price"), 9800.0);

    const CliRun coinm = cli("inspect " + data("published/binance_coinm_inverse.csv") + " --venue " +
                             data("venues/binance-coinm-btcusd.json"));
    ASSERT_EQ(coinm.status, 0) << coinm.err;
    EXPECT_NEAR(number(coinm.out, "btcusd", "liquidation_price"), 33599.4, 0.05);

    const CliRun hl = cli("inspect " + data("published/hyperliquid_isolated.csv") + " --venue hyperliquid-btc");
    ASSERT_EQ(hl.status, 0) << hl.err;
    EXPECT_NEAR(number(hl.out, "h1", "liquidation_price"), 91139.2405, 5e-5);
}

// Inspect counts the positions liquidatable before any shock and those above the venue's max
// leverage (the core's audit, as the app's positions table shows them).
TEST(Cli, InspectCountsFlaggedPositions) {
    const auto path = temp_dir() / "flagged.csv";
    levex::write_text_file(path.string(), "id,side,size,entry_price,leverage,mark_price\n"
                                          "p0,long,1,100,10,99\n"
                                          "p1,short,1,100,200,99\n"
                                          "p2,long,1,120,10,99\n");
    const CliRun run = cli("inspect " + path.string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("notice: 1 position(s) liquidatable before any shock"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("notice: 1 position(s) above the venue's max leverage"), std::string::npos) << run.err;
    EXPECT_DOUBLE_EQ(number(run.out, "p1", "leverage"), 200.0);
    const CliRun doubled = cli("inspect " + path.string() + " --leverage-mult 2");
    ASSERT_EQ(doubled.status, 0) << doubled.err;
    EXPECT_DOUBLE_EQ(number(doubled.out, "p0", "leverage"), 20.0);
    EXPECT_DOUBLE_EQ(number(doubled.out, "p0", "margin"), 5.0);
}

TEST(Cli, InspectWritesTheDesignColumnsToAFile) {
    const auto out = temp_dir() / "inspect.csv";
    const CliRun run = cli("inspect " + data("published/hyperliquid_isolated.csv") + " --out " + out.string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(run.out.empty());
    const std::string csv = levex::read_text_file(out.string());
    EXPECT_EQ(csv.rfind("id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,maint_amount,"
                        "liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,",
                        0),
              0u)
        << csv;
    EXPECT_EQ(cell(csv, "h1", "exchange_liquidation_price"), "");
    EXPECT_EQ(cell(csv, "h1", "symbol"), "BTC");
}

TEST(Cli, GenerateIsDeterministicAndReproducesTheBundledSample) {
    const auto a = temp_dir() / "a.csv";
    const CliRun run =
        cli("generate --positions 30000 --seed 20251010 --oi 2.62e9 --mix hyperliquid-2025 --out " + a.string());
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string generated = levex::read_text_file(a.string());
    EXPECT_EQ(generated, levex::read_text_file(std::string(LEVEX_RESOURCE_DIR) + "/samples/btcusdt-sample.csv"));
    const CliRun small = cli("generate --positions 5 --seed 3 --mark 3000 --symbol ETHUSDT");
    ASSERT_EQ(small.status, 0) << small.err;
    EXPECT_EQ(small.out, cli("generate --positions 5 --seed 3 --mark 3000 --symbol ETHUSDT").out);
    EXPECT_NE(small.out.find(",ETHUSDT,"), std::string::npos);
    EXPECT_NE(small.out.find(",3000\n"), std::string::npos) << small.out;
}

TEST(Cli, SkipBadRowsReportsWhatItSkipped) {
    const auto path = temp_dir() / "skip.csv";
    levex::write_text_file(path.string(),
                           "id,side,size,entry_price,leverage\n1,long,1,100,10\n2,long,x,100,10\n3,short,2,100,5\n");
    const CliRun run = cli("inspect " + path.string() + " --skip-bad-rows");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find(path.string() + ":3: skipped: expected a number for size, found 'x'"), std::string::npos)
        << run.err;
    EXPECT_EQ(cell(run.out, "3", "side"), "short");
    EXPECT_EQ(cell(run.out, "2", "side"), "<missing>");
}

TEST(Cli, SimulatePrintsTheSummaryWithTheDesignKeys) {
    const CliRun run = cli("simulate " + data("published/bybit_isolated_entry.csv") +
                           " --mark 20000 --shock -0.05 --depth-quote-per-pct 1e6 --half-life inf --steps 50");
    ASSERT_EQ(run.status, 0) << run.err;
    for (const char* key :
         {"\"liquidated_count_long\"", "\"liquidated_count_short\"", "\"liquidated_count\"",
          "\"liquidated_notional_long\"", "\"liquidated_notional_short\"", "\"liquidated_share_of_oi\"",
          "\"final_price\"", "\"min_price\"", "\"max_price\"", "\"max_drawdown\"", "\"amplification\"",
          "\"cascade_duration_s\"", "\"peak_liquidation_rate_quote_per_s\"", "\"insurance_fund_min\"", "\"fund_loss\"",
          "\"adl_notional\"", "\"backstop_notional\"", "\"exhaustion_price\"", "\"steps_run\""})
        EXPECT_NE(run.out.find(key), std::string::npos) << key;
    EXPECT_NE(run.out.find("\"insurance_fund_min\": \"inf\""), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("nan"), std::string::npos);
    const CliRun zero = cli("simulate " + data("published/bybit_isolated_entry.csv") + " --mark 20000 --steps 5");
    EXPECT_NE(zero.out.find("\"amplification\": null"), std::string::npos) << zero.out;
}

TEST(Cli, SimulateWritesFramesAndLog) {
    const auto dir = temp_dir();
    const CliRun run = cli("simulate " + data("published/bybit_isolated_entry.csv") +
                           " --mark 20000 --shock -0.05 --steps 20 --bins 16 --frames " + (dir / "f.csv").string() +
                           " --log " + (dir / "l.csv").string() + " --json " + (dir / "s.json").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(run.out.empty());
    const std::string frames = levex::read_text_file((dir / "f.csv").string());
    EXPECT_EQ(frames.rfind("step,series,bin_low,bin_high,value\n0,index,,,19000\n", 0), 0u) << frames.substr(0, 200);
    EXPECT_NE(frames.find("\n0,open_long,"), std::string::npos);
    const std::string log = levex::read_text_file((dir / "l.csv").string());
    EXPECT_EQ(log.rfind("step,position,account,side,size,trigger,fill_price,fee,fund_pnl,path\n0,a,a,long,1,", 0), 0u)
        << log;
    EXPECT_NE(levex::read_text_file((dir / "s.json").string()).find("\"steps_run\""), std::string::npos);
}

TEST(Cli, ScenarioFileReproducesTheRunAndPinsTheBook) {
    const auto dir = temp_dir();
    const std::string book = (dir / "book.csv").string();
    ASSERT_EQ(cli("generate --positions 2000 --seed 4 --out " + book).status, 0);
    const std::string scenario = (dir / "scenario.json").string();
    const CliRun first = cli("simulate " + book + " --shock -0.07 --vol 0.001 --seed 9 --venue binance-usdm-btcusdt " +
                             "--half-life 30 --save-scenario " + scenario);
    ASSERT_EQ(first.status, 0) << first.err;
    const std::string text = levex::read_text_file(scenario);
    EXPECT_NE(text.find("\"sha256\""), std::string::npos);
    EXPECT_NE(text.find("\"program_version\""), std::string::npos);
    EXPECT_NE(text.find("\"binance-usdm-btcusdt\""), std::string::npos);
    const CliRun again = cli("simulate " + book + " --scenario " + scenario);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out, first.out);
    // An explicit option overrides the scenario.
    const CliRun other = cli("simulate " + book + " --scenario " + scenario + " --shock -0.01");
    EXPECT_NE(other.out, first.out);
    // Another book is refused.
    const std::string changed = (dir / "changed.csv").string();
    ASSERT_EQ(cli("generate --positions 2000 --seed 5 --out " + changed).status, 0);
    const CliRun refused = cli("simulate " + changed + " --scenario " + scenario);
    EXPECT_EQ(refused.status, 3);
    EXPECT_NE(refused.err.find("expected the book of scenario"), std::string::npos) << refused.err;
}

TEST(Cli, SimulateRejectsBadParameters) {
    const std::string book = data("published/bybit_isolated_entry.csv");
    EXPECT_EQ(cli("simulate " + book + " --mark 20000 --shock -1.5").status, 2);
    EXPECT_EQ(cli("simulate " + book + " --mark 20000 --half-life 0").status, 2);
    const CliRun both = cli("simulate " + book + " --mark 20000 --depth-quote-per-pct 1 --book x.csv");
    EXPECT_EQ(both.status, 2);
    EXPECT_NE(both.err.find("choose one depth"), std::string::npos);
    const CliRun no_mark = cli("simulate " + data("published/hyperliquid_isolated.csv"));
    EXPECT_EQ(no_mark.status, 2);
    EXPECT_NE(no_mark.err.find("give the start price with --mark P"), std::string::npos) << no_mark.err;
    const CliRun symbols = cli("simulate " + data("published/binance_cross_faq.csv"));
    EXPECT_EQ(symbols.status, 2);
    EXPECT_NE(symbols.err.find("choose one with --symbol (largest open interest: ETHUSDT)"), std::string::npos)
        << symbols.err;
    const CliRun l2 = cli("simulate " + book + " --mark 20000 --book " + data("orderbooks/crossed.csv"));
    EXPECT_EQ(l2.status, 3);
}

TEST(Cli, SweepWritesTheGridAndTheCriticalShock) {
    const auto dir = temp_dir();
    const std::string book = (dir / "sweep-book.csv").string();
    ASSERT_EQ(cli("generate --positions 1000 --seed 2 --out " + book).status, 0);
    const CliRun run = cli("sweep " + book + " --x shock:-0.3:0:7 --y leverage-mult:0.5:3:3 --metric amplification " +
                           "--depth-quote-within-1pct 2e6 --out " + (dir / "grid.csv").string() + " --out-critical " +
                           (dir / "critical.csv").string());
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string grid = levex::read_text_file((dir / "grid.csv").string());
    EXPECT_EQ(grid.rfind("shock,leverage-mult,amplification\n-0.3,0.5,", 0), 0u) << grid;
    EXPECT_NE(grid.find("\n0,3,\n"), std::string::npos) << grid; // zero shock: undefined, empty cell
    const std::string critical = levex::read_text_file((dir / "critical.csv").string());
    EXPECT_EQ(critical.rfind("leverage-mult,critical_shock\n0.5,", 0), 0u) << critical;
    EXPECT_EQ(cli("sweep " + book + " --x shock:-0.3:0:7 --y shock:-0.1:0:2").status, 2);
    EXPECT_EQ(cli("sweep " + book + " --metric nosuch").status, 2);
}

TEST(Cli, MonteCarloWritesSummaryAndFan) {
    const auto dir = temp_dir();
    const std::string book = (dir / "mc-book.csv").string();
    ASSERT_EQ(cli("generate --positions 1000 --seed 2 --out " + book).status, 0);
    const std::string args = "montecarlo " + book + " --paths 8 --vol 0.002 --seed 5 --steps 50 --out-summary " +
                             (dir / "s.csv").string() + " --out-fan " + (dir / "f.csv").string();
    ASSERT_EQ(cli(args).status, 0);
    const std::string summary = levex::read_text_file((dir / "s.csv").string());
    EXPECT_EQ(summary.rfind("metric,p5,p25,p50,p75,p95\nliquidated_count_long,", 0), 0u) << summary;
    const std::string fan = levex::read_text_file((dir / "f.csv").string());
    EXPECT_EQ(fan.rfind("step,time_s,p5,p25,p50,p75,p95\n0,0,100000,100000,100000,100000,100000\n", 0), 0u) << fan;
    ASSERT_EQ(cli(args + " --threads 1").status, 0);
    EXPECT_EQ(levex::read_text_file((dir / "f.csv").string()), fan);
    EXPECT_EQ(cli("montecarlo " + book + " --paths 8").status, 2); // no randomness
}

// The workspace commands (import, list, simulate --snapshot) on a fresh database.
TEST(CliWorkspace, ImportListsAndRecognisesIdenticalContent) {
    const auto dir = temp_dir();
    const std::string db = (dir / "import.db").string();
    const std::string book = (dir / "desk-book.csv").string();
    ASSERT_EQ(cli("generate --positions 500 --seed 3 --out " + book).status, 0);
    const CliRun first = cli("import " + book + " --db " + db);
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_EQ(first.out, "imported 'desk-book': 500 positions into " + db + "\n");
    const CliRun again = cli("import " + book + " --db " + db);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("already in " + db + " as 'desk-book' (identical content"), std::string::npos)
        << again.out;
    ASSERT_EQ(cli("import " + data("published/binance_cross_faq.csv") + " --db " + db + " --name mixed").status, 0);

    const CliRun list = cli("list --db " + db);
    ASSERT_EQ(list.status, 0) << list.err;
    std::istringstream lines(list.out);
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);)
        rows.push_back(line);
    ASSERT_EQ(rows.size(), 2u) << list.out;
    EXPECT_EQ(rows[0].rfind("mixed\t2\tBTCUSDT,ETHUSDT\t20", 0), 0u) << rows[0];
    EXPECT_EQ(rows[1].rfind("desk-book\t500\tBTCUSDT\t20", 0), 0u) << rows[1];
    EXPECT_EQ(rows[1].back(), 'Z') << rows[1]; // imported at, UTC

    const CliRun clash = cli("import " + data("positions/crlf.csv") + " --db " + db + " --name mixed");
    EXPECT_EQ(clash.status, 2);
    EXPECT_NE(clash.err.find("a snapshot named 'mixed' already exists"), std::string::npos) << clash.err;
}

TEST(CliWorkspace, ImportOfBadDataExitsWith3AndWritesNothing) {
    const auto dir = temp_dir();
    const std::string db = (dir / "bad.db").string();
    ASSERT_EQ(cli("import " + data("published/binance_cross_faq.csv") + " --db " + db).status, 0);
    const CliRun bad = cli("import " + data("positions/non_numeric.csv") + " --db " + db);
    EXPECT_EQ(bad.status, 3);
    EXPECT_NE(bad.err.find("non_numeric.csv:"), std::string::npos) << bad.err;
    const CliRun list = cli("list --db " + db);
    EXPECT_EQ(list.out.rfind("binance_cross_faq\t", 0), 0u) << list.out;
    EXPECT_EQ(list.out.find('\n'), list.out.size() - 1) << list.out;
    // Bad data with no database yet: none is created.
    const std::string never = (dir / "never.db").string();
    EXPECT_EQ(cli("import " + data("positions/non_numeric.csv") + " --db " + never).status, 3);
    EXPECT_FALSE(std::filesystem::exists(never));
}

TEST(CliWorkspace, SimulateASnapshotAsTheCsvAndSaveTheRun) {
    const auto dir = temp_dir();
    const std::string db = (dir / "sim.db").string();
    const std::string book = (dir / "sim-book.csv").string();
    ASSERT_EQ(cli("generate --positions 2000 --seed 4 --out " + book).status, 0);
    ASSERT_EQ(cli("import " + book + " --db " + db + " --name desk").status, 0);
    const std::string options = " --shock -0.06 --steps 200";
    const CliRun from_csv = cli("simulate " + book + options);
    ASSERT_EQ(from_csv.status, 0) << from_csv.err;
    const CliRun from_db = cli("simulate --db " + db + " --snapshot desk" + options + " --save-run");
    ASSERT_EQ(from_db.status, 0) << from_db.err;
    EXPECT_EQ(from_db.out, from_csv.out);
    EXPECT_NE(from_db.err.find("saved run 1 (scenario 'generic, shock -6 %') with snapshot 'desk'"), std::string::npos)
        << from_db.err;
    // The saved scenario pins the snapshot's content: it reproduces the run from the CSV.
    const CliRun named = cli("simulate --db " + db + " --snapshot desk --save-run --run-name calm --save-scenario " +
                             (dir / "s.json").string());
    ASSERT_EQ(named.status, 0) << named.err;
    EXPECT_NE(levex::read_text_file((dir / "s.json").string()).find("\"sha256\""), std::string::npos);

    const CliRun unknown = cli("simulate --db " + db + " --snapshot nosuch");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("no snapshot named 'nosuch' in " + db + " (it holds 'desk')"), std::string::npos)
        << unknown.err;
    EXPECT_EQ(cli("simulate " + book + " --save-run --db " + db).status, 2);
    EXPECT_EQ(cli("simulate " + book + " --db " + db + " --snapshot desk").status, 2);
}

TEST(CliWorkspace, ANewerOrDamagedDatabaseIsRefusedAndLeftAsItIs) {
    const auto dir = temp_dir();
    const std::string db = (dir / "refused.db").string();
    ASSERT_EQ(cli("import " + data("published/binance_cross_faq.csv") + " --db " + db).status, 0);
    {
        levex::SqliteDatabase raw(db);
        raw.exec("PRAGMA user_version = 7");
    }
    const std::string before = levex::read_text_file(db);
    const CliRun newer = cli("list --db " + db);
    EXPECT_EQ(newer.status, 1);
    EXPECT_NE(newer.err.find("written by a newer version of LevEx (workspace schema 7"), std::string::npos)
        << newer.err;
    EXPECT_EQ(levex::read_text_file(db), before);

    const std::string garbage = (dir / "garbage.db").string();
    levex::write_text_file(garbage, std::string(4096, 'x'));
    const CliRun damaged = cli("list --db " + garbage);
    EXPECT_EQ(damaged.status, 1);
    EXPECT_NE(damaged.err.find("Move it aside"), std::string::npos) << damaged.err;
    EXPECT_EQ(levex::read_text_file(garbage), std::string(4096, 'x'));
}

TEST(CliWorkspace, ASnapshotRunsOnlyWithAVenueOfItsContractUnits) {
    const auto dir = temp_dir();
    const std::string db = (dir / "inverse.db").string();
    const std::string venue = data("venues/binance-coinm-btcusd.json");
    const CliRun imported =
        cli("import " + data("published/binance_coinm_inverse.csv") + " --db " + db + " --name coinm --venue " + venue);
    ASSERT_EQ(imported.status, 0) << imported.err;
    // Its own venue (remembered by absolute path) by default; a linear venue is refused.
    const CliRun own = cli("simulate --db " + db + " --snapshot coinm --mark 20000 --shock -0.05");
    EXPECT_EQ(own.status, 0) << own.err;
    const CliRun linear = cli("simulate --db " + db + " --snapshot coinm --mark 20000 --venue generic");
    EXPECT_EQ(linear.status, 2);
    EXPECT_NE(linear.err.find("whose contract units differ from 'generic'"), std::string::npos) << linear.err;
}

namespace {

std::string sample_book() {
    return std::string(LEVEX_RESOURCE_DIR) + "/samples/btcusdt-sample.csv";
}

// Width and height from a PNG's IHDR chunk (big-endian, bytes 16-23).
std::pair<unsigned, unsigned> png_size(const std::string& bytes) {
    auto be32 = [&](std::size_t at) {
        return (unsigned(std::uint8_t(bytes[at])) << 24) | (unsigned(std::uint8_t(bytes[at + 1])) << 16) |
               (unsigned(std::uint8_t(bytes[at + 2])) << 8) | unsigned(std::uint8_t(bytes[at + 3]));
    };
    if (bytes.size() < 24 || bytes.compare(1, 3, "PNG") != 0)
        return {0, 0};
    return {be32(16), be32(20)};
}

} // namespace

// levex-cli draws with the app's own charts, headless (no display: the offscreen platform).
TEST(CliCharts, SimulateWritesEachChartInEachFormatAtTheAskedSize) {
    const auto dir = temp_dir();
    const std::string base =
        "simulate " + sample_book() + " --shock -0.05 --steps 60 --json " + (dir / "s.json").string();
    CliRun run = cli(base + " --chart heatmap --chart-out " + (dir / "heat.png").string() +
                         " --width 900 --height 500 --scale 2",
                     "DISPLAY= WAYLAND_DISPLAY=");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("wrote heatmap chart"), std::string::npos) << run.err;
    EXPECT_EQ(png_size(levex::read_text_file((dir / "heat.png").string())), std::make_pair(1800u, 1000u));

    run = cli(base + " --chart map --chart-out " + (dir / "map.svg").string() + " --theme dark");
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string svg = levex::read_text_file((dir / "map.svg").string());
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("viewBox=\"0 0 1200 800\""), std::string::npos);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    EXPECT_NE(svg.find("shock -5.0 %"), std::string::npos) << "the caption names the scenario";

    run = cli(base + " --chart series --chart-out " + (dir / "series.pdf").string() + " --width 1000 --height 700");
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string pdf = levex::read_text_file((dir / "series.pdf").string());
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf.find("/MediaBox [0 0 1000.000000 700.000000]"), std::string::npos);

    run = cli(base + " --chart-out " + (dir / "heat.jpg").string() + " --no-caption --title 'A crash'");
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string jpg = levex::read_text_file((dir / "heat.jpg").string());
    ASSERT_GE(jpg.size(), 3u);
    EXPECT_EQ(std::uint8_t(jpg[0]), 0xFF);
    EXPECT_EQ(std::uint8_t(jpg[1]), 0xD8);
}

TEST(CliCharts, SimulateWritesTheAnimationAsAGif) {
    const auto dir = temp_dir();
    const CliRun run =
        cli("simulate " + sample_book() + " --shock -0.05 --steps 30 --json " + (dir / "s.json").string() +
            " --animation " + (dir / "cascade.gif").string() + " --width 640 --height 400");
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string json = levex::read_text_file((dir / "s.json").string());
    const auto at = json.find("\"steps_run\":");
    ASSERT_NE(at, std::string::npos);
    const unsigned long steps = std::stoul(json.substr(at + 12));
    EXPECT_NE(run.err.find("animation (" + std::to_string(steps) + " frames)"), std::string::npos) << run.err;
    const std::string gif = levex::read_text_file((dir / "cascade.gif").string());
    ASSERT_GE(gif.size(), 13u);
    EXPECT_EQ(gif.substr(0, 6), "GIF89a");
    EXPECT_EQ(std::uint8_t(gif[6]) | (std::uint8_t(gif[7]) << 8), 640);
    EXPECT_EQ(std::uint8_t(gif[8]) | (std::uint8_t(gif[9]) << 8), 400);
    EXPECT_NE(gif.find("NETSCAPE2.0"), std::string::npos); // loops
    EXPECT_EQ(gif.back(), ';');                            // the trailer: a complete file
}

TEST(CliCharts, Mp4WithoutFfmpegExitsWithAClearMessage) {
    const auto dir = temp_dir();
    const CliRun run = cli("simulate " + sample_book() + " --shock -0.05 --animation " + (dir / "c.mp4").string(),
                           "PATH=/nonexistent");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("MP4 needs ffmpeg, which is not installed"), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << "refused before simulating";
    EXPECT_FALSE(std::filesystem::exists(dir / "c.mp4"));
}

TEST(CliCharts, BadChartOptionsAreUsageErrors) {
    const auto dir = temp_dir();
    const std::string base = "simulate " + sample_book() + " --shock -0.05 ";
    for (const std::string& bad : {std::string("--chart bars --chart-out x.png"), std::string("--chart-out x.bmp"),
                                   std::string("--animation x.avi"), std::string("--chart-out x.png --width 10"),
                                   std::string("--chart-out x.png --theme sepia"), std::string("--chart map")}) {
        const CliRun run = cli(base + bad);
        EXPECT_EQ(run.status, 2) << bad << ": " << run.err;
        EXPECT_NE(run.err.find("levex-cli: "), std::string::npos) << run.err;
    }
}

TEST(CliCharts, SweepWritesItsGridChart) {
    const auto dir = temp_dir();
    const CliRun run =
        cli("sweep " + sample_book() + " --x shock:-0.1:0:5 --y depth-scale:0.5:2:3 --metric " +
            "endogenous_move --out " + (dir / "grid.csv").string() + " --chart-out " + (dir / "grid.png").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(png_size(levex::read_text_file((dir / "grid.png").string())), std::make_pair(1200u, 800u));
    EXPECT_EQ(levex::read_text_file((dir / "grid.csv").string()).rfind("shock,depth-scale,endogenous_move\n", 0), 0u);
}

TEST(Cli, SimulateWritesSeriesAndLiquidatedPositions) {
    const auto dir = temp_dir();
    const CliRun run = cli("simulate " + data("published/bybit_isolated_entry.csv") +
                           " --mark 20000 --shock -0.05 --steps 20 --series " + (dir / "series.csv").string() +
                           " --liquidated " + (dir / "liq.csv").string());
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string series = levex::read_text_file((dir / "series.csv").string());
    EXPECT_EQ(series.rfind("step,time_s,index,book,mark,", 0), 0u) << series.substr(0, 200);
    EXPECT_NE(series.find("\n0,0,19000,"), std::string::npos) << series.substr(0, 300);
    const std::string liquidated = levex::read_text_file((dir / "liq.csv").string());
    EXPECT_EQ(liquidated.rfind("id,account,symbol,side,size,entry_price,trigger,first_step,", 0), 0u);
    EXPECT_EQ(cell(liquidated, "a", "side"), "long");
    EXPECT_EQ(cell(liquidated, "a", "fully_liquidated"), "true");
}

// The run options are the parameter table's: names, values, docs and defaults in --help, and
// errors that name the option of the key the core reports.
TEST(CliParameters, HelpListsEveryRunParameterWithTheTablesDoc) {
    for (const char* command : {"simulate", "sweep", "montecarlo"}) {
        const CliRun help = cli(std::string(command) + " --help");
        ASSERT_EQ(help.status, 0) << help.err;
        for (const levex::ParameterSpec& spec : levex::parameter_table()) {
            if (spec.option.empty() || spec.part != 0)
                continue;
            const std::string left = "--" + spec.option + " " + spec.value_name;
            EXPECT_NE(help.out.find(left), std::string::npos) << command << ": " << left;
            EXPECT_NE(help.out.find(levex::option_help(spec.option)), std::string::npos) << command << ": " << left;
        }
    }
    const CliRun simulate = cli("simulate --help");
    EXPECT_NE(simulate.out.find("(default 120, a user assumption)"), std::string::npos) << simulate.out;
    EXPECT_NE(simulate.out.find("(default 512)"), std::string::npos);
}

TEST(CliParameters, AnErrorNamesTheOptionOfItsKey) {
    const std::string book = data("published/bybit_isolated_entry.csv");
    const CliRun half_life = cli("simulate " + book + " --mark 20000 --half-life 0");
    EXPECT_EQ(half_life.status, 2);
    EXPECT_EQ(half_life.err, "levex-cli: --half-life: expected seconds > 0 or inf, found 0\n");
    const CliRun jumps = cli("simulate " + book + " --mark 20000 --jumps 0.1:0:-1");
    EXPECT_EQ(jumps.status, 2);
    EXPECT_EQ(jumps.err, "levex-cli: --jumps: expected a standard deviation >= 0, found -1\n");
    const CliRun parts = cli("simulate " + book + " --mark 20000 --jumps 0.1:0");
    EXPECT_EQ(parts.status, 2);
    EXPECT_NE(parts.err.find("--jumps: expected RATE:MEAN:STDEV (3 numbers"), std::string::npos) << parts.err;
    const CliRun steps = cli("simulate " + book + " --mark 20000 --steps many");
    EXPECT_EQ(steps.status, 2);
    EXPECT_NE(steps.err.find("--steps: expected a whole number of steps in [1, 10000000], found 'many'"),
              std::string::npos)
        << steps.err;
    const CliRun symbol = cli("simulate " + data("published/binance_cross_faq.csv") + " --symbol XRPUSDT");
    EXPECT_EQ(symbol.status, 2);
    EXPECT_NE(symbol.err.find("--symbol: expected one of the book's symbols (BTCUSDT, ETHUSDT), found 'XRPUSDT'"),
              std::string::npos)
        << symbol.err;
    const CliRun bins = cli("simulate " + book + " --mark 20000 --steps 1000000 --bins 100");
    EXPECT_EQ(bins.status, 2);
    EXPECT_NE(bins.err.find("--bins: expected steps × bins ≤ 50000000"), std::string::npos) << bins.err;
}

TEST(CliParameters, MonteCarloAsksForRandomnessByItsOption) {
    const auto dir = temp_dir();
    const std::string book = (dir / "mc-random.csv").string();
    ASSERT_EQ(cli("generate --positions 200 --seed 2 --out " + book).status, 0);
    const CliRun run = cli("montecarlo " + book + " --paths 4");
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err.rfind("levex-cli: --vol: expected a volatility > 0 or jumps", 0), 0u) << run.err;
}

TEST(CliParameters, AScenarioOutsideTheLimitsIsBadDataAtItsKey) {
    const auto dir = temp_dir();
    const std::string book = data("published/bybit_isolated_entry.csv");
    const std::string scenario = (dir / "limits.json").string();
    ASSERT_EQ(cli("simulate " + book + " --mark 20000 --steps 20 --save-scenario " + scenario).status, 0);
    std::string text = levex::read_text_file(scenario);
    const std::string from = "\"half_life_s\": 120.0";
    ASSERT_NE(text.find(from), std::string::npos) << text;
    text.replace(text.find(from), from.size(), "\"half_life_s\": -3.0");
    levex::write_text_file(scenario, text);
    const CliRun run = cli("simulate " + book + " --scenario " + scenario);
    EXPECT_EQ(run.status, 3);
    EXPECT_NE(run.err.find(scenario + ":"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(": parameters/half_life_s: expected seconds > 0 or inf, found -3"), std::string::npos)
        << run.err;
}

// Issue 15 on the command line: the power law, withdrawal, the exogenous order, AMM pools and
// fit-depth; bad values exit 2 naming the option.
TEST(CliLiquidity, FitDepthPrintsOneRowPerSide) {
    const auto dir = temp_dir();
    // Cumulative quote depth 1e6·(x / 1 %)^1.5 at log distances x = 0.1 %, 0.2 %, … from mid 100.
    std::string csv = "side,price,size\n";
    for (int side : {+1, -1}) {
        double before = 0.0;
        for (int i = 1; i <= 30; ++i) {
            const double x = 0.001 * i;
            const double price = side > 0 ? 100.0 * std::exp(-x) : 100.0 * std::exp(x);
            const double cumulative = 1e6 * std::pow(x / 0.01, 1.5);
            csv += std::string(side > 0 ? "bid," : "ask,") + levex::format_plain(price) + "," +
                   levex::format_plain((cumulative - before) / price) + "\n";
            before = cumulative;
        }
    }
    const std::string l2 = (dir / "power.csv").string();
    levex::write_text_file(l2, csv);
    const CliRun run = cli("fit-depth " + l2);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out.rfind("side,depth_within_1pct_quote,exponent,r2\nbid,", 0), 0u) << run.out;
    EXPECT_NE(run.out.find("\nask,"), std::string::npos) << run.out;
    EXPECT_NEAR(number(run.out, "bid", "exponent"), 1.5, 0.05);
    EXPECT_NEAR(number(run.out, "ask", "exponent"), 1.5, 0.05);
    EXPECT_NEAR(number(run.out, "bid", "depth_within_1pct_quote"), 1e6, 0.1e6);
    EXPECT_GT(number(run.out, "bid", "r2"), 0.99);
    const std::string one = (dir / "one-level.csv").string();
    levex::write_text_file(one, "side,price,size\nbid,99,1\nask,101,1\n");
    EXPECT_EQ(cli("fit-depth " + one).status, 3);
    EXPECT_EQ(cli("fit-depth").status, 2);
}

TEST(CliLiquidity, ASaleAloneMovesThePriceAndABuyMirrorsIt) {
    const std::string book = data("published/bybit_isolated_entry.csv");
    auto final_price = [](const std::string& json) {
        const std::string key = "\"final_price\": ";
        const std::size_t at = json.find(key);
        return at == std::string::npos ? 0.0 : std::stod(json.substr(at + key.size()));
    };
    const CliRun sale = cli("simulate " + book + " --mark 20000 --sell 500 --withdrawal off --steps 20");
    ASSERT_EQ(sale.status, 0) << sale.err;
    EXPECT_LT(final_price(sale.out), 20000.0) << sale.out;
    const CliRun spread =
        cli("simulate " + book + " --mark 20000 --sell 500 --shock-steps 5 --withdrawal off --steps 20");
    ASSERT_EQ(spread.status, 0) << spread.err;
    const CliRun thinning = cli("simulate " + book + " --mark 20000 --sell 500 --shock-steps 5 --steps 20");
    ASSERT_EQ(thinning.status, 0) << thinning.err;
    EXPECT_LT(final_price(thinning.out), final_price(spread.out)); // withdrawal on by default: deeper
    const CliRun purchase = cli("simulate " + book + " --mark 20000 --buy 500 --withdrawal off --steps 20");
    ASSERT_EQ(purchase.status, 0) << purchase.err;
    EXPECT_GT(final_price(purchase.out), 20000.0) << purchase.out;
}

TEST(CliLiquidity, PowerLawAndPoolsRunFromTheirOptions) {
    const std::string book = data("published/bybit_isolated_entry.csv");
    const CliRun power =
        cli("simulate " + book +
            " --mark 20000 --shock -0.05 --depth-exponent 1.5 --depth-quote-within-1pct 5e6 --steps 20");
    EXPECT_EQ(power.status, 0) << power.err;
    const auto dir = temp_dir();
    const std::string steth = (dir / "steth-book.csv").string();
    ASSERT_EQ(cli("generate --positions 500 --seed 3 --mark 1 --out " + steth).status, 0);
    const CliRun pool =
        cli("simulate " + steth + " --amm stableswap:A=15,fee=0.0004,base=241954,quote=235285 --sell 80000 --steps 5");
    EXPECT_EQ(pool.status, 0) << pool.err;
    const CliRun product =
        cli("simulate " + book + " --mark 20000 --amm constant-product:fee=0.003,base=1000,quote=2e7 --steps 5");
    EXPECT_EQ(product.status, 0) << product.err;
    EXPECT_EQ(product.err.find("notice:"), std::string::npos) << product.err;
    // A pool priced away from the book's mark, a snapshot taken at another price: said, and run.
    const CliRun away = cli("simulate " + book + " --mark 21000 --amm constant-product:base=1000,quote=2e7 --steps 5");
    EXPECT_EQ(away.status, 0) << away.err;
    EXPECT_NE(away.err.find("notice: the pool's price 20000 is 4.76 % below the book's mark 21000"), std::string::npos)
        << away.err;
    const CliRun rebased = cli("simulate " + book + " --mark 20000 --book " + data("orderbooks/small_l2.csv") +
                               " --shock -0.01 --steps 5");
    EXPECT_EQ(rebased.status, 0) << rebased.err;
    EXPECT_NE(rebased.err.find("are re-based to the start price"), std::string::npos) << rebased.err;
}

TEST(CliLiquidity, BadValuesExit2NamingTheOption) {
    const std::string book = data("published/bybit_isolated_entry.csv") + " --mark 20000 --steps 5";
    auto refused = [&](const std::string& options, const std::string& said) {
        const CliRun run = cli("simulate " + book + " " + options);
        EXPECT_EQ(run.status, 2) << options;
        EXPECT_NE(run.err.find(said), std::string::npos) << options << ": " << run.err;
    };
    refused("--depth-exponent 0", "--depth-exponent: expected");
    refused("--withdrawal maybe", "--withdrawal: expected");
    refused("--sell -1", "--sell: expected");
    refused("--sell 1 --buy 1", "--buy: expected");
    const std::string pool = "base=100,quote=10000";
    refused("--amm stableswap:A=0,fee=0.0004," + pool, "--amm");
    refused("--amm constant-product:fee=1," + pool, "--amm");
    refused("--amm constant-product:fee=0.003,base=-1,quote=1", "--amm");
    refused("--amm uniswap:fee=0.003," + pool, "--amm");
    refused("--amm constant-product:speed=2," + pool, "--amm");
    refused("--amm constant-product:" + pool + " --buy 100", "--buy");
}

TEST(CliLiquidity, GenerateTakesAPublishedMixAndAnOpenInterest) {
    const CliRun retail = cli("generate --positions 50 --seed 3 --mix retail");
    ASSERT_EQ(retail.status, 0) << retail.err;
    EXPECT_EQ(retail.out, cli("generate --positions 50 --seed 3").out); // retail is the default
    const CliRun hyper = cli("generate --positions 50 --seed 3 --mix hyperliquid-2025 --oi 1e8");
    ASSERT_EQ(hyper.status, 0) << hyper.err;
    EXPECT_NE(hyper.out, retail.out);
    EXPECT_EQ(cli("generate --positions 50 --seed 3 --mix bitmex-2019").status, 0);
    const CliRun mix = cli("generate --positions 5 --mix degen");
    EXPECT_EQ(mix.status, 2);
    EXPECT_NE(mix.err.find("--mix: expected retail, hyperliquid-2025 or bitmex-2019, found 'degen'"), std::string::npos)
        << mix.err;
    const CliRun oi = cli("generate --positions 5 --oi 0");
    EXPECT_EQ(oi.status, 2);
    EXPECT_NE(oi.err.find("--oi: expected an open interest > 0"), std::string::npos) << oi.err;
}

namespace {

// docs/lending.md §3's account: 10 WETH at 2,000 (threshold 0.825, bonus 1.05, fee 10 %) against
// 16,800 USDC, a book in USD.
std::string known_answer_lending_book() {
    const auto path = temp_dir() / "known-answer-lending.csv";
    levex::write_text_file(path.string(), "account,asset,collateral,debt,price,liquidation_threshold,liquidation_bonus,"
                                          "liquidation_protocol_fee\n"
                                          "alice,WETH,10,0,2000,0.825,1.05,0.1\n"
                                          "alice,USDC,0,16800,1,,,\n");
    return path.string();
}

std::string sample(const std::string& name) {
    return std::string(LEVEX_RESOURCE_DIR) + "/samples/" + name;
}

std::size_t lines(const std::string& text) {
    return std::size_t(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST(CliLending, InspectWritesOneRowPerAccountWithTheHealthFactors) {
    const std::string book = known_answer_lending_book();
    const CliRun run = cli("inspect " + book + " --protocol aave-v3-ethereum --protocol-base-value 1");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out.rfind("account,emode,collateral_base,debt_base,health_factor,protocol_health_factor,difference,"
                            "liquidation_asset,liquidation_price,price,distance_to_liquidation,max_repay_base\n",
                            0),
              0u)
        << run.out;
    EXPECT_NEAR(number(run.out, "alice", "health_factor"), 0.982143, 5e-7);
    EXPECT_EQ(cell(run.out, "alice", "liquidation_asset"), "WETH");
    EXPECT_NEAR(number(run.out, "alice", "liquidation_price"), 16800.0 / 8.25, 1e-9);
    EXPECT_NEAR(number(run.out, "alice", "max_repay_base"), 8400.0, 1e-9);
    // BOOK.csv@PROTOCOL names the profile too; the samples' own health factors come back within 0.5 %.
    const auto out = temp_dir() / "v2-inspect.csv";
    const CliRun v2 = cli("inspect " + sample("aave-v2-steth-2023-06.csv") + "@aave-v2-ethereum --symbol STETH --out " +
                          out.string());
    ASSERT_EQ(v2.status, 0) << v2.err;
    const std::string table = levex::read_text_file(out.string());
    EXPECT_EQ(lines(table), 1u + 1309u);
    EXPECT_EQ(cell(table, "0x777777c9898d384f785ee44acfe945efdff5f3e0", "liquidation_asset"), "STETH");
    EXPECT_NEAR(number(table, "0x777777c9898d384f785ee44acfe945efdff5f3e0", "health_factor") /
                    number(table, "0x777777c9898d384f785ee44acfe945efdff5f3e0", "protocol_health_factor"),
                1.0, 0.005);
    // A lending book needs its protocol.
    const CliRun unnamed = cli("inspect " + book);
    EXPECT_EQ(unnamed.status, 2);
    EXPECT_NE(unnamed.err.find("is a lending book: name its protocol profile"), std::string::npos) << unnamed.err;
}

TEST(CliLending, SimulateWritesTheLendingSummaryAndLog) {
    const auto dir = temp_dir();
    const std::string log_path = (dir / "lending-log.csv").string();
    const CliRun run = cli("simulate " + known_answer_lending_book() +
                           "@aave-v3-ethereum --symbol WETH --protocol-base-value 1 --depth-quote-within-1pct 1e15 "
                           "--withdrawal off --half-life inf --steps 5 --log " +
                           log_path);
    ASSERT_EQ(run.status, 0) << run.err;
    for (const char* key :
         {"\"kind\": \"lending\"", "\"symbol\": \"WETH\"", "\"accounts_liquidated\": 1", "\"collateral_seized\"",
          "\"collateral_seized_base\"", "\"debt_repaid_base\"", "\"bonus_base\"", "\"protocol_fee_base\"",
          "\"bad_debt_base\": 0", "\"final_price\"", "\"min_price\"", "\"exhaustion_price\"", "\"books\""})
        EXPECT_NE(run.out.find(key), std::string::npos) << key << " in " << run.out;
    const std::string log = levex::read_text_file(log_path);
    ASSERT_EQ(log.rfind("step,book,account,collateral_asset,debt_asset,debt_repaid,collateral_seized,protocol_fee,"
                        "collateral_sold,health_factor_before,health_factor_after,sale_price,bad_debt_base\n",
                        0),
              0u)
        << log;
    // The known answer: repay 8,400 USDC, seize 4.41 WETH of which 0.021 is the protocol's.
    std::vector<std::string> row;
    {
        std::stringstream first(log.substr(log.find('\n') + 1));
        std::string line, c;
        std::getline(first, line);
        std::stringstream cells(line);
        while (std::getline(cells, c, ','))
            row.push_back(c);
    }
    ASSERT_GE(row.size(), 11u) << log;
    EXPECT_EQ(row[0], "0");
    EXPECT_EQ(row[2], "alice");
    EXPECT_EQ(row[3], "WETH");
    EXPECT_EQ(row[4], "USDC");
    EXPECT_NEAR(std::stod(row[5]), 8400.0, 1e-9);
    EXPECT_NEAR(std::stod(row[6]), 4.41, 1e-12);
    EXPECT_NEAR(std::stod(row[7]), 0.021, 1e-12);
    EXPECT_NEAR(std::stod(row[9]), 0.982143, 5e-7);
    EXPECT_NEAR(std::stod(row[10]), 1.098036, 5e-7);
}

TEST(CliLending, TwoBooksShareOneMarketAndTheirScenarioReproducesTheRun) {
    const auto dir = temp_dir();
    const std::string scenario = (dir / "lending-scenario.json").string();
    const std::string books = sample("aave-v2-steth-2023-06.csv") + "@aave-v2-ethereum " +
                              sample("aave-v3-steth-2023-06.csv") + "@aave-v3-ethereum";
    const std::string market = " --symbol STETH --shock -0.1 --depth-quote-within-1pct 2000 --half-life inf";
    const CliRun first = cli("simulate " + books + market + " --save-scenario " + scenario);
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_NE(first.out.find("\"accounts\": 1811"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("\"protocol\": \"aave-v2-ethereum\""), std::string::npos);
    EXPECT_NE(first.out.find("\"protocol\": \"aave-v3-ethereum\""), std::string::npos);
    const std::string text = levex::read_text_file(scenario);
    EXPECT_NE(text.find("\"books\""), std::string::npos) << text;
    const CliRun again = cli("simulate " + sample("aave-v2-steth-2023-06.csv") + " " +
                             sample("aave-v3-steth-2023-06.csv") + " --scenario " + scenario);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out, first.out);
}

TEST(CliLending, GenerateWritesASeededLendingBookThatReadsBack) {
    const CliRun a = cli("generate --lending 200 --seed 5");
    ASSERT_EQ(a.status, 0) << a.err;
    EXPECT_EQ(a.out, cli("generate --lending 200 --seed 5").out);
    EXPECT_NE(a.out, cli("generate --lending 200 --seed 6").out);
    EXPECT_EQ(a.out.rfind("account,asset,collateral,debt,price", 0), 0u) << a.out.substr(0, 100);
    const auto path = temp_dir() / "generated-lending.csv";
    levex::write_text_file(path.string(), a.out);
    const CliRun inspect = cli("inspect " + path.string() + " --protocol aave-v3-ethereum");
    ASSERT_EQ(inspect.status, 0) << inspect.err;
    EXPECT_EQ(lines(inspect.out), 1u + 200u);
    EXPECT_EQ(cli("generate --lending 10 --venue generic").status, 2);
    EXPECT_EQ(cli("generate --positions 10 --protocol aave-v3-ethereum").status, 2);
}

TEST(CliLending, ABadLendingBookExitsWith3AtItsCell) {
    const auto path = temp_dir() / "bad-lending.csv";
    levex::write_text_file(path.string(), "account,asset,collateral,debt,price\na,WETH,-1,0,2000\n");
    for (const std::string& command : {"inspect " + path.string() + " --protocol aave-v3-ethereum",
                                       "simulate " + path.string() + "@aave-v3-ethereum"}) {
        const CliRun run = cli(command);
        EXPECT_EQ(run.status, 3) << command;
        EXPECT_EQ(run.err, path.string() + ":2:8: expected collateral >= 0, found '-1'\n") << command;
        EXPECT_TRUE(run.out.empty());
    }
}

TEST(CliLending, SweepAndMonteCarloRunOnLendingBooks) {
    const std::string books = sample("aave-v2-steth-2023-06.csv") + "@aave-v2-ethereum " +
                              sample("aave-v3-steth-2023-06.csv") + "@aave-v3-ethereum";
    const std::string market = " --symbol STETH --depth-quote-within-1pct 2000 --half-life inf";
    const auto critical = temp_dir() / "lending-critical.csv";
    const CliRun sweep =
        cli("sweep " + books + market +
            " --x shock:-0.5:0:11 --y depth-scale:0.5:2:3 --metric accounts_liquidated --out-critical " +
            critical.string());
    ASSERT_EQ(sweep.status, 0) << sweep.err;
    EXPECT_EQ(sweep.out.rfind("shock,depth-scale,accounts_liquidated\n", 0), 0u) << sweep.out;
    EXPECT_EQ(lines(sweep.out), 1u + 33u);
    EXPECT_GT(number(sweep.out, "-0.5", "accounts_liquidated"), 1000.0);
    EXPECT_EQ(levex::read_text_file(critical.string()).rfind("depth-scale,critical_shock\n", 0), 0u);
    // A position book's axis is refused for lending books.
    EXPECT_EQ(cli("sweep " + books + market + " --x shock:-0.5:0:3 --y leverage-mult:1:2:2").status, 2);

    const std::string mc = "montecarlo " + sample("aave-v3-steth-2023-06.csv") + "@aave-v3-ethereum" + market +
                           " --paths 12 --vol 0.01 --steps 40 --seed 3";
    const CliRun first = cli(mc);
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_EQ(first.out.rfind("metric,p5,p25,p50,p75,p95\n", 0), 0u) << first.out;
    for (const char* metric : {"\naccounts_liquidated,", "\nbad_debt_base,", "\ncollateral_seized,"})
        EXPECT_NE(first.out.find(metric), std::string::npos) << metric;
    EXPECT_EQ(cli(mc).out, first.out);
}

TEST(CliLending, ImportALendingBookAndRunItsSnapshot) {
    const auto dir = temp_dir();
    const std::string db = (dir / "lending.db").string();
    const std::string book = sample("aave-v2-steth-2023-06.csv");
    const CliRun unnamed = cli("import " + book + " --db " + db);
    EXPECT_EQ(unnamed.status, 2);
    EXPECT_FALSE(std::filesystem::exists(db));
    const CliRun imported = cli("import " + book + " --db " + db + " --protocol aave-v2-ethereum --name v2");
    ASSERT_EQ(imported.status, 0) << imported.err;
    EXPECT_EQ(imported.out, "imported 'v2': 1309 accounts into " + db + "\n");
    EXPECT_EQ(cli("list --db " + db).out.rfind("v2\t1309\t", 0), 0u);
    const std::string options = " --symbol STETH --shock -0.1 --depth-quote-within-1pct 2000 --half-life inf";
    const CliRun from_csv = cli("simulate " + book + "@aave-v2-ethereum" + options);
    const CliRun from_db = cli("simulate --db " + db + " --snapshot v2" + options + " --save-run");
    ASSERT_EQ(from_db.status, 0) << from_db.err;
    EXPECT_NE(from_db.err.find("saved run 1 (scenario 'aave-v2-ethereum, STETH shock -10 %') with snapshot 'v2'"),
              std::string::npos)
        << from_db.err;
    // The same run: the totals agree; only the book's name differs (the file, the snapshot).
    const auto totals = [](const std::string& json) { return json.substr(0, json.find("\"start_price\"")); };
    EXPECT_EQ(totals(from_db.out), totals(from_csv.out));
    EXPECT_NE(from_db.out.find("\"book\": \"snapshot 'v2'\""), std::string::npos) << from_db.out;
}
