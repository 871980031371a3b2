// SPDX-License-Identifier: GPL-3.0-or-later
// Resolving a run's inputs: what the command line and the app both do before a run.
#include "tests/core/TestSupport.h"
#include "tests/core/UseCaseFiles.h"

#include "core/base/Sha256.h"
#include "core/model/ParameterError.h"
#include "core/usecase/RunInputs.h"
#include "core/usecase/ScenarioOfRun.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

template <typename F>
std::string key_of(F&& f) {
    try {
        f();
    } catch (const ParameterError& e) {
        return e.key();
    }
    return "<no ParameterError>";
}

TEST(RunInputs, ABookCsvResolvesToItsBookSymbolMarkAndVenue) {
    RunRequest request;
    request.book_csv = test::write_file(test::test_folder() / "book.csv", test::kSmallBook);
    const RunInputs in = resolve_run_inputs(request);
    EXPECT_EQ(in.book->positions(), 3u);
    EXPECT_EQ(in.book_label, request.book_csv);
    EXPECT_EQ(in.venue.name, "generic");
    EXPECT_EQ(in.start.symbol_name, in.book->symbol_names[0]);
    EXPECT_DOUBLE_EQ(in.start.mark, 100.0);
    EXPECT_EQ(in.book_sha256, "");
    request.hash_book = true;
    EXPECT_EQ(resolve_run_inputs(request).book_sha256, sha256_hex(test::kSmallBook));
}

TEST(RunInputs, ParametersAreCheckedBeforeAnyFileIsRead) {
    RunRequest request;
    request.book_csv = "/nonexistent/book.csv";
    request.params.half_life_s = 0;
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "half_life_s");
    request.params = {};
    EXPECT_THROW(resolve_run_inputs(request), IoError);
}

TEST(RunInputs, TheVenueIsTheGivenOneElseTheScenariosElseTheSnapshotsElseGeneric) {
    Scenario scenario;
    scenario.venue_json = test::bundled_venue("bybit-linear-btcusdt").json;
    EXPECT_EQ(resolve_venue("", &scenario, "s.json", "generic").name, "bybit-linear-btcusdt");
    EXPECT_EQ(resolve_venue("hyperliquid-btc", &scenario, "s.json", "generic").name, "hyperliquid-btc");
    EXPECT_EQ(resolve_venue("", nullptr, "", "binance-usdm-btcusdt").name, "binance-usdm-btcusdt");
}

TEST(RunInputs, AScenarioRefusesAnotherBookAndChangedMarketFiles) {
    const auto dir = test::test_folder();
    RunRequest request;
    request.book_csv = test::write_file(dir / "book.csv", test::kSmallBook);
    request.hash_book = true;
    Scenario scenario = scenario_of_run(resolve_run_inputs(request));
    request.scenario = &scenario;
    request.scenario_file = "s.json";
    request.hash_book = false; // the pin makes it hash anyway
    EXPECT_NO_THROW(resolve_run_inputs(request));
    test::write_file(dir / "book.csv", std::string(test::kSmallBook) + "4,short,1,102,10,100\n");
    try {
        resolve_run_inputs(request);
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("expected the book of scenario s.json"), std::string::npos) << e.what();
    }
    test::write_file(dir / "book.csv", test::kSmallBook);
    request.params.price_series_file = test::data_path("prices/klines_small.csv");
    scenario.series_sha256 = std::string(64, '0');
    EXPECT_THROW(resolve_run_inputs(request), DataError);
}

TEST(RunInputs, ASnapshotCarriesItsHashAndItsVenuesUnits) {
    const auto dir = test::test_folder();
    Workspace ws((dir / "w.db").string());
    const std::string inverse_csv = test::data_path("published/binance_coinm_inverse.csv");
    const std::string inverse_venue = test::data_path("venues/binance-coinm-btcusd.json");
    const PositionBook book = test::read_fixture("published/binance_coinm_inverse.csv",
                                                 load_venue_profile(inverse_venue, test::data_path("venues")));
    ws.import_snapshot(book, {"coinm", inverse_csv, std::string(64, 'a'), inverse_venue});
    RunRequest request;
    request.snapshot = "coinm";
    request.workspace = &ws;
    request.params.mark = 20000;
    const RunInputs in = resolve_run_inputs(request);
    EXPECT_EQ(in.venue.name, load_venue_profile(inverse_venue, "").name) << "the snapshot's venue by default";
    EXPECT_EQ(in.book_sha256, std::string(64, 'a'));
    EXPECT_EQ(in.book_label, "snapshot 'coinm'");
    ASSERT_TRUE(in.snapshot.has_value());
    request.venue = "generic";
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "venue");
    request.venue.clear();
    request.snapshot = "nosuch";
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "snapshot");
}

TEST(RunInputs, SeveralSymbolsAreRefusedUnlessTheLargestIsAskedFor) {
    RunRequest request;
    request.book_csv = test::data_path("published/binance_cross_faq.csv");
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "symbol");
    request.unnamed_symbol = UnnamedSymbol::Largest;
    EXPECT_EQ(resolve_run_inputs(request).start.symbol_name, "ETHUSDT");
}

} // namespace
} // namespace levex
