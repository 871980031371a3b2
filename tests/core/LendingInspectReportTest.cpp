// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingInspectReport.h"

#include "LendingTestSupport.h"
#include "core/base/Issue.h"
#include "core/io/LendingBookReader.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace levex;
using levex::test::LendingBookBuilder;

namespace {

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> lines;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

LendingBook book_with_protocol_figures() {
    LendingBook book = LendingBookBuilder({{"WETH", 2000.0}, {"USDC", 1.0}, {"USDT", 1.0}})
                           .account("alice", {{"WETH", 10.0, 0.0}, {"USDC", 0.0, 16800.0}})
                           .account("bob", {{"WETH", 10.0, 0.0}, {"USDC", 1000.0, 8000.0}})
                           .account("saver", {{"USDT", 100.0, 0.0}})
                           .build();
    book.account_protocol_health_factor = {0.98, 2.0, std::numeric_limits<double>::infinity()};
    return book;
}

} // namespace

TEST(LendingInspectReport, OneRowPerAccount) {
    const ProtocolProfile p = test::v33_profile();
    const auto lines = lines_of(write_lending_inspect_csv(book_with_protocol_figures(), p));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], "account,emode,collateral_base,debt_base,health_factor,protocol_health_factor,difference,"
                        "liquidation_asset,liquidation_price,price,distance_to_liquidation,max_repay_base");
    // alice: the known answer; liquidation price 16,800 / 8.25; a liquidation would repay 8,400.
    const double alice_hf = 16500.0 / 16800.0, alice_liq = 16800.0 / 8.25;
    std::ostringstream alice;
    alice.precision(17);
    alice << "alice,0,20000,16800," << alice_hf << ",0.98," << alice_hf - 0.98 << ",WETH," << alice_liq << ",2000,"
          << alice_liq / 2000.0 - 1.0 << ",8400";
    EXPECT_EQ(lines[1], alice.str());
    // bob is healthy (HF above 0.95): a liquidation would be capped at half of his 8,000.
    EXPECT_EQ(lines[2].rfind("bob,0,21000,8000,2.16125,2,", 0), 0u) << lines[2];
    EXPECT_EQ(lines[2].substr(lines[2].rfind(',') + 1), "4000");
    // saver: USDT backs nothing, no debt: no liquidation asset, nothing to repay.
    EXPECT_EQ(lines[3], "saver,0,0,0,inf,inf,,,,,,0");
}

TEST(LendingInspectReport, ChosenSymbol) {
    const ProtocolProfile p = test::v33_profile();
    LendingInspectOptions options;
    options.symbol = "USDC";
    const auto lines = lines_of(write_lending_inspect_csv(book_with_protocol_figures(), p, options));
    // alice borrowed USDC: its liquidation price is (0 − 16,500) / (0 − 16,800) = 0.982143, below today's 1:
    // she is liquidatable already.
    EXPECT_NE(lines[1].find(",USDC,0.9821428571428571,1,"), std::string::npos) << lines[1];
    options.symbol = "DOGE";
    try {
        write_lending_inspect_csv(book_with_protocol_figures(), p, options);
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown symbol 'DOGE' for this lending book; expected one of: WETH, USDC, USDT");
    }
}

// The bundled samples inspect cleanly: every computed health factor sits beside the protocol's own.
TEST(LendingInspectReport, Samples) {
    const ProtocolProfile p = load_protocol_profile("aave-v3-ethereum", std::string(LEVEX_RESOURCE_DIR) + "/protocols");
    LendingCsvOptions options;
    options.profile = &p;
    const LendingCsvResult r =
        read_lending_csv(std::string(LEVEX_RESOURCE_DIR) + "/samples/aave-v3-steth-2023-06.csv", options);
    ASSERT_TRUE(r.ok);
    LendingInspectOptions inspect;
    inspect.symbol = "STETH";
    inspect.protocol_base_per_book_unit = 1719.57;
    const auto lines = lines_of(write_lending_inspect_csv(r.book, p, inspect));
    EXPECT_EQ(lines.size(), 503u);
    for (std::size_t i = 1; i < lines.size(); ++i)
        EXPECT_NE(lines[i].find(",STETH,"), std::string::npos) << lines[i];
}
