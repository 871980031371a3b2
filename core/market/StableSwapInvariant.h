// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace levex::stableswap {

/// Curve's StableSwap invariant for two coins (docs/liquidity.md §4): reserves x, y and the
/// invariant D satisfy A·n^n·(x + y) + D = A·D·n^n + D^(n+1) / (n^n·x·y), n = 2. `amplification` is
/// the A of this equation; Curve's contracts store and show A·n^(n−1) (twice it for two coins).
/// Solved by the Newton iterations Curve's contracts use (get_D, get_y), to double precision.

/// D for reserves x, y (> 0); throws LiquidityError when the iteration does not converge.
double invariant(double x, double y, double amplification);
/// The other coin's reserve that keeps the invariant D when one coin's reserve is `x` (> 0).
double other_reserve(double x, double d, double amplification);
/// −dy/dx along the invariant through (x, y): the price of coin x in coin y, without fee.
double marginal_price(double x, double y, double d, double amplification);

} // namespace levex::stableswap
