// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/VenueProfile.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;
using levex::test::bundled_venue;

namespace {

std::string profile_json(const std::string& tiers, const std::string& extra = "") {
    return R"({"name": "t", "contract": "linear", "tiers": )" + tiers + R"(,
      "maintenance_basis": "mark", "fee_in_maintenance": 0, "liquidation_fee_rate": 0,
      "remaining_margin_to": "fund", "execution": "market", "partial": null,
      "backstop_equity_fraction": 0, "insurance_fund": "unlimited",
      "adl": {"enabled": false, "ranking": "bitmex"}, "mark_passthrough": 1)" +
           extra + R"(,
      "user_defaults": ["contract", "tiers", "maintenance_basis", "fee_in_maintenance", "liquidation_fee_rate",
                        "remaining_margin_to", "execution", "partial", "backstop_equity_fraction",
                        "insurance_fund", "adl", "mark_passthrough"]})";
}

std::string error_of(const std::string& json) {
    try {
        parse_venue_profile(json, "t.json");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(VenueProfile, EveryBundledProfileLoads) {
    const auto names = list_venue_profiles(std::string(LEVEX_RESOURCE_DIR) + "/venues");
    EXPECT_EQ(names, (std::vector<std::string>{"binance-usdm-btcusdt", "binance-usdm-ethusdt", "bybit-linear-btcusdt",
                                               "generic", "hyperliquid-btc", "hyperliquid-eth"}));
    for (const std::string& name : names) {
        const VenueProfile p = bundled_venue(name);
        EXPECT_EQ(p.name, name);
        EXPECT_FALSE(p.tiers.empty());
    }
}

// Binance's maintenance amounts follow cum_n = cum_{n-1} + floor_n·(mmr_n - mmr_{n-1}).
TEST(VenueProfile, BinanceTierCumRecursion) {
    const VenueProfile p = bundled_venue("binance-usdm-btcusdt");
    ASSERT_EQ(p.tiers.size(), 12u);
    EXPECT_EQ(p.execution, Execution::IocBankruptcy);
    EXPECT_DOUBLE_EQ(p.tiers[0].max_leverage, 150.0);
    double cum = 0.0;
    for (std::size_t n = 1; n < p.tiers.size(); ++n) {
        cum += p.tiers[n].floor * (p.tiers[n].mmr - p.tiers[n - 1].mmr);
        EXPECT_NEAR(p.tiers[n].maint_amount, cum, 1e-6) << "tier " << n + 1;
    }
    EXPECT_DOUBLE_EQ(p.tiers[2].maint_amount, 1500.0); // 300 + 800,000 × 0.15 %
    EXPECT_DOUBLE_EQ(p.tiers[11].maint_amount, 421482000.0);
    // Maintenance is continuous across every bracket edge.
    for (std::size_t n = 1; n < p.tiers.size(); ++n) {
        const double x = p.tiers[n].floor;
        EXPECT_NEAR(x * p.tiers[n - 1].mmr - p.tiers[n - 1].maint_amount, x * p.tiers[n].mmr - p.tiers[n].maint_amount,
                    1e-6);
    }
    EXPECT_DOUBLE_EQ(p.tier_for(299999).mmr, 0.004);
    EXPECT_DOUBLE_EQ(p.tier_for(300000).mmr, 0.005);
    EXPECT_DOUBLE_EQ(p.tier_for(5e9).mmr, 0.5); // beyond the last cap: the last tier
}

TEST(VenueProfile, HyperliquidRateIsHalfTheInitialMargin) {
    for (const char* name : {"hyperliquid-btc", "hyperliquid-eth"}) {
        const VenueProfile p = bundled_venue(name);
        for (const MarginTier& t : p.tiers)
            EXPECT_NEAR(t.mmr, 1.0 / (2.0 * t.max_leverage), 1e-15) << name;
        ASSERT_TRUE(p.partial.has_value());
        EXPECT_DOUBLE_EQ(p.partial->fraction, 0.2);
        EXPECT_NEAR(p.backstop_equity_fraction, 2.0 / 3.0, 1e-12);
    }
}

TEST(VenueProfile, GenericIsOneTierWithUnlimitedFund) {
    const VenueProfile p = bundled_venue("generic");
    ASSERT_EQ(p.tiers.size(), 1u);
    EXPECT_DOUBLE_EQ(p.tiers[0].mmr, 0.005);
    EXPECT_DOUBLE_EQ(p.tiers[0].max_leverage, 100.0);
    EXPECT_TRUE(std::isinf(p.insurance_fund));
    EXPECT_EQ(p.execution, Execution::Market);
    EXPECT_FALSE(p.partial.has_value());
}

TEST(VenueProfile, RejectsMaxLeverageThatIsAlreadyLiquidatable) {
    const std::string e = error_of(profile_json(
        R"([{"notional_floor": 0, "notional_cap": "inf", "max_leverage": 200, "maint_margin_rate": 0.005, "maint_amount": 0}])"));
    EXPECT_NE(e.find("t.json:1:47: tiers/0: expected 1/max_leverage > maint_margin_rate, found 1/200 = 0.005 <= 0.005"),
              std::string::npos)
        << e;
}

TEST(VenueProfile, RejectsGapsAndJumps) {
    const std::string gap = error_of(profile_json(
        R"([{"notional_floor": 0, "notional_cap": 100, "max_leverage": 50, "maint_margin_rate": 0.01, "maint_amount": 0},
            {"notional_floor": 200, "notional_cap": "inf", "max_leverage": 20, "maint_margin_rate": 0.02, "maint_amount": 2}])"));
    EXPECT_NE(gap.find("tiers/1/notional_floor: expected the previous tier's cap 100"), std::string::npos) << gap;
    const std::string jump = error_of(profile_json(
        R"([{"notional_floor": 0, "notional_cap": 100, "max_leverage": 50, "maint_margin_rate": 0.01, "maint_amount": 0},
            {"notional_floor": 100, "notional_cap": "inf", "max_leverage": 20, "maint_margin_rate": 0.02, "maint_amount": 5}])"));
    EXPECT_NE(jump.find("tiers/1/maint_amount: expected 1 = previous maint_amount + floor * (mmr - previous mmr)"),
              std::string::npos)
        << jump;
}

TEST(VenueProfile, RejectsBadJsonWithLineAndColumn) {
    const std::string e = error_of("{\n  \"name\": \"x\",\n  \"contract\": linear\n}");
    EXPECT_EQ(e.rfind("t.json:3:15: expected valid JSON", 0), 0u) << e;
    const std::string deep = error_of(std::string(100, '[') + std::string(100, ']'));
    EXPECT_NE(deep.find("expected JSON nested at most 64 levels deep"), std::string::npos) << deep;
}

TEST(VenueProfile, RejectsUnsourcedNumbersThatAreNotUserDefaults) {
    std::string json = profile_json(
        R"([{"notional_floor": 0, "notional_cap": "inf", "max_leverage": 100, "maint_margin_rate": 0.005, "maint_amount": 0}])");
    json.replace(json.find("\"liquidation_fee_rate\","), 23, "");
    const std::string e = error_of(json);
    EXPECT_NE(e.find("liquidation_fee_rate: expected a page in \"sources\" or an entry in \"user_defaults\""),
              std::string::npos)
        << e;
}

TEST(VenueProfile, UnknownNameListsTheBundledOnes) {
    try {
        bundled_venue("binance");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown venue 'binance'; expected one of: binance-usdm-btcusdt, "),
                  std::string::npos);
    }
}
