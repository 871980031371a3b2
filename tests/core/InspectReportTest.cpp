// SPDX-License-Identifier: GPL-3.0-or-later
// The inspect table streamed block by block: the same bytes as the whole-string table for any
// block size and thread count, pieces in order, and a failing sink stopping the work.
#include "core/io/InspectReport.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct InspectFixture {
    levex::VenueProfile venue = levex::test::bundled_venue("binance-usdm-btcusdt");
    levex::PositionBook book;
    levex::LiquidationLevels levels;
    levex::LeverageAudit audit;

    explicit InspectFixture(std::size_t positions) {
        levex::GeneratorSettings settings;
        settings.positions = positions; // isolated and cross accounts, several leverage tiers
        book = levex::generate_book(settings, venue);
        levels = levex::compute_liquidation_levels(book, venue);
        audit = levex::audit_leverage(book, venue, levels, book.symbol_mark);
    }

    std::string streamed(const levex::InspectStreamOptions& options) const {
        std::string text;
        levex::stream_inspect_csv(
            book, levels, audit, [&](std::string_view piece) { text += piece; }, options);
        return text;
    }
};

} // namespace

TEST(InspectReport, StreamedTextIsTheWholeTableForAnyBlocksAndThreads) {
    const InspectFixture f(3001);
    const std::string whole = levex::write_inspect_csv(f.book, f.venue, f.levels);
    ASSERT_EQ(std::count(whole.begin(), whole.end(), '\n'), 1 + 3001);
    // One block on one thread is the plain row loop: the reference every split must reproduce.
    EXPECT_EQ(f.streamed({1, 1u << 20}), whole);
    for (const unsigned threads : {1u, 2u, 3u, 8u})
        for (const std::size_t rows : {std::size_t(1), std::size_t(7), std::size_t(1000), std::size_t(3000),
                                       std::size_t(3001), std::size_t(8192)})
            EXPECT_EQ(f.streamed({threads, rows}), whole) << threads << " thread(s), blocks of " << rows << " rows";
}

TEST(InspectReport, RowsFollowTheBookInOrder) {
    const InspectFixture f(500);
    const std::string text = f.streamed({4, 3});
    std::size_t at = text.find('\n') + 1; // past the header
    for (std::size_t i = 0; i < f.book.positions(); ++i) {
        const std::size_t end = text.find('\n', at);
        ASSERT_NE(end, std::string::npos);
        const std::string row = text.substr(at, end - at);
        EXPECT_EQ(row.substr(0, row.find(',')), f.book.id[i]);
        EXPECT_EQ(std::count(row.begin(), row.end(), ','), 18) << row; // 19 columns
        at = end + 1;
    }
    EXPECT_EQ(at, text.size());
}

TEST(InspectReport, HeaderAloneForAnEmptyBook) {
    const InspectFixture f(0);
    EXPECT_EQ(f.streamed({2, 7}), "id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,"
                                  "maint_amount,liquidation_price,bankruptcy_price,exchange_liquidation_price,"
                                  "difference,margin_mode,collateral,mark_price,distance_to_liquidation,"
                                  "leverage_capped\n");
}

TEST(InspectReport, WhatTheSinkThrowsStopsTheTable) {
    const InspectFixture f(1000);
    const std::string whole = levex::write_inspect_csv(f.book, f.venue, f.levels);
    std::string taken;
    int pieces = 0;
    auto failing = [&](std::string_view piece) {
        if (++pieces == 4)
            throw std::runtime_error("disk full");
        taken += piece;
    };
    EXPECT_THROW(levex::stream_inspect_csv(f.book, f.levels, f.audit, failing, {2, 10}), std::runtime_error);
    EXPECT_EQ(pieces, 4); // nothing reaches the sink after it failed
    EXPECT_EQ(taken, whole.substr(0, taken.size()));
}
