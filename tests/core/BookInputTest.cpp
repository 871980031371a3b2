// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a run's book: a CSV (hashed from the same read) or a workspace snapshot.
#include "tests/core/TestSupport.h"
#include "tests/core/UseCaseFiles.h"

#include "core/base/Sha256.h"
#include "core/model/ParameterError.h"
#include "core/usecase/BookInput.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

TEST(BookInput, ReadsAndHashesACsvInOneGo) {
    const std::string path = test::write_file(test::test_folder() / "book.csv", test::kSmallBook);
    const BookFile plain = read_book_file(path, {}, {}, false);
    ASSERT_TRUE(plain.book);
    EXPECT_EQ(plain.book->positions(), 3u);
    EXPECT_EQ(plain.sha256, "") << "no hash unless asked for";
    const BookFile hashed = read_book_file(path, {}, {}, true);
    EXPECT_EQ(hashed.sha256, sha256_hex(test::kSmallBook));
}

TEST(BookInput, BadDataThrowsWithItsLocationAndSkippedRowsAreReported) {
    const std::string path =
        test::write_file(test::test_folder() / "bad.csv", "id,side,size,entry_price,leverage\n1,long,x,100,10\n");
    try {
        read_book_file(path, {}, {}, false);
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.issue().line, 2u);
        EXPECT_EQ(e.issue().file, path);
    }
    BookReadOptions skip;
    skip.skip_bad_rows = true;
    const std::string mixed = test::write_file(test::test_folder() / "mixed.csv",
                                               "id,side,size,entry_price,leverage\n1,long,x,100,10\n2,long,1,100,10\n");
    const BookFile read = read_book_file(mixed, {}, skip, false);
    EXPECT_EQ(read.book->positions(), 1u);
    ASSERT_EQ(read.skipped.size(), 1u);
    EXPECT_EQ(read.skipped[0].line, 2u);
}

TEST(BookInput, ACancelledReadIsAResultNotAnError) {
    const std::string path = test::write_file(test::test_folder() / "book.csv", test::long_book(70000));
    const BookFile read = read_book_file(path, {}, {}, true, [](double) { return false; });
    EXPECT_TRUE(read.cancelled);
    EXPECT_FALSE(read.book);
}

TEST(BookInput, ASnapshotRunsOnlyWithAVenueOfItsContractUnits) {
    const VenueProfile linear = test::bundled_venue("generic");
    EXPECT_NO_THROW(check_contract_units("generic", linear, "snapshot 'a'"));
    const std::string inverse = test::data_path("venues/binance-coinm-btcusd.json");
    try {
        check_contract_units(inverse, linear, "snapshot 'coinm'");
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "venue");
        EXPECT_NE(e.problem().hint.find("whose contract units differ from 'generic'"), std::string::npos);
    }
    try { // a venue file that has gone: not skipped, reported
        check_contract_units("/nonexistent/venue.json", linear, "snapshot 'a'");
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "venue");
    }
}

TEST(BookInput, AVenueFileIsRememberedByItsAbsolutePath) {
    EXPECT_EQ(venue_reference("generic"), "generic");
    const std::string inverse = test::data_path("venues/binance-coinm-btcusd.json");
    EXPECT_EQ(venue_reference(inverse), std::filesystem::absolute(inverse).string());
}

TEST(BookInput, AnUnknownSnapshotNamesTheOnesThereAre) {
    Workspace ws((test::test_folder() / "w.db").string());
    try {
        load_snapshot_book(ws, "nosuch");
        FAIL() << "no ParameterError";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.key(), "snapshot");
        EXPECT_NE(e.problem().found.find("it holds none"), std::string::npos);
    }
}

} // namespace
} // namespace levex
