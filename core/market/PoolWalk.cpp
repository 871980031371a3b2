// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/PoolWalk.h"

#include "core/base/NumberFormat.h"

namespace levex {

PoolWalk::PoolWalk(AmmPool pool, double arbitrage_half_life_s)
    : pool_(std::move(pool)), half_life_s_(arbitrage_half_life_s), index_(pool_.marginal_price()) {
    if (!(arbitrage_half_life_s > 0))
        throw LiquidityError({"half_life_s", "seconds > 0 or inf (the arbitrage half-life of a pool)",
                              format_plain(arbitrage_half_life_s)});
}

double PoolWalk::fill(int side, double qty) {
    if (!(qty > 0))
        return book_price();
    return (side > 0 ? pool_.sell_base(qty) : pool_.buy_base(qty)) / qty;
}

void PoolWalk::advance(double dt_s) {
    if (!(dt_s > 0) || std::isinf(half_life_s_))
        return;
    // The log gap to the index halves every half-life; arbitrage trades along the invariant to close it.
    const double gap = offset();
    if (gap == 0.0)
        return;
    pool_.move_to_price(index_ * std::exp(gap * std::exp2(-dt_s / half_life_s_)));
}

} // namespace levex
