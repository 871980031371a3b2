// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/PreparedBook.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace levex {

double PreparedBook::open_interest_quote() const {
    double oi = 0.0;
    for (std::size_t k = 0; k < positions(); ++k)
        oi += contract.quote_notional(size[k], start_mark);
    return oi;
}

PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark) {
    const LiquidationLevels levels = compute_liquidation_levels(book, venue, settings);
    PreparedBook p;
    p.symbol = symbol;
    p.start_mark = mark;
    p.contract = contract_of(venue);
    p.venue = venue;
    p.settings = settings;
    p.capped_count = levels.margins.capped_count;

    // Cross accounts: the other symbols' PnL and maintenance at their marks, per account.
    std::vector<double> other_pnl(book.accounts(), 0.0), other_maint(book.accounts(), 0.0);
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.mode[i] != MarginMode::Cross || book.symbol[i] == symbol)
            continue;
        const double m = book.symbol_mark[book.symbol[i]];
        const double at = venue.maintenance_basis == MaintenanceBasis::Entry ? book.entry_price[i] : m;
        other_pnl[book.account[i]] += p.contract.pnl(book.side[i], book.size[i], book.entry_price[i], m);
        const double notional = p.contract.notional(book.size[i], at);
        double rate, amount;
        if (!std::isnan(book.maint_margin_rate[i])) {
            rate = book.maint_margin_rate[i];
            amount = book.maint_amount[i];
        } else {
            const MarginTier& t = venue.tier_for(tier_measure(venue, book.size[i], at));
            rate = t.mmr + venue.fee_in_maintenance;
            amount = t.maint_amount;
        }
        other_maint[book.account[i]] += settings.mmr_scale * (notional * rate - amount);
    }

    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.symbol[i] != symbol)
            continue;
        const std::uint32_t a = book.account[i];
        const bool cross = book.mode[i] == MarginMode::Cross;
        p.book_index.push_back(static_cast<std::uint32_t>(i));
        p.side.push_back(book.side[i]);
        p.size.push_back(book.size[i]);
        p.entry.push_back(book.entry_price[i]);
        p.cushion.push_back(cross ? levels.margins.account_collateral[a] + other_pnl[a] : levels.margins.margin[i]);
        p.other_maint.push_back(cross ? other_maint[a] : 0.0);
        p.liquidation.push_back(levels.liquidation_price[i]);
        p.bankruptcy.push_back(levels.bankruptcy_price[i]);
        p.mmr.push_back(levels.maint_margin_rate[i]);
        p.maint_amount.push_back(levels.maint_amount[i]);
    }
    for (std::uint32_t k = 0; k < p.positions(); ++k) {
        if (std::isnan(p.liquidation[k]))
            continue;
        (p.side[k] > 0 ? p.long_order : p.short_order).push_back(k);
    }
    std::sort(p.long_order.begin(), p.long_order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return p.liquidation[a] > p.liquidation[b]; });
    std::sort(p.short_order.begin(), p.short_order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return p.liquidation[a] < p.liquidation[b]; });
    for (auto [order, ladder] :
         {std::pair{&p.long_order, &p.long_ladder}, std::pair{&p.short_order, &p.short_ladder}}) {
        ladder->price.reserve(order->size());
        ladder->size.reserve(order->size());
        for (std::uint32_t k : *order) {
            ladder->price.push_back(p.liquidation[k]);
            ladder->size.push_back(p.size[k]);
        }
    }
    return p;
}

} // namespace levex
