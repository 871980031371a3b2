// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/AmmPool.h"

#include "core/base/NumberFormat.h"
#include "core/market/StableSwapInvariant.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace levex {
namespace {

constexpr int kRounds = 200;
constexpr double kLogPriceTolerance = 1e-15;

bool positive(double x) {
    return x > 0 && std::isfinite(x);
}

// The root of a decreasing f on [lo, hi] with f(lo) > 0 >= f(hi), f a log-price gap: false position
// with the Illinois rule (an end kept twice in a row has its value halved), superlinear and always
// inside the bracket.
template <class F>
double decreasing_root(const F& f, double lo, double hi, double f_lo, double f_hi) {
    if (!(f_hi < 0))
        return hi;
    double x = hi;
    int kept = 0;
    for (int round = 0; round < kRounds; ++round) {
        x = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        const double fx = f(x);
        if (std::abs(fx) <= kLogPriceTolerance || !(x > lo && x < hi))
            return x;
        if (fx > 0) {
            lo = x;
            f_lo = fx;
            if (kept == +1)
                f_hi *= 0.5;
            kept = +1;
        } else {
            hi = x;
            f_hi = fx;
            if (kept == -1)
                f_lo *= 0.5;
            kept = -1;
        }
    }
    return x;
}

} // namespace

std::optional<LiquidityProblem> check_amm_pool(const AmmPoolParameters& p) {
    if (!positive(p.base_reserve))
        return LiquidityProblem{"amm_base_reserve", "a reserve > 0 of the shocked asset", format_plain(p.base_reserve)};
    if (!positive(p.quote_reserve))
        return LiquidityProblem{"amm_quote_reserve", "a reserve > 0 of the numeraire", format_plain(p.quote_reserve)};
    if (!(p.fee >= 0 && p.fee < 1))
        return LiquidityProblem{"amm_fee", "a fraction in [0, 1) (0.003 = 0.3 %)", format_plain(p.fee)};
    if (p.kind == AmmKind::StableSwap && !positive(p.amplification))
        return LiquidityProblem{"amm_amplification", "a number > 0", format_plain(p.amplification)};
    return std::nullopt;
}

AmmPool::AmmPool(const AmmPoolParameters& params)
    : p_(params), base_(params.base_reserve), quote_(params.quote_reserve) {
    if (auto problem = check_amm_pool(params))
        throw LiquidityError(*problem);
    if (p_.kind == AmmKind::StableSwap)
        d_ = stableswap::invariant(base_, quote_, p_.amplification);
}

double AmmPool::invariant() const {
    return p_.kind == AmmKind::StableSwap ? d_ : base_ * quote_;
}

double AmmPool::price_at(double base, double quote) const {
    if (p_.kind == AmmKind::ConstantProduct)
        return quote / base;
    const double d = base == base_ && quote == quote_ ? d_ : stableswap::invariant(base, quote, p_.amplification);
    return stableswap::marginal_price(base, quote, d, p_.amplification);
}

double AmmPool::marginal_price() const {
    return price_at(base_, quote_);
}

// Uniswap v2 getAmountOut: out = dx·(1−f)·y / (x + dx·(1−f)); the whole dx joins the pool.
// Curve exchange: dy = y − get_y(x + dx); the fee is dy·f, paid out dy − fee, the fee stays.
AmmPool::Swap AmmPool::sale(double base_in) const {
    Swap s{base_ + base_in, 0.0, 0.0};
    if (p_.kind == AmmKind::ConstantProduct) {
        const double in = base_in * (1.0 - p_.fee);
        s.paid = in * quote_ / (base_ + in);
        s.quote = quote_ * base_ / (base_ + in);
    } else {
        const double y = stableswap::other_reserve(s.base, d_, p_.amplification);
        const double dy = quote_ - y;
        s.paid = dy - dy * p_.fee;
        s.quote = y + dy * p_.fee;
    }
    if (!positive(s.quote) || !(s.paid >= 0))
        throw LiquidityError({"amm_quote_reserve",
                              "a sale the pool's quote reserve of " + format_plain(quote_) + " can pay out",
                              format_plain(base_in) + " base"});
    return s;
}

// Uniswap v2 getAmountIn (without its integer rounding): in = y·q / ((x − q)·(1−f)).
// Curve: to pay out q after its fee the pool gives up q / (1−f) gross; the fee part stays.
AmmPool::Swap AmmPool::purchase(double base_out) const {
    if (!(base_out < max_purchase()))
        throw LiquidityError({"amm_base_reserve",
                              "a purchase below what the pool can pay out, " + format_plain(max_purchase()) + " base",
                              format_plain(base_out) + " base"});
    Swap s{base_ - base_out, 0.0, 0.0};
    if (p_.kind == AmmKind::ConstantProduct) {
        s.paid = quote_ * base_out / ((base_ - base_out) * (1.0 - p_.fee));
        s.quote = quote_ + s.paid;
    } else {
        const double gross = base_out / (1.0 - p_.fee);
        s.quote = stableswap::other_reserve(base_ - gross, d_, p_.amplification);
        s.paid = s.quote - quote_;
    }
    return s;
}

