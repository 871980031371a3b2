// SPDX-License-Identifier: GPL-3.0-or-later
// The parameter table: one description per run parameter that the command line, scenario files,
// the app and the man page check all read.
#include "core/model/ParameterTable.h"
#include "core/io/ScenarioFile.h"
#include "core/model/ParameterError.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace levex {
namespace {

TEST(ParameterTable, EveryKeyOnceInTheOrderScenarioFilesWriteThem) {
    Scenario s;
    s.venue_json = "{}";
    const auto written = nlohmann::ordered_json::parse(write_scenario_json(s)).at("parameters");
    std::vector<std::string> keys;
    for (const auto& [key, value] : written.items())
        keys.push_back(key);
    std::vector<std::string> table;
    for (const ParameterSpec& spec : parameter_table())
        table.push_back(spec.key);
    EXPECT_EQ(keys, table);
    EXPECT_EQ(std::set<std::string>(table.begin(), table.end()).size(), table.size());
}

TEST(ParameterTable, DefaultsAndControlSpansAreValid) {
    const RunParameters defaults;
    EXPECT_FALSE(check_run_parameters(defaults).has_value());
    for (const ParameterSpec& spec : parameter_table()) {
        EXPECT_FALSE(spec.doc.empty()) << spec.key;
        EXPECT_FALSE(spec.label.empty()) << spec.key;
        if (!spec.is_number())
            continue;
        // A control's span lies inside the valid range (0 may stand for "not set", as the mark's does).
        if (spec.typical_lo != 0.0 || spec.unset.empty()) {
            EXPECT_TRUE(value_is_valid(spec, spec.typical_lo)) << spec.key << " " << spec.typical_lo;
        }
        EXPECT_TRUE(value_is_valid(spec, spec.typical_hi)) << spec.key << " " << spec.typical_hi;
        EXPECT_LE(spec.typical_lo, spec.typical_hi) << spec.key;
    }
}

TEST(ParameterTable, AssumedAndCitedDefaultsSayWhy) {
    for (const ParameterSpec& spec : parameter_table()) {
        if (spec.basis != DefaultBasis::Neutral) {
            EXPECT_FALSE(spec.source.empty()) << spec.key;
        }
    }
    EXPECT_EQ(parameter("half_life_s").basis, DefaultBasis::Assumption);
    EXPECT_EQ(parameter("depth_quote_within_1pct").basis, DefaultBasis::Cited);
    EXPECT_EQ(option_help("half-life"),
              "resilience of consumed depth, how fast it refills; inf = permanent (default 120, a user assumption)");
    EXPECT_EQ(option_help("fee"), "liquidation fee rate on the liquidated notional (default: the venue's)");
    EXPECT_EQ(option_help("jumps"), "jumps per step, mean and stdev of the log jump; rate 0 = none (default 0:0:0)");
    EXPECT_EQ(option_help("book"), parameter("book_file").doc); // a file: no default
}

TEST(ParameterTable, AnOptionOfSeveralKeysListsThemInTheOrderOfItsValue) {
    const auto jumps = parameters_of_option("jumps");
    ASSERT_EQ(jumps.size(), 3u);
    EXPECT_EQ(jumps[0]->key, "jump_rate");
    EXPECT_EQ(jumps[1]->key, "jump_mean");
    EXPECT_EQ(jumps[2]->key, "jump_stdev");
    for (std::size_t k = 0; k < jumps.size(); ++k)
        EXPECT_EQ(jumps[k]->part, k);
    // "A:B:C": one part of the value per key.
    for (const ParameterSpec& spec : parameter_table()) {
        const std::size_t keys = parameters_of_option(spec.option).size();
        if (keys > 1 && !is_key_value_option(spec.option)) {
            EXPECT_EQ(std::size_t(std::count(spec.value_name.begin(), spec.value_name.end(), ':')) + 1, keys)
                << spec.option;
        }
    }
}

// KIND:KEY=VALUE,…: one KIND row, and a distinct KEY for every other row of the option.
TEST(ParameterTable, AKeyValueOptionNamesEachKeyOnce) {
    const auto amm = parameters_of_option("amm");
    ASSERT_EQ(amm.size(), 5u);
    EXPECT_TRUE(is_key_value_option("amm"));
    EXPECT_FALSE(is_key_value_option("jumps"));
    std::set<std::string> keys;
    for (const ParameterSpec* spec : amm)
        keys.insert(spec->value_key);
    EXPECT_EQ(keys, (std::set<std::string>{"", "A", "base", "fee", "quote"}));
    EXPECT_EQ(amm[0]->key, "amm_kind");
    EXPECT_EQ(option_help("amm"),
              parameter("amm_kind").doc + " (fee default: the kind's, 0.003 constant-product and 0.0004 stableswap)");
}

TEST(ParameterTable, AKeyValueOptionSetsItsKeysAndTheDepthModel) {
    RunParameters p;
    EXPECT_FALSE(apply_key_value_option("amm", "stableswap:A=15,fee=0.0004,base=241954,quote=235285", p));
    EXPECT_EQ(p.depth_model, DepthModel::Amm);
    EXPECT_EQ(p.amm_kind, AmmKind::StableSwap);
    EXPECT_EQ(p.amm_amplification, 15.0);
    EXPECT_EQ(p.amm_fee, 0.0004);
    EXPECT_EQ(p.amm_base_reserve, 241954.0);
    EXPECT_EQ(p.amm_quote_reserve, 235285.0);
    EXPECT_FALSE(check_run_parameters(p).has_value());
    RunParameters q;
    EXPECT_FALSE(apply_key_value_option("amm", "constant-product:base=10,quote=20000", q));
    EXPECT_TRUE(std::isnan(q.amm_fee)); // the kind's usual fee
    EXPECT_EQ(value_text(q, parameter("amm_fee")), "none");
    EXPECT_EQ(default_text(parameter("amm_fee")), "the kind's, 0.003 constant-product and 0.0004 stableswap");
}

TEST(ParameterTable, AKeyValueOptionNamesTheKeyOfItsProblem) {
    RunParameters p;
    auto problem = apply_key_value_option("amm", "curve:A=15", p);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->key, "amm_kind");
    EXPECT_EQ(problem->found, "'curve'");
    problem = apply_key_value_option("amm", "stableswap:B=15", p);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->key, "amm");
    EXPECT_EQ(problem->expected, "KEY=VALUE with KEY one of base, quote, fee or A");
    problem = apply_key_value_option("amm", "stableswap:A", p);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->key, "amm");
    for (const char* bad : {"stableswap:A=0", "stableswap:A=-1", "stableswap:A=x"}) {
        problem = apply_key_value_option("amm", bad, p);
        ASSERT_TRUE(problem) << bad;
        EXPECT_EQ(problem->key, "amm_amplification") << bad;
    }
    EXPECT_EQ(apply_key_value_option("amm", "constant-product:fee=1", p)->key, "amm_fee");
    EXPECT_EQ(apply_key_value_option("amm", "constant-product:base=0", p)->key, "amm_base_reserve");
    EXPECT_EQ(apply_key_value_option("amm", "constant-product:quote=-2", p)->key, "amm_quote_reserve");
}

