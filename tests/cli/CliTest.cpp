// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: runs levex-cli as a user would and checks what it prints and its exit status.
#include "core/TextFile.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct CliRun {
    int status = -1;
    std::string out; ///< standard output
    std::string err; ///< standard error
};

std::string data(const std::string& relative) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/" + relative;
}

std::filesystem::path temp_dir() {
    auto dir = std::filesystem::temp_directory_path() / ("levex-cli-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

CliRun cli(const std::string& args) {
    const auto err_path = temp_dir() / "stderr.txt";
    const std::string command = std::string("'") + LEVEX_CLI + "' " + args + " 2>'" + err_path.string() + "'";
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return run;
    std::array<char, 65536> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        run.out.append(buffer.data(), n);
    const int raw = ::pclose(pipe);
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.err = levex::read_text_file(err_path.string());
    return run;
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
    const CliRun run = cli("generate --positions 30000 --seed 20251010 --out " + a.string());
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
