// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace levex {

/// How the venue's depth answers forced orders (docs/model.md §2, docs/liquidity.md).
enum class DepthModel { Flat, VShaped, Metaorder, L2Book, PowerLaw, Amm };

/// The two AMM invariants LevEx models (docs/liquidity.md §4).
enum class AmmKind {
    ConstantProduct, ///< Uniswap v2: x·y = k; the fee is taken from the input, all of which stays in the pool
    StableSwap,      ///< Curve, 2 coins: the amplified invariant; the fee is taken from the output
};

/// Every parameter of a cascade run (docs/model.md). Units are in the names. Each has its row in
/// the parameter table (core/model/ParameterTable.h): valid range, unit, one-line doc, and whether
/// its default is neutral, cited or a user assumption.
struct RunParameters {
    std::string symbol;                                     ///< empty: the book's only (or largest) symbol
    double mark = std::numeric_limits<double>::quiet_NaN(); ///< start mark; NaN = the book's mark_price
    double shock = 0.0;                                     ///< index move as a fraction (-0.10 = -10 %)
    std::size_t shock_steps = 0;                            ///< 0: at step 0; k: a ramp over k steps
    double sell = 0.0;          ///< exogenous market sale, base, at step 0 or spread over shock_steps
    double buy = 0.0;           ///< exogenous market purchase, base (not with a sale)
    double leverage_mult = 1.0; ///< docs/model.md §7
    double mmr_scale = 1.0;     ///< scales every maintenance requirement

    DepthModel depth_model = DepthModel::VShaped;
    double depth_quote_per_pct = 2e6;      ///< flat book: quote in every 1 % band
    double depth_quote_within_1pct = 20e6; ///< V-shaped and power law: quote within 1 % (BTC ≈ $20M, Oct 2025)
    double depth_exponent = 1.14;          ///< power law D(x) = D1·(x/1 %)^k (docs/liquidity.md §1)
    double metaorder_y = 1.0;              ///< metaorder law Y·σ_daily·sqrt(V/ADV)
    double metaorder_sigma_daily = 0.03;
    double metaorder_adv_quote = 20e9;
    std::string book_file;                       ///< L2 snapshot CSV (docs/formats.md §2)
    double depth_scale = 1.0;                    ///< multiplies every depth (sweeps)
    AmmKind amm_kind = AmmKind::ConstantProduct; ///< the pool of the amm depth model (docs/liquidity.md §4)
    double amm_base_reserve = std::numeric_limits<double>::quiet_NaN();  ///< base; NaN = not given
    double amm_quote_reserve = std::numeric_limits<double>::quiet_NaN(); ///< quote; NaN = not given
    double amm_fee = std::numeric_limits<double>::quiet_NaN();           ///< NaN: the kind's usual fee
    double amm_amplification = std::numeric_limits<double>::quiet_NaN(); ///< StableSwap's A; NaN = not given

    bool withdrawal = true;                ///< stress withdrawal of resting depth (docs/liquidity.md §3)
    double withdrawal_flow_scale = 2.5;    ///< c of w = (1 + s/c)^(−a), in resting depths within 1 %
    double withdrawal_exponent = 2.7;      ///< a
    double withdrawal_half_life_s = 120.0; ///< the stress halves in it; inf = never

    double half_life_s = 120.0;      ///< resilience of the consumed depth; inf = permanent
    double permanent_fraction = 0.0; ///< share of each fill's impact that moves the index
    double step_seconds = 1.0;
    std::size_t steps = 600;

    double vol = 0.0;        ///< per-step volatility of random index returns (0 = none)
    double student_nu = 0.0; ///< Student-t degrees of freedom; 0 = normal
    double jump_rate = 0.0;  ///< expected jumps per step
    double jump_mean = 0.0;  ///< mean log jump
    double jump_stdev = 0.0; ///< stdev of the log jump
    std::uint64_t seed = 1;
    std::string price_series_file; ///< replay a price series (docs/formats.md §3) instead of a shock

    double fee = std::numeric_limits<double>::quiet_NaN();              ///< NaN: the venue's liquidation fee
    double fund = std::numeric_limits<double>::quiet_NaN();             ///< NaN: the venue's fund; inf = unlimited
    double mark_passthrough = std::numeric_limits<double>::quiet_NaN(); ///< NaN: the venue's β

    std::size_t bins = 512; ///< price bins of the frames' histograms

    // Lending books (docs/lending.md §7): the protocol, its base-value rules, the liquidators.
    std::string protocol; ///< protocol profile of a lending book that names none (a bundled name or a file)
    double protocol_base_value = 1719.57;             ///< protocol base currency per unit of the books' (USD per ETH)
    double liquidator_gas_cost_base = 0.0;            ///< a liquidation's gas, in the book's base currency
    double liquidator_sell_share = 1.0;               ///< share of the collateral a liquidator receives that it sells
    std::uint64_t liquidate_only_when_profitable = 0; ///< 1: liquidators act only when it pays
    double oracle_passthrough = std::numeric_limits<double>::quiet_NaN(); ///< NaN: the profile's, per asset
};

/// "flat", "v-shaped", "metaorder", "l2-book", "power-law", "amm": the names scenario files use.
const char* depth_model_name(DepthModel model);
/// The model of one of those names, or nullopt.
std::optional<DepthModel> depth_model_from_name(std::string_view name);

/// "constant-product", "stableswap".
const char* amm_kind_name(AmmKind kind);
/// The kind of one of those names, or nullopt.
std::optional<AmmKind> amm_kind_from_name(std::string_view name);

/// The fee a pool of `kind` charges when none is given: Uniswap v2's 0.3 % for the constant product,
/// the 0.04 % of Curve's stETH/ETH pool for StableSwap (docs/liquidity.md §4, §6).
double usual_amm_fee(AmmKind kind);

} // namespace levex
