// SPDX-License-Identifier: GPL-3.0-or-later
// Both bundled Aave stETH samples against one Curve stETH/ETH pool (docs/lending.md §5, §7;
// docs/liquidity.md §4): an exogenous stETH sale of moderate size liquidates almost nothing, a large
// one runs away.
#include "core/engine/LendingCascade.h"
#include "core/engine/LendingSimulation.h"
#include "core/engine/MarketFactory.h"
#include "core/engine/PreparedLendingBook.h"
#include "core/io/LendingBookReader.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

using namespace levex;

namespace {

std::shared_ptr<const LendingBook> sample(const ProtocolProfile& profile, const std::string& file) {
    LendingCsvOptions options;
    options.profile = &profile;
    LendingCsvResult r = read_lending_csv(std::string(LEVEX_RESOURCE_DIR) + "/samples/" + file, options);
    EXPECT_TRUE(r.ok);
    return std::make_shared<const LendingBook>(std::move(r.book));
}

ProtocolProfile bundled(const std::string& name) {
    return load_protocol_profile(name, std::string(LEVEX_RESOURCE_DIR) + "/protocols");
}

// The Curve pool of 19 June 2023 (235,285 ETH, 241,954 stETH, A = 15, fee 0.04 %), no arbitrage:
// only the sale and the liquidators move it.
RunParameters curve_pool() {
    RunParameters p;
    p.symbol = "STETH";
    p.depth_model = DepthModel::Amm;
    p.amm_kind = AmmKind::StableSwap;
    p.amm_base_reserve = 241954.0;
    p.amm_quote_reserve = 235285.0;
    p.amm_amplification = 15.0;
    p.half_life_s = std::numeric_limits<double>::infinity();
    p.steps = 400;
    return p;
}

struct Samples {
    ProtocolProfile v2 = bundled("aave-v2-ethereum"), v3 = bundled("aave-v3-ethereum");
    PreparedLendingBook a, b;
    explicit Samples(const RunParameters& p)
        : a(prepare_lending_book(sample(v2, "aave-v2-steth-2023-06.csv"), v2, "v2", p.symbol,
                                 LiquidatorSettings::of(p))),
          b(prepare_lending_book(sample(v3, "aave-v3-steth-2023-06.csv"), v3, "v3", p.symbol,
                                 LiquidatorSettings::of(p))) {}
};

// A run with `sale` stETH sold into the pool at step 0.
LendingSummary after_sale(const Samples& s, const RunParameters& p, double sale) {
    const std::unique_ptr<CascadeMarket> pool = make_cascade_market(p, 1.0, {});
    const std::vector<double> path(p.steps, 0.0);
    return run_lending_cascade({&s.a, &s.b}, *pool, path, p, {sale}).summary;
}

} // namespace

// Measured on this pool: up to about 99,450 stETH sold, a few dozen accounts are liquidated and the
// pool ends near 0.953 ETH; from about 99,600 the cascade runs away (docs/lending.md §7).
TEST(LendingSamplesCascade, ASmallSaleLiquidatesAlmostNothingALargeOneRunsAway) {
    const RunParameters p = curve_pool();
    const Samples s(p);
    const LendingSummary none = after_sale(s, p, 0.0); // the few accounts below 1 in the snapshot
    EXPECT_LT(none.totals.accounts_liquidated, 10u);
    EXPECT_GT(none.final_price, 0.99);
    const LendingSummary small = after_sale(s, p, 50000.0);
    EXPECT_LT(small.totals.accounts_liquidated, 20u);
    EXPECT_GT(small.final_price, 0.98);
    EXPECT_LT(small.totals.bad_debt_base, 1.0);
    const LendingSummary below = after_sale(s, p, 90000.0);
    EXPECT_LT(below.totals.accounts_liquidated, 40u);
    EXPECT_GT(below.final_price, 0.95);
    const LendingSummary large = after_sale(s, p, 100000.0);
    EXPECT_GT(large.totals.accounts_liquidated, 1000u);
    EXPECT_LT(large.final_price, 0.01);
    EXPECT_GT(large.totals.bad_debt_base, 100000.0);
    for (const LendingSummary* r : {&none, &small, &below, &large})
        EXPECT_LT(r->ledger_max_imbalance, 1e-6);
}

// The run parameters' sale (`sell`, spread over `shock_steps`) is the flow a lending run trades:
// simulate_lending() with it equals the cascade given the same flow by hand.
TEST(LendingSamplesCascade, TheRunParametersSaleIsTheLendingRunsFlow) {
    RunParameters p = curve_pool();
    p.mark = 1.0;
    p.sell = 90000.0;
    p.shock_steps = 3;
    EXPECT_EQ(exogenous_flow(p), (ExogenousFlow{30000.0, 30000.0, 30000.0}));
    const Samples s(p);
    const LendingRunResult from_params = simulate_lending({&s.a, &s.b}, p, {});
    const std::unique_ptr<CascadeMarket> pool = make_cascade_market(p, 1.0, {});
    const LendingRunResult by_hand =
        run_lending_cascade({&s.a, &s.b}, *pool, std::vector<double>(p.steps, 0.0), p, {30000.0, 30000.0, 30000.0});
    EXPECT_EQ(from_params.summary.totals.accounts_liquidated, by_hand.summary.totals.accounts_liquidated);
    EXPECT_EQ(from_params.summary.final_price, by_hand.summary.final_price);
    p.sell = 0.0;
    p.buy = 500.0;
    EXPECT_EQ(exogenous_flow(p), (ExogenousFlow{-500.0 / 3, -500.0 / 3, -500.0 / 3}));
}
