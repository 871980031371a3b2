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

namespace {

// A cross account's other symbols, at their marks: their PnL (part of the cushion) and their
// maintenance (part of the backstop test), per account.
struct OtherSymbols {
    std::vector<double> pnl, maint;
};

OtherSymbols other_symbols(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                           const ContractSpec& contract, std::size_t symbol) {
    OtherSymbols out{std::vector<double>(book.accounts(), 0.0), std::vector<double>(book.accounts(), 0.0)};
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.mode[i] != MarginMode::Cross || book.symbol[i] == symbol)
            continue;
        const double m = book.symbol_mark[book.symbol[i]];
        const double at = venue.maintenance_basis == MaintenanceBasis::Entry ? book.entry_price[i] : m;
        out.pnl[book.account[i]] += contract.pnl(book.side[i], book.size[i], book.entry_price[i], m);
        const double notional = contract.notional(book.size[i], at);
        double rate, amount;
        if (!std::isnan(book.maint_margin_rate[i])) {
            rate = book.maint_margin_rate[i];
            amount = book.maint_amount[i];
        } else {
            const MarginTier& t = venue.tier_for(tier_measure(venue, book.size[i], at));
            rate = t.mmr + venue.fee_in_maintenance;
            amount = t.maint_amount;
        }
        out.maint[book.account[i]] += settings.mmr_scale * (notional * rate - amount);
    }
    return out;
}

// One position of the symbol with everything the columns take from it, in one cache line.
struct Packed {
    double size, entry, cushion, liquidation;
    float mmr, maint_amount, other_maint;
    std::uint32_t book_row;
    std::int8_t side;
};

// The symbol's positions packed in book order (one sequential pass), so that putting them in
// trigger order reads one cache line per position instead of a dozen scattered columns; with
// each group's packed indices (longs, shorts, never liquidated) and the ladders' sort keys.
struct Packing {
    std::vector<Packed> packed;
    std::vector<std::uint32_t> rows[3];
    std::vector<double> keys[2];
};

Packing pack_symbol(const PositionBook& book, const LiquidationLevels& levels, const OtherSymbols& other,
                    std::size_t symbol) {
    Packing out;
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.symbol[i] != symbol)
            continue;
        const std::uint32_t a = book.account[i];
        const bool cross = book.mode[i] == MarginMode::Cross;
        const double liq = levels.liquidation_price[i];
        const int group = std::isnan(liq) ? 2 : book.side[i] > 0 ? 0 : 1;
        out.rows[group].push_back(static_cast<std::uint32_t>(out.packed.size()));
        if (group < 2)
            out.keys[group].push_back(group == 0 ? -liq : liq);
        out.packed.push_back(
            {book.size[i], book.entry_price[i],
             cross ? levels.margins.account_collateral[a] + other.pnl[a] : levels.margins.margin[i], liq,
             static_cast<float>(levels.maint_margin_rate[i]), static_cast<float>(levels.maint_amount[i]),
             static_cast<float>(cross ? other.maint[a] : 0.0), static_cast<std::uint32_t>(i), book.side[i]});
    }
    return out;
}

// Sorts each ladder group by its key (longs by falling, shorts by rising liquidation price) and
// returns the packed indices in trigger order: longs, shorts, then those never liquidated.
std::vector<std::uint32_t> trigger_order(Packing& packing) {
    parallel_for(
        2,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t g = begin; g < end; ++g)
                radix_sort(packing.keys[g], packing.rows[g]);
        },
        1);
    std::vector<std::uint32_t> order;
    order.reserve(packing.packed.size());
    for (const auto& group : packing.rows)
        order.insert(order.end(), group.begin(), group.end());
    return order;
}

// The columns in trigger order, so a cascade walks them front to back.
void fill_columns(PreparedBook& p, const std::vector<Packed>& packed, const std::vector<std::uint32_t>& order) {
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
}

// The ladders over the first columns: the long group, then the short group.
void fill_ladders(PreparedBook& p, std::size_t longs, std::size_t shorts) {
    std::uint32_t k = 0;
    for (int g = 0; g < 2; ++g) {
        TriggerLadder& ladder = g == 0 ? p.long_ladder : p.short_ladder;
        const std::size_t count = g == 0 ? longs : shorts;
        ladder.price.reserve(count);
        ladder.size.reserve(count);
        ladder.position.reserve(count);
        for (std::size_t j = 0; j < count; ++j, ++k) {
            ladder.price.push_back(p.liquidation[k]);
            ladder.size.push_back(p.size[k]);
            ladder.position.push_back(k);
        }
    }
}

} // namespace

PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark, LeverageAudit* audit) {
    clear_vector_upper_state();
    const LiquidationLevels levels = compute_liquidation_levels(book, venue, settings);
    if (audit) {
        std::vector<double> marks = book.symbol_mark;
        if (symbol < marks.size())
            marks[symbol] = mark;
        *audit = audit_leverage(book, venue, levels, marks);
    }
    PreparedBook p;
    p.symbol = symbol;
    p.start_mark = mark;
    p.contract = contract_of(venue);
    p.venue = venue;
    p.settings = settings;
    p.capped_count = levels.margins.capped_count;

    const OtherSymbols other = other_symbols(book, venue, settings, p.contract, symbol);
    Packing packing = pack_symbol(book, levels, other, symbol);
    const std::vector<std::uint32_t> order = trigger_order(packing);
    fill_columns(p, packing.packed, order);
    fill_ladders(p, packing.rows[0].size(), packing.rows[1].size());
    return p;
}

} // namespace levex
