// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ProtocolProfile.h"

#include "LendingTestSupport.h"
#include "core/base/Issue.h"
#include "core/base/TextFile.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace levex;

namespace {

std::string protocol_dir() {
    return std::string(LEVEX_RESOURCE_DIR) + "/protocols";
}

std::string fixture(const std::string& name) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/lending/profiles/" + name;
}

std::string error_of_file(const std::string& name) {
    try {
        load_protocol_profile(fixture(name), protocol_dir());
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

std::string error_of(const std::string& json) {
    try {
        parse_protocol_profile(json, "p.json");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(ProtocolProfile, BundledProfilesLoad) {
    EXPECT_EQ(list_protocol_profiles(protocol_dir()),
              (std::vector<std::string>{"aave-v2-ethereum", "aave-v3-ethereum"}));
    const ProtocolProfile v2 = load_protocol_profile("aave-v2-ethereum", protocol_dir());
    EXPECT_EQ(v2.base_currency, "ETH");
    EXPECT_EQ(v2.as_of, "2023-06-19");
    EXPECT_EQ(v2.close_factor.basis, CloseFactorBasis::ReserveDebt);
    EXPECT_DOUBLE_EQ(v2.close_factor.close_factor, 0.5);
    EXPECT_TRUE(std::isnan(v2.close_factor.full_at_or_below_health_factor));
    EXPECT_TRUE(std::isnan(v2.close_factor.min_leftover_base));
    const ProtocolAsset* steth = v2.find_asset("stETH");
    ASSERT_NE(steth, nullptr);
    EXPECT_DOUBLE_EQ(steth->liquidation_threshold, 0.83);
    EXPECT_DOUBLE_EQ(steth->ltv, 0.72);
    EXPECT_DOUBLE_EQ(steth->liquidation_protocol_fee, 0.0);
    EXPECT_EQ(v2.find_asset("eth"), v2.find_asset("WETH"));
    EXPECT_FALSE(v2.find_asset("USDT")->collateral);
    EXPECT_TRUE(std::isnan(v2.find_asset("OTHER")->liquidation_threshold));

    const ProtocolProfile v3 = load_protocol_profile("aave-v3-ethereum", protocol_dir());
    EXPECT_EQ(v3.base_currency, "USD");
    EXPECT_EQ(v3.close_factor.basis, CloseFactorBasis::TotalDebt);
    EXPECT_DOUBLE_EQ(v3.close_factor.full_at_or_below_health_factor, 0.95);
    EXPECT_DOUBLE_EQ(v3.close_factor.full_below_base, 2000.0);
    EXPECT_DOUBLE_EQ(v3.close_factor.min_leftover_base, 1000.0);
    EXPECT_DOUBLE_EQ(v3.find_asset("wstETH")->liquidation_threshold, 0.80);
    EXPECT_DOUBLE_EQ(v3.find_asset("WETH")->liquidation_protocol_fee, 0.10);
    const EModeCategory* eth = v3.find_emode(1);
    ASSERT_NE(eth, nullptr);
    EXPECT_EQ(eth->label, "ETH correlated");
    EXPECT_DOUBLE_EQ(eth->liquidation_threshold, 0.93);
    EXPECT_DOUBLE_EQ(eth->liquidation_bonus, 1.01);
    EXPECT_EQ(eth->members.size(), 4u);
    EXPECT_EQ(v3.find_emode(2), nullptr);
}

// Every number of a bundled profile cites a source or is listed as an assumption; the assumptions are few.
TEST(ProtocolProfile, BundledNumbersAreSourced) {
    for (const std::string& name : list_protocol_profiles(protocol_dir())) {
        const ProtocolProfile p = load_protocol_profile(name, protocol_dir());
        EXPECT_GT(p.sources.size(), 20u) << name;
        for (const std::string& d : p.user_defaults)
            EXPECT_TRUE(d.rfind("assets/OTHER/", 0) == 0)
                << name << ": only the basket's bonus and fee are assumed, found " << d;
        for (const ProtocolAsset& a : p.assets) {
            if (a.collateral && !std::isnan(a.liquidation_threshold)) {
                EXPECT_TRUE(p.sources.count("assets/" + a.symbol + "/liquidation_threshold"))
                    << name << " " << a.symbol;
            }
        }
    }
}

TEST(ProtocolProfile, UserProfileByPathAndUnknownName) {
    const ProtocolProfile p = load_protocol_profile(fixture("minimal-v33.json"), protocol_dir());
    EXPECT_EQ(p.name, "test-v33");
    try {
        load_protocol_profile("aave-v9", protocol_dir());
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown protocol 'aave-v9'; expected one of: aave-v2-ethereum, aave-v3-ethereum (or a "
                               "path to a profile .json)");
    }
}

// "FILE:LINE:COLUMN: " followed by `text`, with LINE and COLUMN numbers.
bool located_as(const std::string& message, const std::string& file, const std::string& text) {
    if (message.rfind(file + ":", 0) != 0)
        return false;
    std::size_t at = file.size() + 1;
    for (int part = 0; part < 2; ++part) {
        const std::size_t digits = message.find_first_not_of("0123456789", at);
        if (digits == at || digits == std::string::npos || message[digits] != ':')
            return false;
        at = digits + 1;
    }
    return message.compare(at, 1, " ") == 0 && message.compare(at + 1, text.size(), text) == 0;
}

// Bad profiles are refused with FILE:LINE:COLUMN: PATH: expected …, found ….
TEST(ProtocolProfile, BadProfilesAreLocated) {
    const struct {
        const char* file;
        const char* expected; // the message's start after FILE:LINE:COLUMN:
    } cases[] = {
        {"threshold_one.json", "assets/0/liquidation_threshold: expected a number in [0, 1), found 1.0"},
        {"ltv_above_threshold.json", "assets/0/ltv: expected ltv <= liquidation_threshold 0.825, found 0.9"},
        {"bonus_below_one.json", "assets/1/liquidation_bonus: expected a number in [1, 2], found 0.95"},
        {"fee_above_one.json", "assets/2/liquidation_protocol_fee: expected a number in [0, 1], found 1.5"},
        {"emode_unknown_member.json",
         "emode_categories/0/assets/2: expected the symbol of an asset in \"assets\", found \"RETH\""},
        {"missing_source.json", "assets/2/liquidation_bonus: expected a source for assets/USDC/liquidation_bonus "},
    };
    for (const auto& c : cases) {
        const std::string message = error_of_file(c.file);
        EXPECT_TRUE(located_as(message, fixture(c.file), c.expected)) << message;
    }
}

// Each refusal carries its issue code.
TEST(ProtocolProfile, ErrorsCarryTheirCodes) {
    auto code_of = [](const std::string& json) {
        try {
            parse_protocol_profile(json, "p.json");
        } catch (const DataError& e) {
            return std::string(issue_code_name(e.code()));
        }
        return std::string("no error");
    };
    const std::string good = test::minimal_profile_json();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const std::size_t at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    };
    EXPECT_EQ(code_of(with("\"liquidation\": {", "\"liquidation\": {\"grace\": 1, ")), "unknown_key");
    EXPECT_EQ(code_of("{\"name\": 1}"), "wrong_type");
    EXPECT_EQ(code_of(with("\"liquidation_bonus\": 1.05,", "\"liquidation_bonus\": 0.5,")), "out_of_range");
    EXPECT_EQ(code_of(with("\"id\": 1", "\"id\": 0")), "bad_value");
    EXPECT_EQ(code_of("{"), "json_syntax");
}

TEST(ProtocolProfile, StructuralErrors) {
    const std::string good = test::minimal_profile_json();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const std::size_t at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    };
    EXPECT_NE(error_of(with("\"close_factor_basis\": \"total_debt\"", "\"close_factor_basis\": \"all\""))
                  .find("liquidation/close_factor_basis: expected \"reserve_debt\" or \"total_debt\""),
              std::string::npos);
    EXPECT_NE(
        error_of(with("\"liquidation\": {", "\"liquidation\": {\"grace\": 1, ")).find("liquidation/grace: unknown key"),
        std::string::npos);
    EXPECT_NE(error_of(with("\"symbol\": \"STETH\"", "\"symbol\": \"eth\""))
                  .find("expected each asset name once, found \"eth\" again"),
              std::string::npos);
    EXPECT_NE(
        error_of(with("\"id\": 1", "\"id\": 0")).find("emode_categories/0/id: expected an integer id in [1, 255]"),
        std::string::npos);
    EXPECT_NE(error_of(with("\"symbol\": \"USDT\", \"collateral\": false",
                            "\"symbol\": \"USDT\", \"collateral\": false, \"liquidation_threshold\": 0.5"))
                  .find("expected no threshold or LTV above 0 for an asset that is not collateral"),
              std::string::npos);
    EXPECT_NE(error_of(with("\"liquidation_bonus\": 1.05,", "\"liquidation_bonus\": 1.25,"))
                  .find("expected liquidation_threshold x liquidation_bonus <= 1"),
              std::string::npos);
    EXPECT_NE(error_of(with("\"user_defaults\": [", "\"user_defaults\": [\"assets/WETH/gamma\", "))
                  .find("user_defaults/0: expected the path of a value the profile sets, found \"assets/WETH/gamma\""),
              std::string::npos);
    EXPECT_NE(error_of("{\"name\": 1}").find("p.json:1:2: name: expected a string, found 1"), std::string::npos)
        << error_of("{\"name\": 1}");
    EXPECT_NE(error_of("{").find("p.json:1:2:"), std::string::npos) << error_of("{");
}
