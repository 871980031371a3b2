// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/StableSwapInvariant.h"

#include "core/base/NumberFormat.h"
#include "core/market/LiquidityProblem.h"

#include <cmath>

namespace levex::stableswap {
namespace {

constexpr double kCoins = 2.0;
constexpr int kRounds = 255; // as the contracts: a pool that has not converged by then is broken
constexpr double kTolerance = 1e-13;

// The contracts iterate until two rounds differ by at most 1 wei. In doubles the iterates end up
// alternating a few ulp apart (the denominators cancel), so the test is a relative change of 1e-13:
// Newton converges quadratically, so the round that passes it is already exact to rounding.
bool converged(double now, double before) {
    return std::abs(now - before) <= kTolerance * std::abs(now);
}

[[noreturn]] void not_converged(const char* what, double x, double y, double amplification) {
    throw LiquidityError(
        {"amm_amplification", std::string("reserves and an amplification for which ") + what + " converges",
         "A = " + format_plain(amplification) + " with reserves " + format_plain(x) + " and " + format_plain(y)});
}

} // namespace

// get_D: D ← (Ann·S + n·D_P)·D / ((Ann − 1)·D + (n + 1)·D_P), D_P = D^(n+1) / (n^n·Πx), from D = S.
// Curve's Ann is its stored A (= A·n^(n−1)) times n, that is A·n^n of the invariant written above.
double invariant(double x, double y, double amplification) {
    const double ann = amplification * kCoins * kCoins;
    const double sum = x + y;
    double d = sum;
    for (int round = 0; round < kRounds; ++round) {
        const double d_p = d * d / (x * kCoins) * d / (y * kCoins);
        const double before = d;
        d = (ann * sum + d_p * kCoins) * d / ((ann - 1.0) * d + (kCoins + 1.0) * d_p);
        if (converged(d, before))
            return d;
    }
    not_converged("the invariant D", x, y, amplification);
}

// get_y: y² + (S' + D/Ann − D)·y = D^(n+1) / (n^(2n)·Π'·Ann) solved by y ← (y² + c) / (2y + b − D).
double other_reserve(double x, double d, double amplification) {
    const double ann = amplification * kCoins * kCoins;
    const double c = d * d / (x * kCoins) * d / (ann * kCoins);
    const double b = x + d / ann;
    double y = d;
    for (int round = 0; round < kRounds; ++round) {
        const double before = y;
        y = (y * y + c) / (2.0 * y + b - d);
        if (converged(y, before))
            return y;
    }
    not_converged("the reserve solving the invariant", x, d, amplification);
}

// F(x, y) = Ann·(x + y) + D − Ann·D − D³/(4xy) = 0: −dy/dx = F_x / F_y.
double marginal_price(double x, double y, double d, double amplification) {
    const double ann = amplification * kCoins * kCoins;
    const double d3 = d * d / (kCoins * kCoins) * d / (x * y);
    return (ann + d3 / x) / (ann + d3 / y);
}

} // namespace levex::stableswap
