// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/BookGenerator.h"

#include "core/base/CounterRng.h"
#include "core/model/LeverageMultiplier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace levex {
namespace {

struct LeverageBucket {
    double share; ///< by count
    double leverage;
    double notional_factor; ///< lower leverage, larger positions: about half of OI below 10x
};

// 20–25x and 100x+ are split into their two usual settings.
constexpr LeverageBucket kBuckets[] = {
    {0.15, 5.0, 5.0},  {0.30, 10.0, 1.2},  {0.15, 20.0, 1.0},  {0.10, 25.0, 1.0},
    {0.20, 50.0, 0.7}, {0.07, 100.0, 0.5}, {0.03, 125.0, 0.5},
};

// Rounds to a decimal step; dividing by the step's integer inverse keeps 0.071 from becoming 0.07100000000000001.
double round_to(double x, double step) {
    return step < 1.0 ? std::round(x / step) / std::round(1.0 / step) : std::round(x / step) * step;
}

// Decimal step of about `target` quote at price `mark`: 0.001 BTC at 100k, 0.01 ETH at 3k.
double decimal_step(double quote_target, double mark) {
    return std::pow(10.0, std::floor(std::log10(quote_target / mark)));
}

} // namespace

PositionBook generate_book(const GeneratorSettings& g, const VenueProfile& venue) {
    if (!(g.mark > 0.0) || !std::isfinite(g.mark))
        throw std::invalid_argument("mark price must be a finite number > 0");
    if (venue.contract != ContractKind::Linear)
        throw std::invalid_argument("the generator writes linear books; choose a linear venue profile");

    // The past: an hourly random walk backwards from the mark, with the range seen since each hour.
    const std::size_t hours = std::max<std::size_t>(g.history_hours, 1);
    std::vector<double> path(hours + 1), low_since(hours + 1), high_since(hours + 1);
    CounterRng path_rng(g.seed, 0);
    path[0] = low_since[0] = high_since[0] = g.mark;
    for (std::size_t h = 1; h <= hours; ++h) {
        path[h] = path[h - 1] * std::exp(g.hourly_vol * path_rng.normal());
        low_since[h] = std::min(low_since[h - 1], path[h]);
        high_since[h] = std::max(high_since[h - 1], path[h]);
    }

    const double tick = decimal_step(g.mark * 1e-6, 1.0); // 0.1 at 100,000
    const double lot = decimal_step(100.0, g.mark);       // about 100 quote
    const double mmr0 = venue.tiers.front().mmr + venue.fee_in_maintenance;

    PositionBook book;
    book.source = "generated";
    book.symbol_names = {g.symbol};
    book.symbol_mark = {g.mark};
    book.reserve(g.positions);
    book.account_names.reserve(g.positions);
    book.account_collateral.reserve(g.positions);
    char name[32];
    for (std::size_t i = 0; i < g.positions; ++i) {
        CounterRng rng(g.seed, i + 1);
        const int side = rng.uniform() < g.long_share ? 1 : -1;
        const bool cross = rng.uniform() < g.cross_share;

        double u = rng.uniform();
        const LeverageBucket* bucket = &kBuckets[0];
        for (const LeverageBucket& b : kBuckets) {
            bucket = &b;
            if (u < b.share)
                break;
            u -= b.share;
        }
        // Spliced size law: a lognormal body below tail_scale, a Pareto tail above it.
        double notional;
        if (rng.uniform() < g.tail_probability) {
            notional = g.tail_scale * std::pow(rng.uniform(), -1.0 / g.tail_alpha);
        } else {
            do
                notional = g.median_notional * std::exp(g.size_sigma * rng.normal());
            while (notional >= g.tail_scale);
        }
        notional = std::min(notional * bucket->notional_factor, g.max_notional);
        const double leverage = std::min(bucket->leverage, venue.max_leverage_for(notional));

        // Entry: a point on the past path such that the path since then never reached the
        // position's liquidation price (survivors only); a fresh position at the mark otherwise.
        const double mmr = std::max(mmr0, venue.tier_for(notional).mmr + venue.fee_in_maintenance);
        double entry = g.mark;
        for (int attempt = 0; attempt < 16; ++attempt) {
            const auto age =
                std::min<std::size_t>(hours, static_cast<std::size_t>(g.mean_age_hours * rng.exponential()));
            const double e = path[age] * std::exp(0.002 * rng.normal()); // within the hour
            const double liq =
                side > 0 ? e * (1.0 - 1.0 / leverage) / (1.0 - mmr) : e * (1.0 + 1.0 / leverage) / (1.0 + mmr);
            const bool survived = side > 0 ? liq < std::min(low_since[age], e) : liq > std::max(high_since[age], e);
            if (survived) {
                entry = e;
                break;
            }
        }
        entry = std::max(tick, round_to(entry, tick));
        const double size = std::max(lot, round_to(notional / entry, lot));

        std::snprintf(name, sizeof name, "p%07zu", i + 1);
        book.id.emplace_back(name);
        std::snprintf(name, sizeof name, "a%07zu", i + 1);
        book.account_names.emplace_back(name);
        book.account.push_back(static_cast<std::uint32_t>(i));
        book.symbol.push_back(0);
        book.side.push_back(static_cast<std::int8_t>(side));
        book.size.push_back(size);
        book.entry_price.push_back(entry);
        book.leverage.push_back(leverage);
        const double margin = size * entry / leverage;
        book.mode.push_back(cross ? MarginMode::Cross : MarginMode::Isolated);
        book.margin.push_back(cross ? 0.0 : margin);
        book.account_collateral.push_back(cross ? round_to(margin, 0.01) : std::nan(""));
        book.maint_margin_rate.push_back(std::nan(""));
        book.maint_amount.push_back(std::nan(""));
        book.exchange_liquidation_price.push_back(std::nan(""));
        book.line.push_back(static_cast<std::uint32_t>(i + 2));
    }
    return book;
}

} // namespace levex