TEST(ParameterTable, ChoicesReadAndWriteByName) {
    RunParameters p;
    const ParameterSpec& withdrawal = parameter("withdrawal");
    EXPECT_TRUE(withdrawal.is_choice());
    EXPECT_EQ(choice_names(withdrawal), (std::vector<std::string>{"off", "on"}));
    EXPECT_EQ(choice_value(p, withdrawal), "on");
    EXPECT_TRUE(set_choice_value(p, withdrawal, "off"));
    EXPECT_FALSE(p.withdrawal);
    EXPECT_FALSE(set_choice_value(p, withdrawal, "yes"));
    EXPECT_FALSE(p.withdrawal);
    EXPECT_EQ(expected_text(withdrawal), "on or off");
    const ParameterSpec& model = parameter("depth_model");
    EXPECT_EQ(choice_names(model).size(), 6u);
    EXPECT_TRUE(set_choice_value(p, model, "power-law"));
    EXPECT_EQ(p.depth_model, DepthModel::PowerLaw);
    EXPECT_EQ(default_text(parameter("amm_kind")), "constant-product");
}

TEST(ParameterTable, NewMarketDefaultsAreCitedOrAssumed) {
    EXPECT_EQ(parameter("depth_exponent").basis, DefaultBasis::Cited);
    EXPECT_EQ(parameter("withdrawal").basis, DefaultBasis::Cited);
    EXPECT_EQ(parameter("withdrawal_flow_scale").basis, DefaultBasis::Cited);
    EXPECT_EQ(parameter("withdrawal_exponent").basis, DefaultBasis::Cited);
    EXPECT_EQ(parameter("withdrawal_half_life_s").basis, DefaultBasis::Assumption);
    EXPECT_EQ(parameter("amm_fee").basis, DefaultBasis::Cited);
    const RunParameters d;
    EXPECT_EQ(d.depth_exponent, 1.14);
    EXPECT_TRUE(d.withdrawal);
    EXPECT_EQ(option_help("withdrawal-half-life"),
              parameter("withdrawal_half_life_s").doc + " (default 120, a user assumption)");
}

// Each limit of the table refuses the value just outside it, naming the key.
TEST(ParameterTable, EachLimitRefusesTheValueJustOutsideItWithItsKey) {
    for (const ParameterSpec& spec : parameter_table()) {
        if (!spec.is_number() || spec.is_whole())
            continue;
        std::vector<double> outside;
        if (std::isfinite(spec.lo))
            outside.push_back(spec.lo_open ? spec.lo : std::nextafter(spec.lo, -INFINITY));
        if (std::isfinite(spec.hi))
            outside.push_back(spec.hi_open ? spec.hi : std::nextafter(spec.hi, INFINITY));
        if (spec.infinite.empty())
            outside.push_back(std::numeric_limits<double>::infinity());
        if (spec.unset.empty())
            outside.push_back(std::numeric_limits<double>::quiet_NaN());
        for (double x : outside) {
            if (spec.zero_valid && x == 0.0)
                continue;
            RunParameters p;
            set_number_value(p, spec, x);
            const auto problem = check_run_parameters(p);
            ASSERT_TRUE(problem.has_value()) << spec.key << " = " << x;
            EXPECT_EQ(problem->key, spec.key) << spec.key << " = " << x;
            EXPECT_EQ(problem->expected, expected_text(spec));
        }
    }
}

