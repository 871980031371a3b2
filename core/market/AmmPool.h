// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/LiquidityProblem.h"
#include "core/model/RunParameters.h" // AmmKind

#include <optional>

namespace levex {

/// A pool as given by the user: `base` is the reserve of the shocked asset, `quote` of the numeraire.
struct AmmPoolParameters {
    AmmKind kind = AmmKind::ConstantProduct;
    double base_reserve = 0.0;  ///< amm_base_reserve
    double quote_reserve = 0.0; ///< amm_quote_reserve
    double fee = 0.0;           ///< amm_fee: a fraction in [0, 1) of the input (constant product) or output
    double amplification = 0.0; ///< amm_amplification: StableSwap only, the A of the invariant
};

/// The first parameter outside its range (keys amm_base_reserve, amm_quote_reserve, amm_fee,
/// amm_amplification), or nullopt.
std::optional<LiquidityProblem> check_amm_pool(const AmmPoolParameters& params);

/// An AMM pool's reserves and its swaps in both directions. Prices are quote per base. Fees stay in
/// the pool (no protocol share is taken out).
class AmmPool {
public:
    /// Throws LiquidityError for parameters check_amm_pool() refuses.
    explicit AmmPool(const AmmPoolParameters& params);

    AmmKind kind() const { return p_.kind; }
    double base() const { return base_; }
    double quote() const { return quote_; }
    double fee() const { return p_.fee; }
    double amplification() const { return p_.amplification; }
    /// x·y for the constant product, D for StableSwap.
    double invariant() const;
    /// Quote per base at the margin, without the fee: the venue's book price.
    double marginal_price() const;

    /// Sells `base_in` (> 0) into the pool: returns the quote paid out, fee deducted.
    double sell_base(double base_in);
    /// Buys `base_out` (> 0) from the pool: returns the quote paid in, fee included. Throws
    /// LiquidityError (amm_base_reserve) when the pool cannot pay it out (see max_purchase()).
    double buy_base(double base_out);
    /// What sell_base / buy_base would pay, leaving the pool as it is.
    double quote_for_sale(double base_in) const;
    double quote_for_purchase(double base_out) const;
    /// The marginal price after a sale (side +1) or a purchase (−1) of `qty` base.
    double price_after(int side, double qty) const;
    /// Base a sale (side +1) or a purchase (−1) takes to bring the marginal price to `price`; 0 when
    /// the price is already there or beyond.
    double quantity_to_price(int side, double price) const;
    /// The largest purchase the pool can pay out is below this (its base reserve, less the fee for StableSwap).
    double max_purchase() const;
    /// The pool moved along its invariant, without fee, to marginal price `price`: an arbitrageur's
    /// trade against another market (docs/liquidity.md §4).
    void move_to_price(double price);

private:
    /// A swap's outcome: the reserves after it and the quote it pays out (sale) or takes in (purchase).
    struct Swap {
        double base, quote, paid;
    };
    Swap sale(double base_in) const;
    Swap purchase(double base_out) const;
    double price_at(double base, double quote) const;
    void apply(const Swap& swap);

    AmmPoolParameters p_;
    double base_, quote_;
    double d_ = 0.0; ///< StableSwap: the invariant D of the current reserves
};

} // namespace levex
