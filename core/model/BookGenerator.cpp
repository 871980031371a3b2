// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/BookGenerator.h"

#include "core/base/CounterRng.h"
#include "core/model/LeverageMultiplier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <stdexcept>

namespace levex {
namespace {

struct LeverageBucket {
    double share; ///< by count
    double leverage;
    double notional_factor; ///< lower leverage, larger positions: about half of OI below 10x
};

// 20–25x and 100x+ are split into their two usual settings.
constexpr LeverageBucket kRetail[] = {
    {0.15, 5.0, 5.0},  {0.30, 10.0, 1.2},  {0.15, 20.0, 1.0},  {0.10, 25.0, 1.0},
    {0.20, 50.0, 0.7}, {0.07, 100.0, 0.5}, {0.03, 125.0, 0.5},
};

// The published mixes are shares of open interest: sizes do not depend on the leverage (factor 1),
// so the shares by count are those by notional. Where a source gives a band, the settings inside
// it are an assumption (README).
// Hyperliquid, 15 Dec 2025: 36 % at ≤ 3x, 48 % at 3–7x, 15 % above 7x (99 %: scaled to 1).
constexpr double kHyperliquidTotal = 0.99;
constexpr LeverageBucket kHyperliquid2025[] = {
    {0.18 / kHyperliquidTotal, 2.0, 1.0}, {0.18 / kHyperliquidTotal, 3.0, 1.0},  {0.24 / kHyperliquidTotal, 4.0, 1.0},
    {0.24 / kHyperliquidTotal, 6.0, 1.0}, {0.10 / kHyperliquidTotal, 10.0, 1.0}, {0.05 / kHyperliquidTotal, 20.0, 1.0},
};
// BitMEX, 2019: notional-weighted average leverage 22–30x (28.05x here), 80 % at or below 54x.
constexpr LeverageBucket kBitmex2019[] = {
    {0.15, 2.0, 1.0}, {0.15, 5.0, 1.0}, {0.20, 10.0, 1.0}, {0.20, 25.0, 1.0}, {0.10, 50.0, 1.0}, {0.20, 75.0, 1.0},
};

std::span<const LeverageBucket> buckets_of(LeverageMix mix) {
    switch (mix) {
    case LeverageMix::Retail: return kRetail;
    case LeverageMix::Hyperliquid2025: return kHyperliquid2025;
    case LeverageMix::Bitmex2019: return kBitmex2019;
    }
    return kRetail;
}

// Rounds to a decimal step; dividing by the step's integer inverse keeps 0.071 from becoming 0.07100000000000001.
double round_to(double x, double step) {
    return step < 1.0 ? std::round(x / step) / std::round(1.0 / step) : std::round(x / step) * step;
}

// Decimal step of about `target` quote at price `mark`: 0.001 BTC at 100k, 0.01 ETH at 3k.
double decimal_step(double quote_target, double mark) {
    return std::pow(10.0, std::floor(std::log10(quote_target / mark)));
}

// The past: an hourly random walk backwards from the mark, with the range seen since each hour.
struct PastPath {
    std::size_t hours = 0;
    std::vector<double> price, low_since, high_since;
};

PastPath simulate_past(const GeneratorSettings& g) {
    PastPath past;
    past.hours = std::max<std::size_t>(g.history_hours, 1);
    past.price.resize(past.hours + 1);
    past.low_since.resize(past.hours + 1);
    past.high_since.resize(past.hours + 1);
    CounterRng path_rng(g.seed, 0);
    past.price[0] = past.low_since[0] = past.high_since[0] = g.mark;
    for (std::size_t h = 1; h <= past.hours; ++h) {
        past.price[h] = past.price[h - 1] * std::exp(g.hourly_vol * path_rng.normal());
        past.low_since[h] = std::min(past.low_since[h - 1], past.price[h]);
        past.high_since[h] = std::max(past.high_since[h - 1], past.price[h]);
    }
    return past;
}

// One position as drawn from its stream, before rounding to the tick and lot.
struct Draw {
    int side = 1;
    bool cross = false;
    double notional = 0.0;
    double leverage = 1.0;
    double entry = 0.0;
};

const LeverageBucket& draw_bucket(CounterRng& rng, std::span<const LeverageBucket> buckets) {
    double u = rng.uniform();
    const LeverageBucket* bucket = &buckets.front();
    for (const LeverageBucket& b : buckets) {
        bucket = &b;
        if (u < b.share)
            break;
        u -= b.share;
    }
    return *bucket;
}

// Spliced size law: a lognormal body below tail_scale, a Pareto tail above it.
double draw_notional(CounterRng& rng, const GeneratorSettings& g) {
    if (rng.uniform() < g.tail_probability)
        return g.tail_scale * std::pow(rng.uniform(), -1.0 / g.tail_alpha);
    double notional;
    do
        notional = g.median_notional * std::exp(g.size_sigma * rng.normal());
    while (notional >= g.tail_scale);
    return notional;
}

// Entry: a point on the past path such that the path since then never reached the position's
// liquidation price (survivors only); a fresh position at the mark otherwise.
double draw_entry(CounterRng& rng, const GeneratorSettings& g, const PastPath& past, int side, double leverage,
                  double mmr) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        const auto age =
            std::min<std::size_t>(past.hours, static_cast<std::size_t>(g.mean_age_hours * rng.exponential()));
        const double e = past.price[age] * std::exp(0.002 * rng.normal()); // within the hour
        const double liq =
            side > 0 ? e * (1.0 - 1.0 / leverage) / (1.0 - mmr) : e * (1.0 + 1.0 / leverage) / (1.0 + mmr);
        const bool survived =
            side > 0 ? liq < std::min(past.low_since[age], e) : liq > std::max(past.high_since[age], e);
        if (survived)
            return e;
    }
    return g.mark;
}

