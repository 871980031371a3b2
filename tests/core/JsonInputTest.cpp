// SPDX-License-Identifier: GPL-3.0-or-later
// Venue profiles and scenario files point at the bad key: FILE:LINE:COLUMN: KEY: expected …, found ….
#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/TextFile.h"
#include "core/io/CsvTokenizer.h"
#include "core/io/ScenarioFile.h"
#include "core/model/ParameterTable.h"
#include "core/model/VenueProfile.h"

#include <gtest/gtest.h>

#include <string>

using namespace levex;

namespace {

template <typename F>
std::string error_of(F&& parse) {
    try {
        parse();
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

std::string bundled_text(const std::string& name) {
    return read_text_file(std::string(LEVEX_RESOURCE_DIR) + "/venues/" + name + ".json");
}

// A valid scenario written by the program, then edited by `edit` as a user might.
std::string scenario_text() {
    Scenario s;
    s.venue_json = bundled_text("generic");
    s.book_file = "book.csv";
    s.book_sha256 = std::string(64, 'a');
    s.program_version = "test";
    return write_scenario_json(s);
}

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.substr(0, at) + to + text.substr(at + from.size());
}

} // namespace

TEST(JsonSource, LocatesMembersAndElements) {
    const std::string text = "{\n  \"a\": 1,\n  \"b\": {\"c\": [10, {\"d\": \"x\\\"y\"}, 30]},\n  \"e\\\"q\": 2\n}";
    const JsonSource src{text, "f.json"};
    EXPECT_EQ(src.locate(""), std::make_pair(std::size_t(1), std::size_t(1)));
    EXPECT_EQ(src.locate("a"), std::make_pair(std::size_t(2), std::size_t(3)));
    EXPECT_EQ(src.locate("b/c"), std::make_pair(std::size_t(3), std::size_t(9)));
    EXPECT_EQ(src.locate("b/c/1/d"), std::make_pair(std::size_t(3), std::size_t(20)));
    EXPECT_EQ(src.locate("b/c/2"), std::make_pair(std::size_t(3), std::size_t(34)));
    // A missing member points at the nearest enclosing value that exists.
    EXPECT_EQ(src.locate("b/zz"), std::make_pair(std::size_t(3), std::size_t(8)));
    EXPECT_EQ(src.locate("b/c/7"), std::make_pair(std::size_t(3), std::size_t(14)));
}

TEST(JsonSource, RefusesAbsurdNestingWithItsPosition) {
    const std::string text = "{\"a\":" + std::string(100000, '[');
    const std::string e = error_of([&] { JsonSource{text, "deep.json"}.check_depth(); });
    EXPECT_EQ(e, "deep.json:1:69: expected JSON nested at most 64 levels deep, found deeper nesting");
}

TEST(VenueProfileErrors, NameLineAndColumnOfTheKey) {
    const std::string good = bundled_text("generic");
    const std::string unknown = replaced(good, "\"name\"", "\"nmae\"");
    EXPECT_NE(error_of([&] {
                  parse_venue_profile(unknown, "v.json");
              }).find("v.json:2:3: nmae: unknown key (see resources/venues/README.md"),
              std::string::npos)
        << error_of([&] { parse_venue_profile(unknown, "v.json"); });

    const std::string bad_rate = replaced(good, "\"liquidation_fee_rate\": 0", "\"liquidation_fee_rate\": 7");
    const std::string e = error_of([&] { parse_venue_profile(bad_rate, "v.json"); });
    EXPECT_NE(e.find(": liquidation_fee_rate: expected a number in [0, 0.5], found 7"), std::string::npos) << e;
    const auto [line, column] = JsonSource{bad_rate, "v.json"}.locate("liquidation_fee_rate");
    EXPECT_EQ(e.substr(0, e.find(": liq")), "v.json:" + std::to_string(line) + ":" + std::to_string(column));
    EXPECT_GT(line, 1u);
}

TEST(VenueProfileErrors, SyntaxErrorsSayWhatWasFound) {
    const std::string e = error_of([] { parse_venue_profile("{\n  \"name\": tru\n}", "v.json"); });
    EXPECT_EQ(e.rfind("v.json:2:", 0), 0u) << e;
    EXPECT_NE(e.find("expected valid JSON, found a syntax error"), std::string::npos) << e;
}

TEST(ScenarioErrors, RoundTripStillParses) {
    const Scenario s = parse_scenario_json(scenario_text(), "s.levex.json");
    EXPECT_EQ(s.book_file, "book.csv");
    EXPECT_EQ(s.params.steps, RunParameters{}.steps);
}

TEST(ScenarioErrors, BadParameterIsLocated) {
    const std::string text = replaced(scenario_text(), "\"steps\": 600", "\"steps\": -5");
    const std::string e = error_of([&] { parse_scenario_json(text, "s.levex.json"); });
    const auto [line, column] = JsonSource{text, ""}.locate("parameters/steps");
    EXPECT_EQ(e, "s.levex.json:" + std::to_string(line) + ":" + std::to_string(column) +
                     ": parameters/steps: expected a whole number >= 0, found -5");
}

TEST(ScenarioErrors, OutOfRangeValuesAreRefusedAsOnTheCommandLine) {
    const std::string text = replaced(scenario_text(), "\"shock\": 0.0", "\"shock\": -1.5");
    const std::string e = error_of([&] { parse_scenario_json(text, "s.levex.json"); });
    EXPECT_NE(e.find(": parameters/shock: expected a fraction above -1 and below 10"), std::string::npos) << e;
    const std::string nan_half_life = replaced(scenario_text(), "\"half_life_s\": 120.0", "\"half_life_s\": null");
    EXPECT_NE(error_of([&] {
                  parse_scenario_json(nan_half_life, "s.levex.json");
              }).find("parameters/half_life_s: expected seconds > 0 or inf"),
              std::string::npos);
}

TEST(ScenarioErrors, UnknownKeysAreNotSilentlyIgnored) {
    const std::string text = replaced(scenario_text(), "\"shock\"", "\"shok\"");
    EXPECT_NE(error_of([&] { parse_scenario_json(text, "s.levex.json"); }).find(": parameters/shok: unknown parameter"),
              std::string::npos);
}

TEST(ScenarioErrors, TheEmbeddedVenueIsCheckedInPlace) {
    const std::string text = replaced(scenario_text(), "\"execution\": \"market\"", "\"execution\": \"limit\"");
    const std::string e = error_of([&] { parse_scenario_json(text, "s.levex.json"); });
    const auto [line, column] = JsonSource{text, ""}.locate("venue/execution");
    EXPECT_EQ(e, "s.levex.json:" + std::to_string(line) + ":" + std::to_string(column) +
                     ": venue/execution: expected \"market\" or \"ioc_bankruptcy\", found \"limit\"");
}

TEST(ScenarioErrors, NotAScenario) {
    EXPECT_EQ(error_of([] { parse_scenario_json("[1, 2]", "s.json"); }),
              "s.json:1:1: levex_scenario: missing: expected a LevEx scenario file (an object with "
              "\"levex_scenario\": 1)");
    EXPECT_EQ(error_of([] { parse_scenario_json("", "s.json"); }).rfind("s.json:1:1: expected valid JSON", 0), 0u);
}

TEST(CheckRunParameters, DefaultsAreValidAndEachLimitHolds) {
    EXPECT_FALSE(check_run_parameters(RunParameters{}).has_value());
    RunParameters p;
    p.leverage_mult = 0;
    ASSERT_TRUE(check_run_parameters(p).has_value());
    EXPECT_EQ(check_run_parameters(p)->key, "leverage_mult");
    p = {};
    p.steps = 0;
    EXPECT_EQ(check_run_parameters(p)->key, "steps");
    p = {};
    p.mark = -1;
    EXPECT_EQ(check_run_parameters(p)->key, "mark");
    p = {};
    p.fund = std::numeric_limits<double>::infinity(); // unlimited
    EXPECT_FALSE(check_run_parameters(p).has_value());
}

TEST(CsvHeaderSummary, AMillionColumnsGiveOneReadableLine) {
    std::vector<std::string> names;
    for (int i = 0; i < 1000000; ++i)
        names.push_back(std::string(1, 'c').append(std::to_string(i)));
    const std::string s = summarize_header(names);
    EXPECT_LT(s.size(), 300u);
    EXPECT_EQ(s.rfind("c0, c1, ", 0), 0u);
    EXPECT_NE(s.find("(1000000 columns in all)"), std::string::npos);
    EXPECT_EQ(summarize_header({std::string(100, 'x')}), std::string(40, 'x') + "…");
}

TEST(JsonSource, NumberOverflowIsADataErrorAtTheNumber) {
    const std::string text = "{\n  \"name\": \"1e400\",\n  \"x\": 1e400\n}";
    const std::string e = error_of([&] { JsonSource{text, "o.json"}.parse<nlohmann::json>(); });
    EXPECT_EQ(e, "o.json:3:8: expected a number within ±1.8e308, found 1e400");
    const std::string scenario = replaced(scenario_text(), "\"shock\": 0.0", "\"shock\": -1e400");
    EXPECT_NE(error_of([&] {
                  parse_scenario_json(scenario, "s.json");
              }).find(": expected a number within ±1.8e308, found -1e400"),
              std::string::npos);
}
