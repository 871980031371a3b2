// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/PreparedBook.h"

#include "core/base/Parallel.h"
#include "core/base/RadixSort.h"
#include "core/base/VectorUnitState.h"

#include <algorithm>
#include <limits>
#include <numeric>

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
// maintenance (part of the backstop test), per account. Empty while no cross account holds another
// symbol (a one-symbol book: a million accounts' zeros would be 16 MB).
struct OtherSymbols {
    std::vector<double> pnl, maint;
    double pnl_of(std::size_t a) const { return pnl.empty() ? 0.0 : pnl[a]; }
    double maint_of(std::size_t a) const { return maint.empty() ? 0.0 : maint[a]; }
};

OtherSymbols other_symbols(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                           const ContractSpec& contract, std::size_t symbol) {
    OtherSymbols out;
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.mode[i] != MarginMode::Cross || book.symbol[i] == symbol)
            continue;
        if (out.pnl.empty()) {
            out.pnl.assign(book.accounts(), 0.0);
            out.maint.assign(book.accounts(), 0.0);
        }
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

// Where the columns take a position's terms from: the book-wide levels an audit needed anyway, or
// a solver that computes each position's terms as it is filled in (no book-wide copy).
struct LevelColumns {
    const LiquidationLevels& levels;
    PositionLevel at(std::size_t i) const {
        return {levels.liquidation_price[i], levels.bankruptcy_price[i], levels.maint_margin_rate[i],
                levels.maint_amount[i]};
    }
    double margin(std::size_t i) const { return levels.margins.margin[i]; }
    double collateral(std::size_t a) const { return levels.margins.account_collateral[a]; }
};
struct LevelSolver {
    const PositionLevelSolver& solver;
    PositionLevel at(std::size_t i) const { return solver.at(i); }
    double margin(std::size_t i) const { return solver.multiplier().margin(i); }
    double collateral(std::size_t a) const { return solver.multiplier().account_collateral(a); }
};

// The symbol's positions in the columns, in book order (trigger order comes after).
template <class Levels>
void fill_in_book_order(PreparedBook& p, const PositionBook& book, const Levels& levels, const OtherSymbols& other) {
    const auto count = static_cast<std::size_t>(
        std::count(book.symbol.begin(), book.symbol.end(), static_cast<std::uint32_t>(p.symbol)));
    p.book_index.reserve(count);
    for (std::size_t i = 0; i < book.positions(); ++i)
        if (book.symbol[i] == p.symbol)
            p.book_index.push_back(static_cast<std::uint32_t>(i));
    p.side.resize(count);
    for (auto* v : {&p.size, &p.entry, &p.cushion, &p.liquidation})
        v->resize(count);
    for (auto* v : {&p.mmr, &p.maint_amount, &p.other_maint})
        v->resize(count);
    parallel_for(count, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            const std::uint32_t i = p.book_index[k];
            const std::uint32_t a = book.account[i];
            const bool cross = book.mode[i] == MarginMode::Cross;
            const PositionLevel level = levels.at(i);
            p.side[k] = book.side[i];
            p.size[k] = book.size[i];
            p.entry[k] = book.entry_price[i];
            p.cushion[k] = cross ? levels.collateral(a) + other.pnl_of(a) : levels.margin(i);
            p.liquidation[k] = level.liquidation_price;
            p.mmr[k] = static_cast<float>(level.maint_margin_rate);
            p.maint_amount[k] = static_cast<float>(level.maint_amount);
            p.other_maint[k] = static_cast<float>(cross ? other.maint_of(a) : 0.0);
        }
    });
}

