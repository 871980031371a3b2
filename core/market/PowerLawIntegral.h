// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace levex {

/// ∫ t^(k−1)·exp(sign·t) dt over [x0, x0 + width] (x0 >= 0, width >= 0, k > 0, sign ±1): the price
/// integral of a walk through power-law depth (docs/liquidity.md §1), an incomplete gamma function.
/// Summed from series whose terms do not cancel, so that a short step keeps its digits; the step is
/// given by its width rather than its end for the same reason.
double power_exp_integral(double k, int sign, double x0, double width);

/// True when [x0, x0 + width] is short enough for one local series: width <= x0/4 and <= 0.5.
bool power_exp_step_is_short(double x0, double width);
/// The same integral divided by x0^k, for a short step (power_exp_step_is_short): callers that know
/// x0^k from elsewhere (a depth curve: k·c^(−k)·x0^k is the quantity at x0, times k) skip a pow.
double power_exp_short_step(double k, int sign, double x0, double width);

} // namespace levex
