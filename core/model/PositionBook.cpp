// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/PositionBook.h"

#include <algorithm>

namespace levex {

std::size_t PositionBook::find_symbol(const std::string& name) const {
    for (std::size_t s = 0; s < symbol_names.size(); ++s)
        if (symbol_names[s] == name)
            return s;
    return npos;
}

std::size_t PositionBook::largest_symbol() const {
    std::vector<double> oi(symbol_names.size(), 0.0);
    for (std::size_t i = 0; i < positions(); ++i)
        oi[symbol[i]] += size[i] * entry_price[i];
    std::size_t best = npos;
    for (std::size_t s = 0; s < oi.size(); ++s)
        if (best == npos || oi[s] > oi[best])
            best = s;
    return best;
}

void PositionBook::reserve(std::size_t n) {
    id.reserve(n, 0); // the characters grow with what is read
    account.reserve(n);
    symbol.reserve(n);
    side.reserve(n);
    size.reserve(n);
    entry_price.reserve(n);
    margin.reserve(n);
    leverage.reserve(n);
    mode.reserve(n);
    maint_margin_rate.reserve(n);
    maint_amount.reserve(n);
    exchange_liquidation_price.reserve(n);
    line.reserve(n);
}

namespace {
template <typename T>
void keep_only(std::vector<T>& v, const std::vector<std::uint8_t>& keep) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!keep[i])
            continue;
        if (out != i) // a self-move would empty a std::string
            v[out] = std::move(v[i]);
        ++out;
    }
    v.resize(out);
}
void keep_only(TextColumn& texts, const std::vector<std::uint8_t>& keep) {
    texts.keep_only(keep);
}

template <typename T>
std::vector<T> reordered(std::vector<T>& v, const std::vector<std::uint32_t>& order) {
    std::vector<T> out;
    out.reserve(order.size());
    for (std::uint32_t old : order)
        out.push_back(std::move(v[old]));
    return out;
}
TextColumn reordered(const TextColumn& texts, const std::vector<std::uint32_t>& order) {
    return texts.reordered(order);
}
} // namespace

void PositionBook::filter(const std::vector<std::uint8_t>& keep) {
    keep_only(id, keep);
    keep_only(account, keep);
    keep_only(symbol, keep);
    keep_only(side, keep);
    keep_only(size, keep);
    keep_only(entry_price, keep);
    keep_only(margin, keep);
    keep_only(leverage, keep);
    keep_only(mode, keep);
    keep_only(maint_margin_rate, keep);
    keep_only(maint_amount, keep);
    keep_only(exchange_liquidation_price, keep);
    keep_only(line, keep);

    // Renumber accounts and symbols so that none is left without positions.
    auto compact = [&](std::vector<std::uint32_t>& index, auto&&... tables) {
        std::vector<std::uint32_t> remap(std::max({tables.size()...}), UINT32_MAX);
        std::vector<std::uint32_t> order; // new index -> old
        for (std::uint32_t& k : index) {
            if (remap[k] == UINT32_MAX) {
                remap[k] = static_cast<std::uint32_t>(order.size());
                order.push_back(k);
            }
            k = remap[k];
        }
        ((tables = reordered(tables, order)), ...);
    };
    compact(account, account_names, account_collateral);
    compact(symbol, symbol_names, symbol_mark);
}

} // namespace levex
