// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LeverageMultiplier.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace levex {

double tier_measure(const VenueProfile& venue, double size, double price) {
    if (venue.tier_basis == TierBasis::Quantity)
        return size;
    return venue.contract == ContractKind::Inverse ? size * venue.contract_size / price : size * price;
}

EffectiveMargins apply_leverage_multiplier(const PositionBook& book, const VenueProfile& venue, double k) {
    if (!(k > 0.0) || !std::isfinite(k))
        throw std::invalid_argument("leverage multiplier must be a finite number > 0");
    const bool inverse = venue.contract == ContractKind::Inverse;
    auto entry_notional = [&](std::size_t i) {
        return inverse ? book.size[i] * venue.contract_size / book.entry_price[i] : book.size[i] * book.entry_price[i];
    };
    auto floor_margin = [&](std::size_t i) {
        return entry_notional(i) / venue.max_leverage_for(tier_measure(venue, book.size[i], book.entry_price[i]));
    };

    EffectiveMargins out;
    out.leverage_mult = k;
    const std::size_t n = book.positions();
    out.margin.resize(n);
    out.capped.assign(n, 0);
    out.account_collateral = book.account_collateral;

    std::vector<double> account_floor(book.accounts(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (book.mode[i] == MarginMode::Cross) {
            out.margin[i] = 0.0;
            account_floor[book.account[i]] += floor_margin(i);
            continue;
        }
        const double given = book.margin[i];
        const double thinned = given / k;
        const double lowest = std::min(given, floor_margin(i));
        out.margin[i] = std::max(thinned, lowest);
        out.capped[i] = thinned < lowest;
    }
    std::vector<std::uint8_t> account_capped(book.accounts(), 0);
    for (std::size_t a = 0; a < book.accounts(); ++a) {
        const double wallet = book.account_collateral[a];
        if (std::isnan(wallet))
            continue;
        const double thinned = wallet / k;
        const double lowest = std::min(wallet, account_floor[a]);
        out.account_collateral[a] = std::max(thinned, lowest);
        account_capped[a] = thinned < lowest;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (book.mode[i] == MarginMode::Cross)
            out.capped[i] = account_capped[book.account[i]];
        out.capped_count += out.capped[i];
    }
    return out;
}

} // namespace levex
