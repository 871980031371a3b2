// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario of a run and the pins a scenario checks.
#include "tests/core/TestSupport.h"
#include "tests/core/UseCaseFiles.h"

#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/usecase/ScenarioOfRun.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

TEST(ScenarioOfRun, FromResolvedInputsItPinsWhatTheRunRead) {
    RunRequest request;
    request.book_csv = test::write_file(test::test_folder() / "book.csv", test::kSmallBook);
    request.hash_book = true;
    request.params.price_series_file = test::data_path("prices/klines_small.csv");
    request.params.shock = -0.07;
    const RunInputs in = resolve_run_inputs(request);
    const Scenario s = scenario_of_run(in);
    EXPECT_EQ(s.book_file, request.book_csv);
    EXPECT_EQ(s.book_sha256, sha256_hex(test::kSmallBook));
    EXPECT_EQ(s.series_sha256, in.market.series_sha256);
    EXPECT_EQ(s.l2_sha256, "");
    EXPECT_EQ(s.params.shock, -0.07);
    EXPECT_EQ(s.venue_json, in.venue.json);
    EXPECT_EQ(s.program_version, version());
}

TEST(ScenarioOfRun, FromNamesItHashesTheFiles) {
    const std::string book = test::write_file(test::test_folder() / "book.csv", test::kSmallBook);
    RunParameters p;
    p.depth_model = DepthModel::L2Book;
    p.book_file = test::data_path("orderbooks/small_l2.csv");
    const Scenario s = scenario_of_run(p, "bybit-linear-btcusdt", book);
    EXPECT_EQ(s.book_sha256, sha256_hex(test::kSmallBook));
    EXPECT_EQ(s.l2_sha256, sha256_hex(read_text_file(p.book_file)));
    EXPECT_EQ(s.venue_json, test::bundled_venue("bybit-linear-btcusdt").json);
    EXPECT_EQ(scenario_of_run(p, "generic", book, "given").book_sha256, "given") << "a known hash is not recomputed";
    EXPECT_THROW(scenario_of_run(p, "generic", "/nonexistent.csv"), IoError);
}

TEST(ScenarioOfRun, APinThatDiffersIsBadDataAtTheFile) {
    EXPECT_NO_THROW(check_pin("L2 book", "l2.csv", "", "abc")); // nothing pinned
    EXPECT_NO_THROW(check_pin("L2 book", "l2.csv", "abc", "abc"));
    try {
        check_pin("L2 book", "l2.csv", std::string(64, '1'), std::string(64, '2'));
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.issue().file, "l2.csv");
        EXPECT_NE(std::string(e.what()).find("expected the L2 book the scenario pinned"), std::string::npos);
    }
    Scenario s;
    s.book_sha256 = std::string(64, '1');
    EXPECT_THROW(check_book_pin(s, "s.json", "b.csv", "b.csv", std::string(64, '2')), DataError);
    EXPECT_NO_THROW(check_book_pin(s, "s.json", "b.csv", "b.csv", std::string(64, '1')));
}

} // namespace
} // namespace levex
