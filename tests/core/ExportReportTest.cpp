// SPDX-License-Identifier: GPL-3.0-or-later
// The data files a run and a sweep export (the app's Export menu and levex-cli) read back to the
// numbers they were written from, and a scenario file to the parameters it pinned.
#include "core/base/TextFile.h"
#include "core/engine/Simulation.h"
#include "core/engine/Sweep.h"
#include "core/io/RunReport.h"
#include "core/io/ScenarioFile.h"
#include "core/io/SweepReport.h"
#include "core/model/BookGenerator.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_map>

using namespace levex;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows parse_csv(const std::string& text) {
    Rows rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        for (char c : line) {
            if (c == ',') {
                cells.push_back(cell);
                cell.clear();
            } else {
                cell += c;
            }
        }
        cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

double num(const std::string& cell) {
    return std::strtod(cell.c_str(), nullptr); // "inf" included
}

const PositionBook& book() {
    static const PositionBook b = [] {
        GeneratorSettings g;
        g.positions = 4000;
        g.seed = 21;
        return generate_book(g, test::bundled_venue("generic"));
    }();
    return b;
}

RunResult shocked_run() {
    RunParameters params;
    params.shock = -0.07;
    params.steps = 80;
    params.bins = 64;
    return simulate(book(), test::bundled_venue("generic"), params);
}

} // namespace

TEST(ExportReport, SeriesCsvReadsBackExactly) {
    const RunResult r = shocked_run();
    const Rows rows = parse_csv(series_csv(r.frames, 2.0));
    ASSERT_EQ(rows.size(), r.frames.steps + 1);
    ASSERT_EQ(rows[0].size(), 14u);
    EXPECT_EQ(rows[0][12], "fund_balance");
    EXPECT_EQ(rows[0][13], "withdrawal");
    for (std::size_t t = 0; t < r.frames.steps; ++t) {
        const auto& row = rows[t + 1];
        EXPECT_EQ(row[0], std::to_string(t));
        EXPECT_EQ(num(row[1]), 2.0 * double(t));
        EXPECT_EQ(num(row[2]), r.frames.index[t]);
        EXPECT_EQ(num(row[4]), r.frames.mark[t]);
        EXPECT_EQ(num(row[5]), r.frames.liquidated_notional_long[t]);
        EXPECT_EQ(num(row[7]), double(r.frames.liquidated_count_long[t]));
        EXPECT_EQ(num(row[11]), r.frames.open_interest[t]);
        EXPECT_EQ(num(row[12]), r.frames.fund_balance[t]); // inf for the generic venue's fund
        EXPECT_EQ(num(row[13]), r.frames.withdrawal[t]);
    }
}

TEST(ExportReport, FramesCsvReadsBackEverySeriesAndBin) {
    const RunResult r = shocked_run();
    const Rows rows = parse_csv(frames_csv(r.frames));
    std::map<std::pair<std::size_t, std::string>, double> scalars;
    std::map<std::pair<std::size_t, std::string>, std::vector<std::pair<double, double>>> bins;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        ASSERT_EQ(row.size(), 5u);
        const std::size_t step = std::stoul(row[0]);
        if (row[2].empty())
            scalars[{step, row[1]}] = num(row[4]);
        else
            bins[{step, row[1]}].push_back({num(row[2]), num(row[4])});
    }
    for (std::size_t t = 0; t < r.frames.steps; ++t) {
        EXPECT_EQ(scalars.at({t, "mark"}), r.frames.mark[t]);
        EXPECT_EQ(scalars.at({t, "open_interest"}), r.frames.open_interest[t]);
        double total = 0.0;
        for (const auto& [low, value] : bins[{t, "open_long"}]) {
            const std::size_t b = std::size_t(std::lower_bound(r.frames.edges.begin(), r.frames.edges.end(), low) -
                                              r.frames.edges.begin());
            EXPECT_EQ(value, r.frames.row(r.frames.open_long, t)[b]);
            total += value;
        }
        double expected = 0.0;
        for (std::size_t b = 0; b < r.frames.bins; ++b)
            expected += r.frames.row(r.frames.open_long, t)[b];
        EXPECT_DOUBLE_EQ(total, expected);
    }
}