void AmmPool::apply(const Swap& swap) {
    base_ = swap.base;
    quote_ = swap.quote;
    if (p_.kind == AmmKind::StableSwap)
        d_ = stableswap::invariant(base_, quote_, p_.amplification);
}

double AmmPool::sell_base(double base_in) {
    const Swap s = sale(base_in);
    apply(s);
    return s.paid;
}

double AmmPool::buy_base(double base_out) {
    const Swap s = purchase(base_out);
    apply(s);
    return s.paid;
}

double AmmPool::quote_for_sale(double base_in) const {
    return sale(base_in).paid;
}
double AmmPool::quote_for_purchase(double base_out) const {
    return purchase(base_out).paid;
}

double AmmPool::price_after(int side, double qty) const {
    const Swap s = side > 0 ? sale(qty) : purchase(qty);
    return price_at(s.base, s.quote);
}

double AmmPool::max_purchase() const {
    return p_.kind == AmmKind::StableSwap ? base_ * (1.0 - p_.fee) : base_;
}

double AmmPool::quantity_to_price(int side, double price) const {
    const double now = marginal_price();
    if (side > 0 ? !(price < now) : !(price > now))
        return 0.0;
    const double x = base_, y = quote_, g = 1.0 - p_.fee;
    if (p_.kind == AmmKind::ConstantProduct) {
        if (side > 0) {
            // After a sale dx the price is x·y / ((x + g·dx)(x + dx)): g·dx² + (1+g)·x·dx + x² − x·y/p = 0.
            const double b = (1.0 + g) * x, c = x * x - x * y / price;
            return -2.0 * c / (b + std::sqrt(b * b - 4.0 * g * c));
        }
        // After a purchase leaving x' the price is y·(x − f·x') / (g·x'²): g·p·x'² + f·y·x' − x·y = 0.
        const double rest = 2.0 * x * y / (p_.fee * y + std::sqrt(p_.fee * p_.fee * y * y + 4.0 * g * price * x * y));
        return x - rest;
    }
    // StableSwap: the log gap to the target shrinks monotonically with the trade's size.
    const auto gap = [&](double q) {
        const double after = price_after(side, q);
        return side > 0 ? std::log(after / price) : std::log(price / after);
    };
    // A first bracket as long as the constant product's half-way guess, x·|gap|, doubled until it holds
    // (StableSwap is flatter near balance, so that guess undershoots).
    const double f_0 = std::abs(std::log(now / price));
    double hi = std::min(x * f_0, 0.5 * max_purchase()), f_hi = gap(hi);
    double lo = 0.0, f_lo = f_0;
    for (int i = 0; i < 4 * kRounds && f_hi > 0; ++i) {
        lo = hi;
        f_lo = f_hi;
        // A purchase reaches any price before the pool is empty; a sale any price at all.
        hi = side > 0 ? 2.0 * hi : std::min(2.0 * hi, 0.5 * (hi + max_purchase()));
        f_hi = gap(hi);
    }
    return decreasing_root(gap, lo, hi, f_lo, f_hi);
}

void AmmPool::move_to_price(double price) {
    if (!positive(price))
        throw std::invalid_argument("a pool can only be moved to a price > 0");
    if (p_.kind == AmmKind::ConstantProduct) {
        const double k = base_ * quote_;
        base_ = std::sqrt(k / price);
        quote_ = std::sqrt(k * price);
        return;
    }
    // Along D the price falls as the base reserve grows: solve on u = ln(base).
    const auto gap = [&](double u) {
        const double b = std::exp(u);
        const double q = stableswap::other_reserve(b, d_, p_.amplification);
        return std::log(stableswap::marginal_price(b, q, d_, p_.amplification) / price);
    };
    double lo = std::log(base_), hi = lo, f_lo = gap(lo), f_hi = f_lo;
    if (f_lo == 0.0)
        return;
    if (f_lo > 0)
        for (int i = 0; i < kRounds && f_hi > 0; ++i)
            f_hi = gap(hi += 1.0);
    else
        for (int i = 0; i < kRounds && f_lo < 0; ++i)
            f_lo = gap(lo -= 1.0);
    base_ = std::exp(decreasing_root(gap, lo, hi, f_lo, f_hi));
    quote_ = stableswap::other_reserve(base_, d_, p_.amplification);
}

} // namespace levex
