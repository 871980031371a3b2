// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/StressWithdrawal.h"

#include "core/base/NumberFormat.h"

#include <algorithm>
#include <cmath>

namespace levex {

std::optional<LiquidityProblem> check_withdrawal(const WithdrawalParameters& p) {
    if (!(p.flow_scale > 0) || !std::isfinite(p.flow_scale))
        return LiquidityProblem{"withdrawal_flow_scale", "a flow > 0 (in resting depths within 1 %)",
                                format_plain(p.flow_scale)};
    if (!(p.exponent > 0) || !std::isfinite(p.exponent))
        return LiquidityProblem{"withdrawal_exponent", "a number > 0", format_plain(p.exponent)};
    if (!(p.half_life_s > 0))
        return LiquidityProblem{"withdrawal_half_life_s", "seconds > 0 or inf", format_plain(p.half_life_s)};
    return std::nullopt;
}

StressWithdrawal::StressWithdrawal(const WithdrawalParameters& params) : p_(params) {
    if (auto problem = check_withdrawal(params))
        throw LiquidityError(*problem);
}

void StressWithdrawal::absorb(double flow) {
    if (!(flow > 0))
        return;
    stress_ += flow;
    w_ = after_flow(p_, stress_);
}

void StressWithdrawal::recover(double dt_s) {
    if (!(dt_s > 0) || std::isinf(p_.half_life_s) || stress_ == 0.0)
        return;
    stress_ *= std::exp2(-dt_s / p_.half_life_s);
    w_ = after_flow(p_, stress_);
}

double StressWithdrawal::after_flow(const WithdrawalParameters& p, double flow) {
    return std::pow(1.0 + std::max(flow, 0.0) / p.flow_scale, -p.exponent);
}

double StressWithdrawal::rest_equivalent(const WithdrawalParameters& p, double flow) {
    if (!(flow > 0))
        return 0.0;
    // ∫0^V (1 + q/c)^a dq = c/(a+1)·((1 + V/c)^(a+1) − 1), written with expm1/log1p for small V.
    const double c = p.flow_scale, a = p.exponent;
    return c / (a + 1.0) * std::expm1((a + 1.0) * std::log1p(flow / c));
}

double StressWithdrawal::flow_across_band(const WithdrawalParameters& p) {
    // The inverse of rest_equivalent at 1: V = c·((1 + (a+1)/c)^(1/(a+1)) − 1).
    const double c = p.flow_scale, a = p.exponent;
    return c * std::expm1(std::log1p((a + 1.0) / c) / (a + 1.0));
}

} // namespace levex