TEST(ExportReport, SummaryJsonReadsBack) {
    const RunResult r = shocked_run();
    const auto json = nlohmann::json::parse(summary_json(r.summary));
    EXPECT_EQ(json["liquidated_count"].get<std::size_t>(), r.summary.liquidated_count);
    EXPECT_EQ(json["liquidated_notional_long"].get<double>(), r.summary.liquidated_notional_long);
    EXPECT_EQ(json["final_price"].get<double>(), r.summary.final_price);
    EXPECT_EQ(json["exhaustion_price"].get<double>(), r.summary.exhaustion_price);
    EXPECT_EQ(json["steps_run"].get<std::size_t>(), r.summary.steps_run);
    EXPECT_EQ(json["insurance_fund_min"], "inf");
}

// One row per liquidated position, its sizes and fills the sums of its log events.
TEST(ExportReport, LiquidatedPositionsAgreeWithTheLog) {
    const RunResult r = shocked_run();
    ASSERT_FALSE(r.log.empty());
    std::unordered_map<std::string, std::pair<double, double>> expected; // id → size, size·fill
    for (const LiquidationEvent& e : r.log) {
        auto& [size, value] = expected[std::string(book().id[e.position])];
        size += e.size;
        value += e.size * e.fill_price;
    }
    const Rows rows = parse_csv(liquidated_positions_csv(r.log, book()));
    ASSERT_EQ(rows.size(), expected.size() + 1);
    EXPECT_EQ(rows[0][0], "id");
    EXPECT_EQ(rows[0][14], "fully_liquidated");
    std::size_t previous_step = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const auto& [size, value] = expected.at(row[0]);
        EXPECT_DOUBLE_EQ(num(row[9]), size);
        EXPECT_NEAR(num(row[10]), value / size, 1e-9 * value / size);
        EXPECT_EQ(row[13], "book");                   // generic venue: market orders into the book
        EXPECT_EQ(row[14], "true");                   // no partial rule
        EXPECT_GE(std::stoul(row[7]), previous_step); // in order of first liquidation
        previous_step = std::stoul(row[7]);
    }
}

TEST(ExportReport, SweepGridCsvReadsBack) {
    SweepSpec spec;
    spec.x = parse_axis("shock:-0.2:0:5");
    spec.y = parse_axis("leverage-mult:1:2:3");
    spec.metric = "amplification";
    const SweepResult r = run_sweep(book(), test::bundled_venue("generic"), RunParameters{}, spec);
    const Rows rows = parse_csv(sweep_grid_csv(spec, r));
    ASSERT_EQ(rows.size(), 1 + 5 * 3);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"shock", "leverage-mult", "amplification"}));
    for (std::size_t iy = 0; iy < 3; ++iy)
        for (std::size_t ix = 0; ix < 5; ++ix) {
            const auto& row = rows[1 + iy * 5 + ix];
            EXPECT_EQ(num(row[0]), r.xs[ix]);
            EXPECT_EQ(num(row[1]), r.ys[iy]);
            const std::size_t cell = iy * 5 + ix;
            if (r.defined[cell])
                EXPECT_EQ(num(row[2]), r.values[cell]);
            else
                EXPECT_EQ(row[2], ""); // amplification is undefined at zero shock
        }
    const Rows critical = parse_csv(critical_shock_csv(spec, r));
    ASSERT_EQ(critical.size(), 4u);
    for (std::size_t iy = 0; iy < 3; ++iy)
        EXPECT_EQ(critical[iy + 1][1].empty(), !r.critical_shock[iy].has_value());
}