// Position i's draws from its own stream, in a fixed order (the book depends on every one).
// `scale` multiplies the notional drawn (an open interest asked for), before the venue's caps.
Draw draw_position(std::size_t i, const GeneratorSettings& g, const VenueProfile& venue, const PastPath& past,
                   double mmr0, double scale) {
    CounterRng rng(g.seed, i + 1);
    Draw d;
    d.side = rng.uniform() < g.long_share ? 1 : -1;
    d.cross = rng.uniform() < g.cross_share;
    const LeverageBucket& bucket = draw_bucket(rng, buckets_of(g.mix));
    d.notional = std::min(draw_notional(rng, g) * bucket.notional_factor, g.max_notional);
    if (scale != 1.0)
        d.notional *= scale;
    d.leverage = std::min(bucket.leverage, venue.max_leverage_for(d.notional));
    const double mmr = std::max(mmr0, venue.tier_for(d.notional).mmr + venue.fee_in_maintenance);
    d.entry = draw_entry(rng, g, past, d.side, d.leverage, mmr);
    return d;
}

// Appends drawn position i, its entry on the tick and its size in lots, with its own account.
void append_position(PositionBook& book, std::size_t i, const Draw& d, double tick, double lot) {
    const double entry = std::max(tick, round_to(d.entry, tick));
    const double size = std::max(lot, round_to(d.notional / entry, lot));
    char name[32];
    std::snprintf(name, sizeof name, "p%07zu", i + 1);
    book.id.push_back(name);
    std::snprintf(name, sizeof name, "a%07zu", i + 1);
    book.account_names.push_back(name);
    book.account.push_back(static_cast<std::uint32_t>(i));
    book.symbol.push_back(0);
    book.side.push_back(static_cast<std::int8_t>(d.side));
    book.size.push_back(size);
    book.entry_price.push_back(entry);
    book.leverage.push_back(d.leverage);
    const double margin = size * entry / d.leverage;
    book.mode.push_back(d.cross ? MarginMode::Cross : MarginMode::Isolated);
    book.margin.push_back(d.cross ? 0.0 : margin);
    book.account_collateral.push_back(d.cross ? round_to(margin, 0.01) : std::nan(""));
    book.maint_margin_rate.push_back(std::nan(""));
    book.maint_amount.push_back(std::nan(""));
    book.exchange_liquidation_price.push_back(std::nan(""));
    book.line.push_back(static_cast<std::uint32_t>(i + 2));
}

// The factor that brings the open interest of the drawn book (both sides at the mark) to the one
// asked for: the draws once at their own sizes, summed.
double open_interest_scale(const GeneratorSettings& g, const VenueProfile& venue, const PastPath& past, double mmr0) {
    if (std::isnan(g.open_interest))
        return 1.0;
    double drawn = 0.0;
    for (std::size_t i = 0; i < g.positions; ++i) {
        const Draw d = draw_position(i, g, venue, past, mmr0, 1.0);
        drawn += d.notional / d.entry * g.mark;
    }
    return g.open_interest / drawn;
}

} // namespace

const char* leverage_mix_name(LeverageMix mix) {
    switch (mix) {
    case LeverageMix::Retail: return "retail";
    case LeverageMix::Hyperliquid2025: return "hyperliquid-2025";
    case LeverageMix::Bitmex2019: return "bitmex-2019";
    }
    return "retail";
}

std::optional<LeverageMix> leverage_mix_from_name(std::string_view name) {
    for (LeverageMix mix : {LeverageMix::Retail, LeverageMix::Hyperliquid2025, LeverageMix::Bitmex2019})
        if (name == leverage_mix_name(mix))
            return mix;
    return std::nullopt;
}

PositionBook generate_book(const GeneratorSettings& g, const VenueProfile& venue) {
    if (!(g.mark > 0.0) || !std::isfinite(g.mark))
        throw std::invalid_argument("mark price must be a finite number > 0");
    if (!std::isnan(g.open_interest) && !(g.open_interest > 0.0 && std::isfinite(g.open_interest)))
        throw std::invalid_argument("open interest must be a finite number > 0");
    if (venue.contract != ContractKind::Linear)
        throw std::invalid_argument("the generator writes linear books; choose a linear venue profile");
    const PastPath past = simulate_past(g);
    const double tick = decimal_step(g.mark * 1e-6, 1.0); // 0.1 at 100,000
    const double lot = decimal_step(100.0, g.mark);       // about 100 quote
    const double mmr0 = venue.tiers.front().mmr + venue.fee_in_maintenance;

    PositionBook book;
    book.source = "generated";
    book.symbol_names = {g.symbol};
    book.symbol_mark = {g.mark};
    book.reserve(g.positions);
    book.id.reserve(g.positions, 8 * g.positions);            // "p0000001"
    book.account_names.reserve(g.positions, 8 * g.positions); // "a0000001"
    book.account_collateral.reserve(g.positions);
    const double scale = open_interest_scale(g, venue, past, mmr0);
    for (std::size_t i = 0; i < g.positions; ++i)
        append_position(book, i, draw_position(i, g, venue, past, mmr0, scale), tick, lot);
    return book;
}

} // namespace levex
