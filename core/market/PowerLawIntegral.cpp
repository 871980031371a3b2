// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/PowerLawIntegral.h"

#include <algorithm>
#include <cmath>

namespace levex {
namespace {

// Below this distance the series from 0 converges fast whatever the sign.
constexpr double kNearZero = 0.5;
// A local piece spans at most this fraction of its start (the Taylor series in v = u/a has radius 1)
// and at most kLongestStep of log distance (so exp(sign·u) adds no large alternating terms).
constexpr double kRelativeStep = 0.25;
constexpr double kLongestStep = 0.5;
constexpr int kMaxTerms = 400;
constexpr double kTolerance = 1e-17;

// ∫_0^x t^(k−1) e^(s·t) dt = x^k · Σ (s·x)^n / (n!·(k + n)) for x <= kNearZero.
double from_zero(double k, int s, double x) {
    if (!(x > 0))
        return 0.0;
    double power = 1.0; // (s·x)^n / n!
    double sum = 1.0 / k;
    for (int n = 1; n < kMaxTerms; ++n) {
        power *= s * x / n;
        const double add = power / (k + n);
        sum += add;
        if (std::abs(add) <= kTolerance * sum)
            break;
    }
    return std::pow(x, k) * sum;
}

// ∫_a^(a+h) t^(k−1) e^(s·t) dt / a^k = e^(s·a) · ∫_0^r (1+v)^(k−1)·e^(σ·v) dv with r = h/a, σ = s·a.
// The integrand g(v) solves (1+v)·g' = ((k−1) + σ·(1+v))·g, so its Taylor coefficients follow
// d(m+1) = ((k−1+σ−m)·d(m) + σ·d(m−1)) / (m+1), d(0) = 1.
double local_piece_over_start_power(double k, int s, double a, double h) {
    const double r = h / a, sigma = s * a;
    double d_before = 0.0, d = 1.0, r_power = r; // d(m−1), d(m), r^(m+1)
    double sum = r, last = r;
    for (int m = 0; m < kMaxTerms; ++m) {
        const double next = ((k - 1.0 + sigma - m) * d + sigma * d_before) / (m + 1);
        d_before = d;
        d = next;
        r_power *= r;
        const double add = d * r_power / (m + 2);
        sum += add;
        // Two small terms in a row: a single zero coefficient (k = 2, σ = −1) does not end it.
        if (std::abs(add) + std::abs(last) <= kTolerance * std::abs(sum))
            break;
        last = add;
    }
    return std::exp(sigma) * sum;
}

double local_piece(double k, int s, double a, double h) {
    return std::pow(a, k) * local_piece_over_start_power(k, s, a, h);
}

} // namespace

bool power_exp_step_is_short(double x0, double width) {
    return x0 > 0 && width <= std::min(kRelativeStep * x0, kLongestStep);
}

double power_exp_short_step(double k, int sign, double x0, double width) {
    return width > 0 ? local_piece_over_start_power(k, sign, x0, width) : 0.0;
}

double power_exp_integral(double k, int sign, double x0, double width) {
    if (!(width > 0))
        return 0.0;
    const double end = x0 + width;
    double a = x0, sum = 0.0;
    // Near 0 the series from 0 serves while the piece is long enough for the difference of its two
    // values not to cancel (end > 1.25·start); shorter steps are local pieces.
    if (a < kNearZero) {
        const double b = std::min(end, kNearZero);
        if (a == 0.0 || b > (1.0 + kRelativeStep) * a) {
            sum += from_zero(k, sign, b) - from_zero(k, sign, a);
            a = b;
        }
    }
    // One short step (the common case: a fill in a deep book) keeps its exact width.
    if (a == x0 && power_exp_step_is_short(a, width))
        return local_piece(k, sign, a, width);
    while (a < end) {
        const double rest = end - a;
        const double step = std::min(kRelativeStep * a, kLongestStep);
        if (rest <= step)
            return sum + local_piece(k, sign, a, rest);
        sum += local_piece(k, sign, a, step);
        a += step;
    }
    return sum;
}

} // namespace levex
