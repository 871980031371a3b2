// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/DepthCurve.h"

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

DepthCurve DepthCurve::from_levels(const std::vector<double>& distances, const std::vector<double>& sizes) {
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
    c.tail_c_ = x > 0 ? x / std::sqrt(q) : 0.01 / std::sqrt(q); // V-shaped through the edge
    return c;
}

double DepthCurve::depth(double x) const {
    if (x <= 0)
        return 0.0;
    if (tail_c_ > 0) {
        const double at_tail = tail_c_ * std::sqrt(tail_q_);
        if (x >= at_tail || linear_.empty())
            return (x / tail_c_) * (x / tail_c_);
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
        return tail_c_ * std::sqrt(q);
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
            sum += sqrt_piece_integral(tail_c_, a, q1, sign);
    }
    return sum;
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
    c.tail_c_ /= std::sqrt(k);
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
