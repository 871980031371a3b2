// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/LeverageMultiplier.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace levex {

double tier_measure(const VenueProfile& venue, double size, double price) {
    if (venue.tier_basis == TierBasis::Quantity)
        return size;
    return venue.contract == ContractKind::Inverse ? size * venue.contract_size / price : size * price;
}

LeverageMultiplier::LeverageMultiplier(const PositionBook& book, const VenueProfile& venue, double k)
    : book_(book), venue_(venue), k_(k) {
    if (!(k > 0.0) || !std::isfinite(k))
        throw std::invalid_argument("leverage multiplier must be a finite number > 0");
    // At k = 1 every cushion is its given value (given / 1 is exact and never below min(given, floor)),
    // so nothing is copied and nothing is capped.
    if (k == 1.0)
        return;
    const std::size_t n = book.positions();
    std::vector<double> account_floor(book.accounts(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (book.mode[i] == MarginMode::Cross)
            account_floor[book.account[i]] += floor_margin(i);
        else
            capped_count_ += margin_and_capped(i).second;
    }
    collateral_ = std::make_unique<std::vector<double>>(book.account_collateral);
    account_capped_.assign(book.accounts(), 0);
    for (std::size_t a = 0; a < book.accounts(); ++a) {
        const double wallet = book.account_collateral[a];
        if (!std::isnan(wallet))
            std::tie((*collateral_)[a], account_capped_[a]) = thin(wallet, account_floor[a]);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (book.mode[i] == MarginMode::Cross)
            capped_count_ += account_capped_[book.account[i]];
}

std::pair<double, bool> LeverageMultiplier::thin(double given, double floor) const {
    const double thinned = given / k_;
    const double lowest = std::min(given, floor);
    return {std::max(thinned, lowest), thinned < lowest};
}

double LeverageMultiplier::floor_margin(std::size_t i) const {
    const double size = book_.size[i], entry = book_.entry_price[i];
    const double notional =
        venue_.contract == ContractKind::Inverse ? size * venue_.contract_size / entry : size * entry;
    return notional / venue_.max_leverage_for(tier_measure(venue_, size, entry));
}

std::pair<double, bool> LeverageMultiplier::margin_and_capped(std::size_t i) const {
    if (book_.mode[i] == MarginMode::Cross)
        return {0.0, account_capped(book_.account[i])};
    if (k_ == 1.0)
        return {book_.margin[i], false};
    return thin(book_.margin[i], floor_margin(i));
}

EffectiveMargins LeverageMultiplier::columns() const {
    EffectiveMargins out;
    out.leverage_mult = k_;
    const std::size_t n = book_.positions();
    out.margin.resize(n);
    out.capped.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        std::tie(out.margin[i], out.capped[i]) = margin_and_capped(i);
    out.account_collateral.resize(book_.accounts());
    for (std::size_t a = 0; a < book_.accounts(); ++a)
        out.account_collateral[a] = account_collateral(a);
    out.capped_count = capped_count_;
    return out;
}

EffectiveMargins apply_leverage_multiplier(const PositionBook& book, const VenueProfile& venue, double k) {
    return LeverageMultiplier(book, venue, k).columns();
}

} // namespace levex