TEST(ExportReport, ScenarioJsonRoundTrips) {
    Scenario s;
    s.params.symbol = "BTCUSDT";
    s.params.shock = -0.083;
    s.params.shock_steps = 5;
    s.params.leverage_mult = 1.7;
    s.params.depth_model = DepthModel::Flat;
    s.params.depth_quote_per_pct = 3.5e6;
    s.params.half_life_s = std::numeric_limits<double>::infinity();
    s.params.vol = 0.004;
    s.params.seed = 424242;
    s.venue_json = test::bundled_venue("generic").json;
    s.book_file = "/data/book.csv";
    s.book_sha256 = std::string(64, 'a');
    s.program_version = "0.1.0";
    const Scenario back = parse_scenario_json(write_scenario_json(s), "s.levex.json");
    EXPECT_EQ(back.params.symbol, "BTCUSDT");
    EXPECT_EQ(back.params.shock, -0.083);
    EXPECT_EQ(back.params.shock_steps, 5u);
    EXPECT_EQ(back.params.leverage_mult, 1.7);
    EXPECT_EQ(back.params.depth_model, DepthModel::Flat);
    EXPECT_EQ(back.params.depth_quote_per_pct, 3.5e6);
    EXPECT_TRUE(std::isinf(back.params.half_life_s));
    EXPECT_EQ(back.params.vol, 0.004);
    EXPECT_EQ(back.params.seed, 424242u);
    EXPECT_EQ(back.venue_json, s.venue_json);
    EXPECT_EQ(back.book_sha256, s.book_sha256);
    EXPECT_EQ(write_scenario_json(back), write_scenario_json(s));
}

// The liquidity keys in a scenario file: the fuzz seed with a StableSwap pool and a sale reads back,
// writes back identically, and a bad value is a located error at its key.
TEST(ExportReport, ScenarioWithAPoolAndASaleReadsBack) {
    const std::string path = test::data_path("scenarios/stableswap_sale.levex.json");
    const std::string text = read_text_file(path);
    const Scenario s = parse_scenario_json(text, path);
    EXPECT_EQ(s.params.depth_model, DepthModel::Amm);
    EXPECT_EQ(s.params.amm_kind, AmmKind::StableSwap);
    EXPECT_EQ(s.params.amm_base_reserve, 241954.0);
    EXPECT_EQ(s.params.amm_quote_reserve, 235285.0);
    EXPECT_EQ(s.params.amm_fee, 0.0004);
    EXPECT_EQ(s.params.amm_amplification, 15.0);
    EXPECT_FALSE(s.params.withdrawal);
    EXPECT_TRUE(std::isinf(s.params.withdrawal_half_life_s));
    EXPECT_EQ(s.params.sell, 80000.0);
    EXPECT_EQ(s.params.depth_exponent, 1.14);
    EXPECT_EQ(write_scenario_json(parse_scenario_json(write_scenario_json(s), "again.json")), write_scenario_json(s));
    for (const auto& [from, to, key] :
         {std::tuple<std::string, std::string, std::string>{"\"amm_amplification\": 15.0", "\"amm_amplification\": 0.0",
                                                            "amm_amplification"},
          {"\"sell\": 80000.0", "\"sell\": -1.0", "sell"},
          {"\"buy\": 0.0", "\"buy\": 1.0", "buy"},
          {"\"withdrawal\": \"off\"", "\"withdrawal\": \"maybe\"", "withdrawal"},
          {"\"amm_kind\": \"stableswap\"", "\"amm_kind\": \"uniswap\"", "amm_kind"},
          {"\"depth_exponent\": 1.14", "\"depth_exponent\": 0.0", "depth_exponent"}}) {
        std::string bad = text;
        ASSERT_NE(bad.find(from), std::string::npos) << from;
        bad.replace(bad.find(from), from.size(), to);
        try {
            parse_scenario_json(bad, "bad.json");
            ADD_FAILURE() << to << " was accepted";
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("parameters/" + key), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).rfind("bad.json:", 0), 0u) << e.what();
        }
    }
}
