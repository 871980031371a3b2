// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace levex {

/// How money columns are read: linear contracts (quote) or inverse ones (coin, size in contracts
/// of `contract_size` quote each). Comes from the venue profile.
struct ContractSpec {
    bool inverse = false;
    double contract_size = 1.0;

    /// Notional of a position at price `p`: quote for linear, coin for inverse.
    double notional(double size, double p) const { return inverse ? size * contract_size / p : size * p; }
    /// Quote value of a position at price `p` (inverse: its contracts' face value).
    double quote_notional(double size, double p) const { return inverse ? size * contract_size : size * p; }
    /// Unrealised PnL of a position at price `p` (quote for linear, coin for inverse); side +1/-1.
    double pnl(int side, double size, double entry, double p) const {
        return inverse ? side * size * contract_size * (1.0 / entry - 1.0 / p) : side * size * (p - entry);
    }
};

} // namespace levex
