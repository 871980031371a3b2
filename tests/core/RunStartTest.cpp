// SPDX-License-Identifier: GPL-3.0-or-later
// The symbol and start mark of a run: errors name the parameter key, not an option.
#include "tests/core/TestSupport.h"

#include "core/model/ParameterError.h"
#include "core/model/RunStart.h"

#include <gtest/gtest.h>

namespace levex {
namespace {

// The key of the ParameterError `f` throws, and its problem.
template <typename F>
ParameterProblem problem_of(F&& f) {
    try {
        f();
    } catch (const ParameterError& e) {
        return e.problem();
    }
    ADD_FAILURE() << "no ParameterError";
    return {};
}

// A book from CSV text (strict).
PositionBook book_of(const std::string& csv) {
    PositionCsvResult result = parse_positions_csv(csv, "test.csv", {});
    EXPECT_TRUE(result.ok);
    return std::move(result.book);
}

PositionBook two_symbols() {
    return test::read_fixture("published/binance_cross_faq.csv", test::bundled_venue("generic"));
}

TEST(RunStart, SeveralSymbolsAndNoneNamedIsRefusedOrTheLargestIsTaken) {
    const PositionBook book = two_symbols();
    const ParameterProblem p = problem_of([&] { resolve_symbol(book, ""); });
    EXPECT_EQ(p.key, "symbol");
    EXPECT_EQ(p.found, "none");
    EXPECT_NE(p.hint.find("{name}"), std::string::npos);
    EXPECT_NE(p.hint.find("ETHUSDT"), std::string::npos) << "the largest by open interest is proposed";
    EXPECT_EQ(book.symbol_names[resolve_symbol(book, "", UnnamedSymbol::Largest)], "ETHUSDT");
    EXPECT_EQ(book.symbol_names[resolve_symbol(book, "BTCUSDT")], "BTCUSDT");
}

TEST(RunStart, AnUnknownSymbolNamesTheOnesThereAre) {
    const PositionBook book = two_symbols();
    const ParameterProblem p = problem_of([&] { resolve_symbol(book, "XRPUSDT"); });
    EXPECT_EQ(p.key, "symbol");
    EXPECT_EQ(p.found, "'XRPUSDT'");
    EXPECT_NE(p.expected.find("BTCUSDT, ETHUSDT"), std::string::npos) << p.expected;
}

TEST(RunStart, TheMarkIsGivenOrTheBooks) {
    const PositionBook book = book_of("symbol,side,size,entry_price,leverage,mark_price\nBTC,long,1,100,10,100\n");
    RunParameters params;
    EXPECT_DOUBLE_EQ(resolve_run_start(book, params).mark, 100.0);
    params.mark = 90.0;
    const RunStart start = resolve_run_start(book, params);
    EXPECT_DOUBLE_EQ(start.mark, 90.0);
    EXPECT_EQ(start.symbol_name, "BTC");
    params.mark = -1;
    EXPECT_EQ(problem_of([&] { resolve_run_start(book, params); }).key, "mark");
}

TEST(RunStart, ABookWithoutAMarkAsksForOne) {
    const PositionBook book = book_of("side,size,entry_price,leverage\nlong,1,100,10\n");
    const ParameterProblem p = problem_of([&] { resolve_run_start(book, RunParameters{}); });
    EXPECT_EQ(p.key, "mark");
    EXPECT_EQ(p.found, "none");
    EXPECT_NE(p.hint.find("{name VALUE}"), std::string::npos);
}

TEST(RunStart, ABookWithoutPositionsIsBadData) {
    PositionBook empty;
    EXPECT_THROW(resolve_symbol(empty, ""), DataError);
}

} // namespace
} // namespace levex
