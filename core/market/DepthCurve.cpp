// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthCurve.h"

#include "core/base/NumberFormat.h"
#include "core/market/PowerLawIntegral.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace levex {
namespace {

// ∫_0^d exp(s·(x0 + b·t)) dt, stable for tiny b.
double linear_piece_integral(double x0, double b, double d, int s) {
    const double k = s * b * d;
    const double factor = std::abs(k) < 1e-8 ? d * (1.0 + 0.5 * k) : std::expm1(k) / (s * b);
    return std::exp(s * x0) * factor;
}

// ∫ exp(s·c·sqrt(q)) dq over [q0, q1]: with u = sqrt(q) and a = s·c, ∫ 2u·exp(a·u) du =
// (2/a²)·[h(a·u)] with h(t) = exp(t)·(t - 1) + 1, written with expm1 so that small t keeps its digits.
double sqrt_piece_integral(double c, double q0, double q1, int s) {
    const double a = s * c;
    auto h = [](double t) { return std::expm1(t) * (t - 1.0) + t; };
    return 2.0 / (a * a) * (h(a * std::sqrt(q1)) - h(a * std::sqrt(q0)));
}

// (1 + rho)^p − 1 without cancellation: the binomial series for the small steps of a fill deep in the
// book (cheaper than expm1(p·log1p(rho))), that formula otherwise.
double power_step(double rho, double p) {
    if (!(rho < 0.01))
        return std::expm1(std::log1p(rho) * p);
    double term = p * rho, sum = term;
    for (int n = 1; n < 20 && std::abs(term) > 1e-17 * std::abs(sum); ++n) {
        term *= (p - n) / (n + 1) * rho;
        sum += term;
    }
    return sum;
}

} // namespace

DepthCurve DepthCurve::flat(double base_per_pct) {
    if (!(base_per_pct > 0) || !std::isfinite(base_per_pct))
        throw std::invalid_argument("flat depth must be a finite quantity > 0 per 1 %");
    DepthCurve c;
    c.linear_.push_back({0.0, 0.0, 0.01 / base_per_pct});
    c.tail_q_ = 0.0;
    c.tail_c_ = 0.0;
    return c;
}

DepthCurve DepthCurve::v_shaped(double base_within_1pct) {
    if (!(base_within_1pct > 0) || !std::isfinite(base_within_1pct))
        throw std::invalid_argument("V-shaped depth must be a finite quantity > 0 within 1 %");
    DepthCurve c;
    c.tail_q_ = 0.0;
    c.tail_c_ = 0.01 / std::sqrt(base_within_1pct);
    return c;
}

std::optional<LiquidityProblem> check_power_law(double depth_quote_within_1pct, double exponent) {
    if (!(depth_quote_within_1pct > 0) || !std::isfinite(depth_quote_within_1pct))
        return LiquidityProblem{"depth_quote_within_1pct", "a quote amount > 0", format_plain(depth_quote_within_1pct)};
    if (!(exponent > 0) || !std::isfinite(exponent))
        return LiquidityProblem{"depth_exponent", "a number > 0 (1 = flat book, 2 = V-shaped)", format_plain(exponent)};
    return std::nullopt;
}

DepthCurve DepthCurve::power_law(double base_within_1pct, double exponent) {
    if (!(exponent > 0) || !std::isfinite(exponent))
        throw std::invalid_argument("a power-law depth exponent must be a finite number > 0");
    if (exponent == 1.0)
        return flat(base_within_1pct);
    if (exponent == 2.0)
        return v_shaped(base_within_1pct);
    if (!(base_within_1pct > 0) || !std::isfinite(base_within_1pct))
        throw std::invalid_argument("power-law depth must be a finite quantity > 0 within 1 %");
    DepthCurve c;
    c.tail_q_ = 0.0;
    // D(x) = D1·(x / 0.01)^k  <=>  x = 0.01·(q / D1)^(1/k) = c·q^(1/k)
    c.set_tail(0.01 * std::pow(base_within_1pct, -1.0 / exponent), exponent);
    return c;
}

void DepthCurve::set_tail(double c, double k) {
    tail_c_ = c;
    tail_k_ = k;
    tail_inv_k_ = k == 2.0 ? 0.5 : 1.0 / k;
    tail_scale_ = k * std::pow(c, -k);
}

DepthCurve DepthCurve::from_levels(const std::vector<double>& distances, const std::vector<double>& sizes) {
    return from_levels(distances, sizes, 2.0);
}

