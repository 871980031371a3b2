// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthCurve.h"
#include "core/market/LiquidityProblem.h"

#include <optional>

namespace levex {

/// How market makers pull resting depth while forced flow hits it (docs/liquidity.md §3). Depth is
/// scaled by w = (1 + s / flow_scale)^(−exponent) in (0, 1], s the stress: the forced flow the book
/// remembers, in units of the resting depth within 1 % of the side it hit. Flow adds to s; s halves
/// every half-life, so the depth comes back. The defaults match the median and p90 thinning of depth
/// within 1 % measured during liquidation events (docs/liquidity.md §3 gives the sources).
struct WithdrawalParameters {
    double flow_scale = 2.5;    ///< withdrawal_flow_scale: flow (in resting depths within 1 %) of the scale
    double exponent = 2.7;      ///< withdrawal_exponent: how steeply w falls with the flow
    double half_life_s = 120.0; ///< withdrawal_half_life_s: the stress halves in it; inf = never
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
    /// Forced flow of `flow` resting depths within 1 % (>= 0) adds to the stress: depth thins.
    void absorb(double flow);
    /// `dt_s` seconds pass: the stress decays with the half-life, depth recovers toward 1.
    void recover(double dt_s);
    /// The stress s: forced flow remembered, in resting depths within 1 %.
    double stress() const { return stress_; }

    /// w after `flow` from rest: (1 + flow / flow_scale)^(−exponent).
    static double after_flow(const WithdrawalParameters& params, double flow);
    /// The resting-depth quantity a continuous walk of `flow` from rest consumes while the depth thins
    /// under it, without recovery: ∫ dq / w(q) over [0, flow], in the same unit. An order of flow V
    /// moves price as far as V / w would on the resting book: the exhaustion bound with withdrawal.
    static double rest_equivalent(const WithdrawalParameters& params, double flow);
    /// The flow (in resting depths within 1 %) whose continuous walk from rest crosses the whole
    /// band within 1 %: rest_equivalent(flow) = 1.
    static double flow_across_band(const WithdrawalParameters& params);

private:
    WithdrawalParameters p_;
    double w_ = 1.0;
    double stress_ = 0.0;
};

/// One side of a book seen as a walk through depth that thins under it (docs/liquidity.md §3),
/// without recovery: inside the band within 1 % a flow of q base goes as far as rest_equivalent(q)
/// would on the resting curve; the flow that crosses the band goes on through whole resting depth.
/// Monotone, so the exhaustion fixed point can walk it as a bound on the time-stepped run.
class WithdrawnDepth {
public:
    WithdrawnDepth(const DepthCurve& resting, const WithdrawalParameters& params)
        : resting_(resting), params_(params), unit_(resting.depth(0.01)),
          band_flow_(StressWithdrawal::flow_across_band(params)) {}
    /// Log distance after a flow of q base from rest.
    double distance(double q) const {
        const double flow = q / unit_;
        const double crossed =
            flow <= band_flow_ ? StressWithdrawal::rest_equivalent(params_, flow) : 1.0 + (flow - band_flow_);
        return resting_.distance(unit_ * crossed);
    }

private:
    const DepthCurve& resting_;
    WithdrawalParameters params_;
    double unit_;      ///< the resting depth within 1 %: the unit of flow and the band's size
    double band_flow_; ///< the flow that crosses the band
};

} // namespace levex
