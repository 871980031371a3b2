// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/LiquidityProblem.h"

#include <optional>

namespace levex {

/// How market makers pull resting depth while forced flow hits it (docs/liquidity.md §3). Depth is
/// scaled by w in (0, 1]. From rest, a flow V measured in units of the resting depth within 1 % of
/// the side it hits leaves w = (1 + V / flow_scale)^(−exponent); the withdrawn share 1 − w halves
/// every half-life. The defaults match the median and p90 thinning of depth within 1 % measured
/// during liquidation events (docs/liquidity.md §3 gives the sources).
struct WithdrawalParameters {
    double flow_scale = 2.5;    ///< withdrawal_flow_scale: flow (in resting depths within 1 %) of the scale
    double exponent = 2.7;      ///< withdrawal_exponent: how steeply w falls with the flow
    double half_life_s = 120.0; ///< withdrawal_half_life_s: recovery of 1 − w; inf = none
};

/// The first parameter outside its range (keys withdrawal_flow_scale, withdrawal_exponent,
/// withdrawal_half_life_s), or nullopt.
std::optional<LiquidityProblem> check_withdrawal(const WithdrawalParameters& params);

/// The withdrawal factor w(t) of one book: lowered by forced flow, recovering toward 1.
class StressWithdrawal {
public:
    /// Throws LiquidityError for parameters check_withdrawal() refuses.
    explicit StressWithdrawal(const WithdrawalParameters& params);

    /// The factor resting depth is scaled by now.
    double factor() const { return w_; }
    /// Forced flow of `flow` resting depths within 1 % (>= 0) thins the depth further: the stress
    /// it would take from rest to reach the current w, plus this flow, gives the new w.
    void absorb(double flow);
    /// `dt_s` seconds pass without flow: 1 − w decays with the half-life.
    void recover(double dt_s);

    /// w after `flow` from rest: (1 + flow / flow_scale)^(−exponent).
    static double after_flow(const WithdrawalParameters& params, double flow);
    /// The resting-depth quantity a continuous walk of `flow` from rest consumes while the depth thins
    /// under it, without recovery: ∫ dq / w(q) over [0, flow], in the same unit. An order of flow V
    /// moves price as far as V / w would on the resting book: the exhaustion bound with withdrawal.
    static double rest_equivalent(const WithdrawalParameters& params, double flow);

private:
    WithdrawalParameters p_;
    double w_ = 1.0;
    double stress_root_ = 1.0; ///< w^(−1/exponent) = 1 + stress / flow_scale
};

} // namespace levex