TEST(ParameterTable, WholeLimitsAndTheChecksThatSpanKeys) {
    RunParameters p;
    p.steps = 0;
    EXPECT_EQ(check_run_parameters(p)->key, "steps");
    EXPECT_EQ(check_run_parameters(p)->found, "0");
    p = {};
    p.bins = 1;
    EXPECT_EQ(check_run_parameters(p)->key, "bins");
    p = {};
    p.depth_model = DepthModel::L2Book;
    EXPECT_EQ(check_run_parameters(p)->key, "book_file");
    p = {};
    p.metaorder_y = 1e200;
    p.metaorder_adv_quote = 1e200;
    EXPECT_EQ(check_run_parameters(p)->key, "metaorder_adv_quote");
    p = {};
    p.steps = 200000;
    p.bins = 1000;
    EXPECT_EQ(check_run_parameters(p)->key, "bins");
    p = {};
    p.student_nu = 0; // 0 = normal returns, outside (2, inf) but valid
    EXPECT_FALSE(check_run_parameters(p).has_value());
    p.student_nu = 2;
    EXPECT_EQ(check_run_parameters(p)->key, "student_nu");
}

TEST(ParameterTable, ExpectedTextSaysTheRangeInWords) {
    EXPECT_EQ(expected_text(parameter("shock")), "a fraction above -1 and below 10 (-0.10 = -10 %)");
    EXPECT_EQ(expected_text(parameter("half_life_s")), "seconds > 0 or inf");
    EXPECT_EQ(expected_text(parameter("fund")), "a quote amount >= 0 or unlimited");
    EXPECT_EQ(expected_text(parameter("fee")), "a rate in [0, 0.5)");
    EXPECT_EQ(expected_text(parameter("student_nu")), "degrees of freedom > 2 (0 = normal returns)");
    EXPECT_EQ(expected_text(parameter("steps")), "a whole number of steps in [1, 10000000]");
}

TEST(ParameterTable, WholeValuesKeepAllSixtyFourBits) {
    RunParameters p;
    const ParameterSpec& seed = parameter("seed");
    set_whole_value(p, seed, 18446744073709551615ull);
    EXPECT_EQ(p.seed, 18446744073709551615ull);
    EXPECT_EQ(whole_value(p, seed), 18446744073709551615ull);
    EXPECT_EQ(value_text(p, seed), "18446744073709551615");
}

// What a study computed on one set of parameters no longer reflects: every key that differs, in
// table order; "not set" (NaN) equals "not set".
TEST(ParameterTable, ChangedParametersNameEveryKeyThatDiffers) {
    levex::RunParameters a, b;
    EXPECT_TRUE(levex::changed_parameters(a, b).empty()); // the venue's fee (NaN) on both sides
    b.half_life_s = 60;
    b.shock = -0.08;
    b.seed = 7;
    b.book_file = "depth.csv";
    b.depth_model = levex::DepthModel::L2Book;
    EXPECT_EQ(levex::changed_parameters(a, b),
              (std::vector<std::string>{"shock", "depth_model", "book_file", "half_life_s", "seed"}));
    b = a;
    b.fee = 0.001;
    EXPECT_EQ(levex::changed_parameters(a, b), std::vector<std::string>{"fee"});
    // Every kind of choice compares by its own value, not by the depth model.
    b = a;
    b.withdrawal = false;
    b.amm_kind = levex::AmmKind::StableSwap;
    EXPECT_EQ(levex::changed_parameters(a, b), (std::vector<std::string>{"amm_kind", "withdrawal"}));
}

TEST(ParameterError, CarriesItsKeyAndEachFrontEndNamesIt) {
    const ParameterError e({"mark", "a start price", "none", "give the start price with {name VALUE}"});
    EXPECT_EQ(e.key(), "mark");
    EXPECT_STREQ(e.what(), "mark: expected a start price, found none; give the start price with mark");
    EXPECT_EQ(phrase_parameter_problem(e.problem(), "--mark", "--mark", "--mark P"),
              "--mark: expected a start price, found none; give the start price with --mark P");
    EXPECT_EQ(phrase_parameter_problem(e.problem(), "Mark price", "the Mark price box", "the Mark price box"),
              "Mark price: expected a start price, found none; give the start price with the Mark price box");
    // A usage error to whoever does not phrase it.
    EXPECT_THROW(throw ParameterError({"bins", "x", "y"}), UsageError);
}

} // namespace
} // namespace levex
