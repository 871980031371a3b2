// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a scenario file for a run: its book, its pins, its venue.
#include "tests/core/TestSupport.h"
#include "tests/core/UseCaseFiles.h"

#include "core/base/Sha256.h"
#include "core/usecase/OpenScenario.h"
#include "core/usecase/ScenarioOfRun.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

namespace fs = std::filesystem;

std::string save_scenario(const fs::path& dir, const std::string& venue) {
    const std::string book = test::write_file(dir / "book.csv", test::kSmallBook);
    const Scenario s = scenario_of_run(RunParameters{}, venue, book);
    return test::write_file(dir / "s.levex.json", write_scenario_json(s));
}

TEST(OpenScenario, FindsItsBookAndNamesABundledVenue) {
    const auto dir = test::test_folder();
    const OpenedScenario opened = open_scenario_file(save_scenario(dir, "generic"), (dir / "profiles").string());
    EXPECT_EQ(opened.book_path, (dir / "book.csv").string());
    EXPECT_EQ(opened.venue, "generic");
    EXPECT_FALSE(fs::exists(dir / "profiles")) << "a bundled venue writes no profile";
}

TEST(OpenScenario, AFolderMovedAsAWholeStillFindsItsBook) {
    const auto dir = test::test_folder();
    fs::create_directories(dir / "before");
    save_scenario(dir / "before", "generic");
    fs::rename(dir / "before", dir / "after");
    const OpenedScenario opened = open_scenario_file((dir / "after" / "s.levex.json").string(), dir.string());
    EXPECT_EQ(opened.book_path, (dir / "after" / "book.csv").string());
}

TEST(OpenScenario, AChangedBookOrAMissingFileIsRefused) {
    const auto dir = test::test_folder();
    const std::string path = save_scenario(dir, "generic");
    test::write_file(dir / "book.csv", std::string(test::kSmallBook) + "4,long,1,100,10,100\n");
    try {
        open_scenario_file(path, dir.string());
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("found a different file"), std::string::npos) << e.what();
    }
    fs::remove(dir / "book.csv");
    EXPECT_THROW(open_scenario_file(path, dir.string()), DataError);
}

TEST(OpenScenario, AnEmbeddedProfileThatIsNotBundledIsWrittenForTheApp) {
    const auto dir = test::test_folder();
    const std::string venue_file = test::data_path("venues/binance-coinm-btcusd.json");
    const OpenedScenario opened = open_scenario_file(save_scenario(dir, venue_file), (dir / "profiles").string());
    EXPECT_EQ(fs::path(opened.venue).parent_path(), dir / "profiles");
    EXPECT_EQ(read_text_file(opened.venue), opened.scenario.venue_json);
}

} // namespace
} // namespace levex
