// SPDX-License-Identifier: GPL-3.0-or-later
// A run's market files: read once each, parsed for the engine and hashed for scenario pins.
#include "tests/core/TestSupport.h"

#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/usecase/MarketFiles.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

TEST(MarketFiles, NoneWhenTheRunNamesNone) {
    const MarketFiles files = load_market_files(RunParameters{});
    EXPECT_FALSE(files.market.l2_book.has_value());
    EXPECT_FALSE(files.market.price_series.has_value());
    EXPECT_EQ(files.l2_sha256, "");
    EXPECT_EQ(files.series_sha256, "");
}

TEST(MarketFiles, TheL2BookAndTheSeriesAreParsedAndHashed) {
    RunParameters p;
    p.depth_model = DepthModel::L2Book;
    p.book_file = test::data_path("orderbooks/small_l2.csv");
    p.price_series_file = test::data_path("prices/klines_small.csv");
    const MarketFiles files = load_market_files(p);
    ASSERT_TRUE(files.market.l2_book.has_value());
    ASSERT_TRUE(files.market.price_series.has_value());
    EXPECT_EQ(files.l2_sha256, sha256_hex(read_text_file(p.book_file)));
    EXPECT_EQ(files.series_sha256, sha256_hex(read_text_file(p.price_series_file)));
    const MarketFiles unhashed = load_market_files(p, false);
    EXPECT_TRUE(unhashed.market.l2_book.has_value());
    EXPECT_EQ(unhashed.l2_sha256, "");
}

TEST(MarketFiles, AnL2FileIsReadOnlyForTheL2Model) {
    RunParameters p;
    p.book_file = "/nonexistent/l2.csv"; // named, but the V-shaped model does not read it
    EXPECT_FALSE(load_market_files(p).market.l2_book.has_value());
    p.depth_model = DepthModel::L2Book;
    EXPECT_THROW(load_market_files(p), IoError);
}

} // namespace
} // namespace levex
