// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/PreparedBook.h"

#include "core/base/Parallel.h"
#include "core/base/RadixSort.h"
#include "core/base/VectorUnitState.h"

#include <limits>

namespace levex {

double PreparedBook::bankruptcy(std::size_t k) const {
    const double s = side[k], q = size[k], e = entry[k], c = cushion[k];
    if (contract.inverse) { // cushion + s·N·(1/E - 1/P) = 0  =>  1/P = 1/E + cushion/(s·N)
        const double u = 1.0 / e + c / (s * q * contract.contract_size);
        return u > 0 ? 1.0 / u : std::numeric_limits<double>::quiet_NaN();
    }
    const double p = e - s * c / q; // cushion + s·Q·(P - E) = 0
    return p > 0 ? p : std::numeric_limits<double>::quiet_NaN();
}

double PreparedBook::open_interest_quote() const {
    double oi = 0.0;
    for (std::size_t k = 0; k < positions(); ++k)
        oi += contract.quote_notional(size[k], start_mark);
    return oi;
}

std::size_t PreparedBook::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    std::size_t total = bytes(book_index) + bytes(side) + bytes(size) + bytes(entry) + bytes(cushion) +
                        bytes(liquidation) + bytes(mmr) + bytes(maint_amount) + bytes(other_maint);
    for (const TriggerLadder* l : {&long_ladder, &short_ladder})
        total += bytes(l->price) + bytes(l->size) + bytes(l->position);
    return total;
}

PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark) {
    clear_vector_upper_state();
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

    // Positions are stored in trigger order (longs by falling liquidation price, then shorts by
    // rising, then those never liquidated), so a cascade walks its columns front to back.
    // The symbol's positions packed in book order (one sequential pass), so that putting them in
    // trigger order below reads one cache line per position instead of a dozen scattered columns.
    struct Packed {
        double size, entry, cushion, liquidation;
        float mmr, maint_amount, other_maint;
        std::uint32_t book_row;
        std::int8_t side;
    };
    std::vector<Packed> packed;
    std::vector<std::uint32_t> rows[3]; // packed indices: longs, shorts, never liquidated
    std::vector<double> keys[2];
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.symbol[i] != symbol)
            continue;
        const std::uint32_t a = book.account[i];
        const bool cross = book.mode[i] == MarginMode::Cross;
        const double liq = levels.liquidation_price[i];
        const int group = std::isnan(liq) ? 2 : book.side[i] > 0 ? 0 : 1;
        rows[group].push_back(static_cast<std::uint32_t>(packed.size()));
        if (group < 2)
            keys[group].push_back(group == 0 ? -liq : liq);
        packed.push_back({book.size[i], book.entry_price[i],
                          cross ? levels.margins.account_collateral[a] + other_pnl[a] : levels.margins.margin[i], liq,
                          static_cast<float>(levels.maint_margin_rate[i]), static_cast<float>(levels.maint_amount[i]),
                          static_cast<float>(cross ? other_maint[a] : 0.0), static_cast<std::uint32_t>(i),
                          book.side[i]});
    }
    parallel_for(
        2,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t g = begin; g < end; ++g)
                radix_sort(keys[g], rows[g]);
        },
        1);
    std::vector<std::uint32_t> order;
    order.reserve(packed.size());
    for (const auto& group : rows)
        order.insert(order.end(), group.begin(), group.end());

    const std::size_t n = order.size();
    p.book_index.resize(n);
    p.side.resize(n);
    for (auto* v : {&p.size, &p.entry, &p.cushion, &p.liquidation})
        v->resize(n);
    for (auto* v : {&p.mmr, &p.maint_amount, &p.other_maint})
        v->resize(n);
    parallel_for(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            const Packed& r = packed[order[k]];
            p.book_index[k] = r.book_row;
            p.side[k] = r.side;
            p.size[k] = r.size;
            p.entry[k] = r.entry;
            p.cushion[k] = r.cushion;
            p.liquidation[k] = r.liquidation;
            p.mmr[k] = r.mmr;
            p.maint_amount[k] = r.maint_amount;
            p.other_maint[k] = r.other_maint;
        }
    });
    std::uint32_t k = 0;
    for (int g = 0; g < 2; ++g) {
        TriggerLadder& ladder = g == 0 ? p.long_ladder : p.short_ladder;
        ladder.price.reserve(rows[g].size());
        ladder.size.reserve(rows[g].size());
        ladder.position.reserve(rows[g].size());
        for (std::size_t j = 0; j < rows[g].size(); ++j, ++k) {
            ladder.price.push_back(p.liquidation[k]);
            ladder.size.push_back(p.size[k]);
            ladder.position.push_back(k);
        }
    }
    return p;
}

} // namespace levex
