// SPDX-License-Identifier: GPL-3.0-or-later
// The book laid out for the engine: columns in trigger order, ladders, bankruptcy prices.
#include "core/engine/PreparedBook.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <vector>

using namespace levex;
using levex::test::BookBuilder;

namespace {

VenueProfile generic() {
    return test::bundled_venue("generic");
}

} // namespace

// Generic venue (mmr 0.5 %): a long's liquidation price is (Q·E − margin)/(Q·0.995), a short's
// (Q·E + margin)/(Q·1.005); a 1x long is never liquidated.
TEST(PreparedBook, ColumnsInTriggerOrder) {
    BookBuilder b(100.0);
    b.add(+1, 1, 100, 10);  // row 0: long, liq 90.45
    b.add(-1, 2, 100, 10);  // row 1: short, liq 104.48
    b.add(+1, 1, 100, 100); // row 2: 1x long, never liquidated
    b.add(+1, 4, 100, 20);  // row 3: long, liq 95.48
    b.add(-1, 1, 100, 20);  // row 4: short, liq 119.40
    const PreparedBook p = prepare_book(b.book(), generic(), {}, 0, 100.0);
    ASSERT_EQ(p.positions(), 5u);
    EXPECT_EQ(p.book_index, (std::vector<std::uint32_t>{3, 0, 1, 4, 2}));
    EXPECT_EQ(p.long_ladder.position, (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(p.short_ladder.position, (std::vector<std::uint32_t>{2, 3}));
    EXPECT_NEAR(p.long_ladder.price[0], 380.0 / (4 * 0.995), 1e-9);
    EXPECT_NEAR(p.long_ladder.price[1], 90.0 / 0.995, 1e-9);
    EXPECT_NEAR(p.short_ladder.price[0], 210.0 / (2 * 1.005), 1e-9);
    EXPECT_NEAR(p.short_ladder.price[1], 120.0 / 1.005, 1e-9);
    EXPECT_EQ(p.long_ladder.size, (std::vector<double>{4, 1}));
    EXPECT_EQ(p.size, (std::vector<double>{4, 1, 2, 1, 1}));
    EXPECT_EQ(p.cushion, (std::vector<double>{20, 10, 10, 20, 100}));
    EXPECT_TRUE(std::isnan(p.liquidation[4]));
    EXPECT_EQ(p.side, (std::vector<std::int8_t>{1, 1, -1, -1, 1}));
    EXPECT_DOUBLE_EQ(p.open_interest_quote(), 9 * 100.0);
    EXPECT_EQ(p.start_mark, 100.0);
    EXPECT_GT(p.memory_bytes(), 0u);
}

// Bankruptcy: equity cushion + PnL is zero. Linear long 10 @ 100 with 50: 95; short: 105; a
// long whose cushion covers its whole notional has none.
TEST(PreparedBook, BankruptcyPrices) {
    BookBuilder b(100.0);
    b.add(+1, 10, 100, 50);
    b.add(-1, 10, 100, 50);
    b.add(+1, 1, 100, 100);
    const PreparedBook p = prepare_book(b.book(), generic(), {}, 0, 100.0);
    for (std::size_t k = 0; k < p.positions(); ++k) {
        const std::uint32_t row = p.book_index[k];
        if (row == 0)
            EXPECT_DOUBLE_EQ(p.bankruptcy(k), 95.0);
        else if (row == 1)
            EXPECT_DOUBLE_EQ(p.bankruptcy(k), 105.0);
        else
            EXPECT_TRUE(std::isnan(p.bankruptcy(k)));
    }
}

// Inverse: cushion + s·N·(1/E − 1/P) = 0 with N = contracts × contract size. 1,000 contracts of
// 100 USD long from 50,000 with 0.2 BTC: 1/P = 1/50000 + 0.2/100000, P = 45,454.54…
TEST(PreparedBook, InverseBankruptcy) {
    PreparedBook p;
    p.contract = {true, 100.0};
    p.side = {1};
    p.size = {1000.0};
    p.entry = {50000.0};
    p.cushion = {0.2};
    EXPECT_NEAR(p.bankruptcy(0), 1.0 / (1.0 / 50000 + 0.2 / 100000), 1e-7);
}

// A larger book: ladders sorted (longs falling, shorts rising) and every position once.
TEST(PreparedBook, LaddersAreSortedAndCoverEveryPosition) {
    GeneratorSettings g;
    g.positions = 20000;
    g.seed = 4;
    const PositionBook book = generate_book(g, generic());
    const PreparedBook p = prepare_book(book, generic(), {1.5, 1.0}, 0, 100000.0);
    ASSERT_EQ(p.positions(), book.positions());
    for (std::size_t i = 1; i < p.long_ladder.price.size(); ++i)
        ASSERT_GE(p.long_ladder.price[i - 1], p.long_ladder.price[i]);
    for (std::size_t i = 1; i < p.short_ladder.price.size(); ++i)
        ASSERT_LE(p.short_ladder.price[i - 1], p.short_ladder.price[i]);
    std::vector<int> seen(book.positions(), 0);
    for (std::uint32_t row : p.book_index)
        ++seen[row];
    for (int s : seen)
        ASSERT_EQ(s, 1);
    for (std::size_t k = 0; k < p.positions(); ++k) {
        const std::uint32_t row = p.book_index[k];
        ASSERT_EQ(p.side[k], book.side[row]);
        ASSERT_EQ(p.size[k], book.size[row]);
        ASSERT_EQ(p.entry[k], book.entry_price[row]);
    }
}

namespace {

// Equal bit for bit (NaN included), which EXPECT_EQ on doubles does not say of NaN.
template <typename T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

} // namespace

// With an audit the columns come from the book-wide levels, without one from a solver per
// position: the same bits either way, for cross accounts over several symbols and for the
// multiplier at 1 (where the book's margins are used as they are) or not.
TEST(PreparedBook, TheSameColumnsWithOrWithoutAnAudit) {
    const VenueProfile venue = test::bundled_venue("binance-usdm-btcusdt");
    const PositionBook faq = test::read_fixture("published/binance_cross_faq.csv", venue);
    GeneratorSettings g;
    g.positions = 3000;
    const PositionBook generated = generate_book(g, venue);
    for (const MarginSettings settings :
         {MarginSettings{1.0, 1.0}, MarginSettings{2.5, 1.0}, MarginSettings{0.7, 1.6}}) {
        for (const PositionBook* book : std::initializer_list<const PositionBook*>{&faq, &generated}) {
            for (std::size_t symbol = 0; symbol < book->symbols(); ++symbol) {
                const double mark = book->symbol_mark[symbol];
                LeverageAudit audit;
                const PreparedBook with = prepare_book(*book, venue, settings, symbol, mark, &audit);
                const PreparedBook without = prepare_book(*book, venue, settings, symbol, mark);
                EXPECT_EQ(with.book_index, without.book_index);
                EXPECT_EQ(with.side, without.side);
                for (auto column :
                     {&PreparedBook::size, &PreparedBook::entry, &PreparedBook::cushion, &PreparedBook::liquidation})
                    EXPECT_TRUE(same_bits(with.*column, without.*column));
                for (auto column : {&PreparedBook::mmr, &PreparedBook::maint_amount, &PreparedBook::other_maint})
                    EXPECT_TRUE(same_bits(with.*column, without.*column));
                EXPECT_TRUE(same_bits(with.long_ladder.price, without.long_ladder.price));
                EXPECT_TRUE(same_bits(with.short_ladder.price, without.short_ladder.price));
                EXPECT_EQ(with.capped_count, without.capped_count);
                EXPECT_EQ(with.capped_count, compute_liquidation_levels(*book, venue, settings).margins.capped_count);
            }
        }
    }
}