DepthCurve DepthCurve::from_levels(const std::vector<double>& distances, const std::vector<double>& sizes,
                                   double tail_exponent) {
    if (!(tail_exponent > 0) || !std::isfinite(tail_exponent))
        throw std::invalid_argument("the depth exponent beyond the last level must be a finite number > 0");
    if (distances.empty() || distances.size() != sizes.size())
        throw std::invalid_argument("an order book side needs at least one level");
    DepthCurve c;
    double q = 0.0, x = 0.0;
    for (std::size_t i = 0; i < distances.size(); ++i) {
        if (!(sizes[i] > 0) || !(distances[i] > x || (i == 0 && distances[i] >= 0)))
            throw std::invalid_argument("order book levels must have sizes > 0 at strictly increasing distances");
        c.linear_.push_back({q, x, (distances[i] - x) / sizes[i]});
        q += sizes[i];
        x = distances[i];
    }
    c.tail_q_ = q;
    if (tail_exponent == 2.0) {
        c.set_tail(x > 0 ? x / std::sqrt(q) : 0.01 / std::sqrt(q), 2.0); // V-shaped through the edge
    } else {
        const double root = std::pow(q, 1.0 / tail_exponent);
        c.set_tail(x > 0 ? x / root : 0.01 / root, tail_exponent); // the power law through the edge
    }
    return c;
}

double DepthCurve::depth(double x) const {
    if (x <= 0)
        return 0.0;
    if (tail_c_ > 0) {
        if (x >= tail_x(tail_q_) || linear_.empty())
            return tail_k_ == 2.0 ? (x / tail_c_) * (x / tail_c_) : std::pow(x / tail_c_, tail_k_);
    }
    // Last linear piece whose x0 <= x.
    auto it = std::upper_bound(linear_.begin(), linear_.end(), x, [](double v, const Piece& p) { return v < p.x0; });
    const Piece& p = *(it - 1);
    return p.slope > 0 ? p.q0 + (x - p.x0) / p.slope : p.q0;
}

double DepthCurve::distance(double q) const {
    if (q <= 0)
        return 0.0;
    if (tail_c_ > 0 && (q >= tail_q_ || linear_.empty()))
        return tail_x(q);
    auto it = std::upper_bound(linear_.begin(), linear_.end(), q, [](double v, const Piece& p) { return v < p.q0; });
    const Piece& p = *(it - 1);
    return p.x0 + p.slope * (q - p.q0);
}

double DepthCurve::integral(double q0, double q1, int sign) const {
    if (!(q1 > q0))
        return 0.0;
    double sum = 0.0;
    // Linear pieces first.
    if (!linear_.empty() && q0 < (tail_c_ > 0 ? tail_q_ : INFINITY)) {
        auto it =
            std::upper_bound(linear_.begin(), linear_.end(), q0, [](double v, const Piece& p) { return v < p.q0; });
        for (std::size_t k = std::size_t(it - linear_.begin()) - 1; k < linear_.size(); ++k) {
            const Piece& p = linear_[k];
            const double end = k + 1 < linear_.size() ? linear_[k + 1].q0 : (tail_c_ > 0 ? tail_q_ : INFINITY);
            const double a = std::max(q0, p.q0), b = std::min(q1, end);
            if (b > a)
                sum += linear_piece_integral(p.x0 + p.slope * (a - p.q0), p.slope, b - a, sign);
            if (end >= q1)
                break;
        }
    }
    if (tail_c_ > 0) {
        const double a = std::max(q0, tail_q_);
        if (q1 > a)
            sum += tail_integral(a, q1, sign);
    }
    return sum;
}

double DepthCurve::tail_integral(double q0, double q1, int sign) const {
    if (tail_k_ == 2.0)
        return sqrt_piece_integral(tail_c_, q0, q1, sign);
    // x = c·q^(1/k): dq = k·c^(−k)·x^(k−1)·dx. The walk's width in x comes from the ratio q1/q0 so a
    // short fill deep in the book keeps its digits.
    const double x0 = tail_x(q0);
    const double width = q0 > 0 ? x0 * power_step((q1 - q0) / q0, tail_inv_k_) : tail_x(q1);
    // A fill deep in the book (the common case): k·c^(−k)·x0^k is k·q0, no second pow needed.
    if (power_exp_step_is_short(x0, width))
        return tail_k_ * q0 * power_exp_short_step(tail_k_, sign, x0, width);
    return tail_scale_ * power_exp_integral(tail_k_, sign, x0, width);
}

DepthCurve DepthCurve::scaled(double k) const {
    if (!(k > 0) || !std::isfinite(k))
        throw std::invalid_argument("depth scale must be a finite number > 0");
    DepthCurve c = *this;
    for (Piece& p : c.linear_) {
        p.q0 *= k;
        p.slope /= k;
    }
    c.tail_q_ *= k;
    if (tail_k_ == 2.0)
        c.tail_c_ /= std::sqrt(k);
    else if (tail_c_ > 0)
        c.set_tail(tail_c_ / std::pow(k, tail_inv_k_), tail_k_);
    return c;
}

double BookDepth::price_integral(double c0, double c1) const {
    if (!(c1 > c0))
        return 0.0;
    double sum = 0.0;
    if (c0 < 0) // the part on the ask side: c in [c0, min(c1, 0)] -> u = -c in [max(-c1, 0), -c0]
        sum += asks.integral(std::max(-c1, 0.0), -c0, +1);
    if (c1 > 0)
        sum += bids.integral(std::max(c0, 0.0), c1, -1);
    return sum;
}

} // namespace levex