// The positions in trigger order: each ladder group sorted by its key (longs by falling, shorts by
// rising liquidation price), then those never liquidated. Returns the group sizes.
std::vector<std::uint32_t> trigger_order(const PreparedBook& p, std::size_t& longs, std::size_t& shorts) {
    auto group_of = [&](std::size_t k) { return std::isnan(p.liquidation[k]) ? 2 : p.side[k] > 0 ? 0 : 1; };
    std::size_t sizes[3] = {0, 0, 0};
    for (std::size_t k = 0; k < p.positions(); ++k)
        ++sizes[group_of(k)];
    std::vector<std::uint32_t> rows[3];
    std::vector<double> keys[2];
    for (int g = 0; g < 3; ++g)
        rows[g].reserve(sizes[g]);
    for (int g = 0; g < 2; ++g)
        keys[g].reserve(sizes[g]);
    for (std::size_t k = 0; k < p.positions(); ++k) {
        const double liq = p.liquidation[k];
        const int group = group_of(k);
        rows[group].push_back(static_cast<std::uint32_t>(k));
        if (group < 2)
            keys[group].push_back(group == 0 ? -liq : liq);
    }
    parallel_for(
        2,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t g = begin; g < end; ++g)
                radix_sort(keys[g], rows[g]);
        },
        1);
    longs = rows[0].size();
    shorts = rows[1].size();
    std::vector<std::uint32_t> order;
    order.reserve(p.positions());
    for (const auto& group : rows)
        order.insert(order.end(), group.begin(), group.end());
    return order;
}

// column[k] = column[order[k]], through `scratch` (which then holds the old column, for the next
// column of the type): one column at a time costs one column of memory, not a copy of all of them.
template <typename T>
void permute(std::vector<T>& column, const std::vector<std::uint32_t>& order, std::vector<T>& scratch) {
    scratch.resize(order.size());
    parallel_for(order.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k)
            scratch[k] = column[order[k]];
    });
    column.swap(scratch);
}

void put_in_trigger_order(PreparedBook& p, const std::vector<std::uint32_t>& order) {
    std::vector<std::uint32_t> index_scratch;
    permute(p.book_index, order, index_scratch);
    index_scratch = {};
    std::vector<std::int8_t> side_scratch;
    permute(p.side, order, side_scratch);
    side_scratch = {};
    std::vector<double> scratch;
    for (auto* v : {&p.size, &p.entry, &p.cushion, &p.liquidation})
        permute(*v, order, scratch);
    scratch = {};
    std::vector<float> float_scratch;
    for (auto* v : {&p.mmr, &p.maint_amount, &p.other_maint})
        permute(*v, order, float_scratch);
}

// The ladders over the first columns: the long group, then the short group.
void fill_ladders(PreparedBook& p, std::size_t longs, std::size_t shorts) {
    std::ptrdiff_t first = 0;
    for (int g = 0; g < 2; ++g) {
        TriggerLadder& ladder = g == 0 ? p.long_ladder : p.short_ladder;
        const auto count = static_cast<std::ptrdiff_t>(g == 0 ? longs : shorts);
        ladder.price.assign(p.liquidation.begin() + first, p.liquidation.begin() + first + count);
        ladder.size.assign(p.size.begin() + first, p.size.begin() + first + count);
        ladder.position.resize(static_cast<std::size_t>(count));
        std::iota(ladder.position.begin(), ladder.position.end(), static_cast<std::uint32_t>(first));
        first += count;
    }
}

} // namespace

PreparedBook prepare_book(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings,
                          std::size_t symbol, double mark, LeverageAudit* audit) {
    clear_vector_upper_state();
    PreparedBook p;
    p.symbol = symbol;
    p.start_mark = mark;
    p.contract = contract_of(venue);
    p.venue = venue;
    p.settings = settings;
    if (audit) {
        const LiquidationLevels levels = compute_liquidation_levels(book, venue, settings);
        std::vector<double> marks = book.symbol_mark;
        if (symbol < marks.size())
            marks[symbol] = mark;
        *audit = audit_leverage(book, venue, levels, marks);
        p.capped_count = levels.margins.capped_count;
        fill_in_book_order(p, book, LevelColumns{levels}, other_symbols(book, venue, settings, p.contract, symbol));
    } else {
        const PositionLevelSolver solver(book, venue, settings);
        p.capped_count = solver.multiplier().capped_count();
        fill_in_book_order(p, book, LevelSolver{solver}, other_symbols(book, venue, settings, p.contract, symbol));
    }
    std::size_t longs = 0, shorts = 0;
    put_in_trigger_order(p, trigger_order(p, longs, shorts));
    fill_ladders(p, longs, shorts);
    return p;
}

} // namespace levex
