// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LendingBookGenerator.h"

#include "core/base/CounterRng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace levex {
namespace {

// Quantiles measured from resources/samples/aave-{v2,v3}-steth-2023-06.csv (docs/lending.md §6).
constexpr std::array<double, 14> kProbability = {0, .01, .05, .1, .2, .3, .4, .5, .6, .7, .8, .9, .95, .99};
constexpr std::array<std::array<double, 14>, 3> kHealthFactor = {{
    {1.011, 1.032, 1.054, 1.078, 1.133, 1.178, 1.228, 1.268, 1.335, 1.498, 1.677, 2.184, 2.763, 21.18}, // ETH debt
    {0.8363, 1.062, 1.213, 1.338, 1.57, 1.765, 1.993, 2.225, 2.634, 3.055, 3.669, 5.696, 9.931, 194.8}, // dollars
    {1.01, 1.028, 1.117, 1.162, 1.204, 1.27, 1.339, 1.456, 1.668, 1.866, 2.064, 2.705, 3.321, 4.976},   // both
}};
constexpr std::array<double, 3> kDebtKindShare = {416.0 / 1811, 1282.0 / 1811, 113.0 / 1811};
constexpr std::array<double, 3> kEModeShare = {119.0 / 138, 1.0 / 341, 10.0 / 23}; // of Aave v3's accounts
// Collateral value in ETH, with two more points for the whales that hold most of the stETH.
constexpr std::array<double, 16> kCollateralProbability = {0,  .01, .05, .1, .2,  .3,  .4,   .5,
                                                           .6, .7,  .8,  .9, .95, .99, .995, 1};
constexpr std::array<double, 16> kCollateral = {0.01326, 0.1032, 0.1052, 0.1464, 1.16,   4.248,   10.67,   23.01,
                                                45.61,   87.76,  205.9,  743.7,  2534.0, 16316.6, 28833.8, 216846.8};
constexpr double kEthCollateralShare = 601.0 / 1811; // accounts holding collateral besides (w)stETH
constexpr std::array<double, 14> kEthCollateralFraction = {0.0001, 0.0001, 0.0002, 0.009, 0.061, 0.153, 0.244,
                                                           0.323,  0.441,  0.562,  0.667, 0.825, 0.907, 0.973};
constexpr std::array<double, 14> kEthDebtFraction = {0.0001, 0.0001, 0.0002, 0.008, 0.137, 0.234, 0.37,
                                                     0.505,  0.644,  0.753,  0.941, 0.99,  0.99,  0.99};

// Piecewise interpolation of a quantile table at u; `log_scale` interpolates the logarithm.
template <std::size_t N>
double quantile(const std::array<double, N>& p, const std::array<double, N>& x, double u, bool log_scale) {
    if (u <= p.front())
        return x.front();
    if (u >= p.back())
        return x.back();
    const std::size_t k = std::size_t(std::upper_bound(p.begin(), p.end(), u) - p.begin());
    const double t = (u - p[k - 1]) / (p[k] - p[k - 1]);
    return log_scale ? std::exp(std::log(x[k - 1]) + t * (std::log(x[k]) - std::log(x[k - 1])))
                     : x[k - 1] + t * (x[k] - x[k - 1]);
}

// The profile's e-mode category holding both STETH and ETH, or 0.
std::uint32_t eth_correlated_category(const ProtocolProfile& profile) {
    const std::size_t steth = profile.asset_index("STETH"), eth = profile.asset_index("ETH");
    for (const EModeCategory& c : profile.emode_categories) {
        const auto has = [&](std::size_t i) {
            return std::find(c.members.begin(), c.members.end(), std::uint32_t(i)) != c.members.end();
        };
        if (has(steth) && has(eth))
            return c.id;
    }
    return 0;
}

int draw_debt_kind(double u) {
    return u < kDebtKindShare[0] ? 0 : u < kDebtKindShare[0] + kDebtKindShare[1] ? 1 : 2;
}

} // namespace

double sample_health_factor_quantile(int debt_kind, double u) {
    return quantile(kProbability, kHealthFactor.at(std::size_t(debt_kind)), u, true);
}

LendingBook generate_lending_book(const LendingGeneratorSettings& g, const ProtocolProfile& profile) {
    if (!(g.steth_price > 0.0) || !std::isfinite(g.steth_price) || !(g.eth_usd > 0.0) || !std::isfinite(g.eth_usd))
        throw std::invalid_argument("steth_price and eth_usd must be finite numbers > 0");
    for (const char* asset : {"STETH", "ETH", "USD"})
        if (!profile.find_asset(asset))
            throw std::invalid_argument(std::string("the generator writes the assets STETH, ETH and USD; protocol ") +
                                        profile.name + " has no " + asset);
    // The thresholds the profile gives the two collateral assets, outside and inside the e-mode category.
    const std::uint32_t emode = eth_correlated_category(profile);
    const EModeCategory* category = profile.find_emode(emode);
    const auto threshold = [&](const char* asset, bool in_emode) {
        const ProtocolAsset* a = profile.find_asset(asset);
        const double lt = in_emode && category ? category->liquidation_threshold : a->liquidation_threshold;
        if (!a->collateral || !(lt > 0.0))
            throw std::invalid_argument(std::string("the generator needs a collateral threshold for ") + asset +
                                        " in protocol " + profile.name);
        return lt;
    };
    const double lt_steth[2] = {threshold("STETH", false), threshold("STETH", emode != 0)};
    const double lt_eth[2] = {threshold("ETH", false), threshold("ETH", emode != 0)};

    LendingBook book;
    book.source = "generated";
    const std::uint32_t steth = book.add_asset("STETH", g.steth_price), eth = book.add_asset("ETH", 1.0),
                        usd = book.add_asset("USD", 1.0 / g.eth_usd);
    book.reserve(g.accounts, g.accounts * 3);
    char name[32];
    for (std::size_t i = 0; i < g.accounts; ++i) {
        CounterRng rng(g.seed, i + 1);
        const int kind = draw_debt_kind(rng.uniform());
        const double health = sample_health_factor_quantile(kind, rng.uniform());
        const double value = quantile(kCollateralProbability, kCollateral, rng.uniform(), true);
        const double eth_share = rng.uniform() < kEthCollateralShare
                                     ? quantile(kProbability, kEthCollateralFraction, rng.uniform(), true)
                                     : 0.0;
        const double eth_debt_share = kind == 0   ? 1.0
                                      : kind == 1 ? 0.0
                                                  : quantile(kProbability, kEthDebtFraction, rng.uniform(), true);
        const int in_emode = emode != 0 && rng.uniform() < kEModeShare[std::size_t(kind)] ? 1 : 0;
        // The debt that gives the drawn health factor: the collateral's weighted value over it.
        const double weighted = value * ((1.0 - eth_share) * lt_steth[in_emode] + eth_share * lt_eth[in_emode]);
        const double debt = weighted / health;
        std::snprintf(name, sizeof name, "g%08zu", i);
        const std::uint32_t a = book.add_account(name, in_emode ? emode : 0);
        book.add_row(a, steth, value * (1.0 - eth_share) / g.steth_price, 0.0);
        if (eth_share > 0.0 || eth_debt_share > 0.0)
            book.add_row(a, eth, value * eth_share, debt * eth_debt_share);
        if (eth_debt_share < 1.0)
            book.add_row(a, usd, 0.0, debt * (1.0 - eth_debt_share) * g.eth_usd);
    }
    return book;
}

} // namespace levex
