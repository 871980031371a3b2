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
        if (keys > 1) {
            EXPECT_EQ(std::size_t(std::count(spec.value_name.begin(), spec.value_name.end(), ':')) + 1, keys)
                << spec.option;
        }
    }
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
