// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/PreparedLendingBook.h"

#include "core/base/Parallel.h"
#include "core/model/HealthFactor.h"
#include "core/model/LendingLiquidation.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace levex {

namespace {

bool same_name(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The liquidation price, direction and start health factor of every account (each account on its own:
// every core).
void place_levels(PreparedLendingBook& p, const LendingState& state) {
    const LendingBook& book = *p.book;
    const std::size_t n = book.accounts();
    p.health_factor.assign(n, 0.0);
    p.liquidation.assign(n, std::numeric_limits<double>::quiet_NaN());
    p.direction.assign(n, 0);
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t a = begin; a < end; ++a) {
                p.health_factor[a] = account_health(book, p.terms, state, a).health_factor();
                if (p.asset == LendingBook::npos)
                    continue;
                const LiquidationLevel level = liquidation_level(book, p.terms, state, a, p.asset, p.threshold());
                p.liquidation[a] = level.price;
                p.direction[a] = static_cast<std::int8_t>(level.direction);
            }
        },
        4096);
}

// What each account's first liquidation at its liquidation price (or now, for one already below the
// threshold) sends to the shocked asset's market. One scratch state, its shocked price set per account.
void first_flows(PreparedLendingBook& p, LendingState& scratch) {
    const LendingBook& book = *p.book;
    p.first_flow.assign(book.accounts(), 0.0);
    if (p.asset == LendingBook::npos)
        return;
    const LiquidationOptions options{p.settings.protocol_base_value, false};
    for (std::size_t a = 0; a < book.accounts(); ++a) {
        if (p.direction[a] == 0)
            continue;
        const bool below = p.health_factor[a] < p.threshold();
        if (!below && std::isnan(p.liquidation[a]))
            continue;
        scratch.price[p.asset] = below ? p.start_price : p.liquidation[a];
        const LiquidationStep s = plan_liquidation(book, p.terms, p.profile, scratch, a, options);
        if (s.outcome != LiquidationOutcome::Liquidated)
            continue;
        if (p.direction[a] > 0 && book.row_asset[s.collateral_row] == p.asset)
            p.first_flow[a] = s.liquidator_collateral * p.settings.sell_share;
        else if (p.direction[a] < 0 && book.row_asset[s.debt_row] == p.asset)
            p.first_flow[a] = s.debt_repaid;
    }
    scratch.price[p.asset] = p.start_price;
}

} // namespace

LiquidatorSettings LiquidatorSettings::of(const RunParameters& params) {
    LiquidatorSettings s;
    s.protocol_base_value = params.protocol_base_value;
    s.gas_cost_base = params.liquidator_gas_cost_base;
    s.sell_share = params.liquidator_sell_share;
    s.only_when_profitable = params.liquidate_only_when_profitable != 0;
    s.oracle_passthrough = params.oracle_passthrough;
    return s;
}

std::size_t find_book_asset(const LendingBook& book, const ProtocolProfile& profile, const std::string& symbol) {
    for (std::size_t a = 0; a < book.assets(); ++a)
        if (same_name(book.asset_names[a], symbol))
            return a;
    const std::size_t wanted = profile.asset_index(symbol);
    if (wanted == ProtocolProfile::npos)
        return LendingBook::npos;
    for (std::size_t a = 0; a < book.assets(); ++a)
        if (profile.asset_index(book.asset_names[a]) == wanted)
            return a;
    return LendingBook::npos;
}

std::string largest_collateral_asset(const LendingBook& book, const LendingTerms& terms) {
    std::vector<double> value(book.assets(), 0.0);
    for (std::size_t r = 0; r < book.rows(); ++r)
        if (terms.liquidation_threshold[r] > 0.0)
            value[book.row_asset[r]] += book.collateral[r] * book.asset_price[book.row_asset[r]];
    const auto best = std::max_element(value.begin(), value.end());
    return best == value.end() || !(*best > 0.0) ? std::string() : book.asset_names[std::size_t(best - value.begin())];
}

PreparedLendingBook prepare_lending_book(std::shared_ptr<const LendingBook> book, const ProtocolProfile& profile,
                                         std::string label, const std::string& symbol,
                                         const LiquidatorSettings& settings) {
    PreparedLendingBook p;
    p.book = std::move(book);
    p.profile = profile;
    p.label = std::move(label);
    p.settings = settings;
    p.terms = resolve_lending_terms(*p.book, &p.profile);
    p.asset = find_book_asset(*p.book, p.profile, symbol);
    p.oracle = p.profile.oracle;
    if (p.asset != LendingBook::npos) {
        if (const ProtocolAsset* asset = p.profile.find_asset(p.book->asset_names[p.asset]))
            p.oracle = asset->oracle;
        p.start_price = p.book->asset_price[p.asset];
    }
    if (!std::isnan(settings.oracle_passthrough))
        p.oracle.passthrough = settings.oracle_passthrough;
    LendingState state = LendingState::of(*p.book);
    place_levels(p, state);
    first_flows(p, state);
    return p;
}

} // namespace levex
