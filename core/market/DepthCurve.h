// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/LiquidityProblem.h"

#include <cmath>
#include <optional>
#include <vector>

namespace levex {

/// One side of a venue's order book as cumulative base quantity D(x) resting within log distance
/// x of the index (docs/model.md §2), stored as its inverse x(q): piecewise, each piece linear in q,
/// then a power-law tail x = c·q^(1/k) (k = 2: the square root). Walking q from q0 to q1 moves price
/// by exp(±x); integrals of that price along the walk are closed-form (an incomplete gamma function
/// for a general k, docs/liquidity.md §1), so a fill's volume-weighted price is exact.
class DepthCurve {
public:
    /// The same base quantity in every 1 % band: linear impact.
    static DepthCurve flat(double base_per_pct);
    /// Density growing linearly with distance: D(x) = base_within_1pct·(x / 1 %)², so a fill of q
    /// moves price by 1 %·sqrt(q / base_within_1pct) — the square-root law.
    static DepthCurve v_shaped(double base_within_1pct);
    /// Power-law depth D(x) = base_within_1pct·(x / 1 %)^exponent (docs/liquidity.md §1): a fill of q
    /// from rest moves price by 1 %·(q / base_within_1pct)^(1/exponent). Exponent 1 is flat(), 2 is
    /// v_shaped(), with identical results; the exponent must be > 0.
    static DepthCurve power_law(double base_within_1pct, double exponent);
    /// Levels at increasing log distances with their sizes (base): walked linearly level to level,
    /// then continued past the last level by the V-shaped curve through the book's edge.
    static DepthCurve from_levels(const std::vector<double>& distances, const std::vector<double>& sizes);
    /// The same levels continued past the last one by the power law of exponent `tail_exponent`
    /// through the book's edge (cumulative depth continuous there): D(x) = D_edge·(x / x_edge)^k.
    static DepthCurve from_levels(const std::vector<double>& distances, const std::vector<double>& sizes,
                                  double tail_exponent);

    /// Cumulative base quantity within log distance x (x >= 0).
    double depth(double x) const;
    /// Log distance after consuming q base from the index (q >= 0): the inverse of depth().
    double distance(double q) const;
    /// ∫ exp(sign·x(q)) dq over [q0, q1] (0 <= q0 <= q1); sign -1 for bids, +1 for asks.
    double integral(double q0, double q1, int sign) const;
    /// The same curve with every quantity multiplied by k (> 0).
    DepthCurve scaled(double k) const;
    /// Base quantity where the tail (power-law continuation) begins; 0 for the analytic curves.
    double tail_start() const { return tail_q_; }
    /// Log distance where the tail begins: where an L2 snapshot ends; 0 for the analytic curves.
    double tail_distance() const { return tail_c_ > 0 ? tail_x(tail_q_) : 0.0; }
    /// Exponent k of the depth beyond the last level (1 when the last linear piece runs on).
    double tail_exponent() const { return tail_c_ > 0 ? tail_k_ : 1.0; }

private:
    double tail_x(double q) const {
        return tail_k_ == 2.0 ? tail_c_ * std::sqrt(q) : tail_c_ * std::pow(q, tail_inv_k_);
    }
    double tail_integral(double q0, double q1, int sign) const;
    void set_tail(double c, double k);

    struct Piece {
        double q0;    ///< start of the piece in cumulative base
        double x0;    ///< distance at q0
        double slope; ///< linear pieces: dx/dq
    };
    std::vector<Piece> linear_; ///< linear pieces, ascending q0, each up to the next (or tail_q_)
    double tail_q_ = 0.0;       ///< from here on: x = tail_c·q^(1/k), or linear_ extends to infinity
    double tail_c_ = 0.0;       ///< 0 = no power tail (the last linear piece runs on)
    double tail_k_ = 2.0;       ///< the tail's exponent k (2: the square root, closed form with expm1)
    double tail_inv_k_ = 0.5;   ///< 1/k
    double tail_scale_ = 0.0;   ///< k·c^(−k): dq = k·c^(−k)·x^(k−1)·dx along the tail (k != 2)
};

/// The first power-law depth parameter outside its range (keys depth_quote_within_1pct,
/// depth_exponent), or nullopt: a depth within 1 % > 0 and an exponent > 0, both finite.
std::optional<LiquidityProblem> check_power_law(double depth_quote_within_1pct, double exponent);

/// Both sides of the book, in base units at the run's start price.
struct BookDepth {
    DepthCurve bids; ///< consumed by selling (price falls)
    DepthCurve asks; ///< consumed by buying (price rises)

    /// Signed log offset of the book price from the index when the venue's flow has consumed
    /// `consumed` base (selling > 0 walks the bids down, buying < 0 walks the asks up).
    double offset(double consumed) const { return consumed >= 0 ? -bids.distance(consumed) : asks.distance(-consumed); }
    /// The consumed state at which the book price sits at log offset y from the index.
    double consumed_at(double y) const { return y <= 0 ? bids.depth(-y) : -asks.depth(y); }
    /// ∫ exp(offset(c)) dc over [c0, c1] (c0 <= c1): quantity times the average price / index.
    double price_integral(double c0, double c1) const;
};

} // namespace levex
