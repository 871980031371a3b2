// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/AdlQueue.h"

#include <algorithm>
#include <cmath>

namespace levex {

AdlQueue::AdlQueue(std::vector<Candidate> candidates) : queue_(std::move(candidates)) {
    std::sort(queue_.begin(), queue_.end(), [](const Candidate& a, const Candidate& b) {
        return a.rank != b.rank ? a.rank > b.rank : a.position < b.position;
    });
}

std::vector<AdlQueue::Fill> AdlQueue::absorb(double quantity) {
    std::vector<Fill> fills;
    while (quantity > 0 && next_ < queue_.size()) {
        Candidate& c = queue_[next_];
        const double take = std::min(quantity, c.quantity);
        fills.push_back({c.position, take});
        c.quantity -= take;
        quantity -= take;
        if (c.quantity <= 0)
            ++next_;
    }
    return fills;
}

double AdlQueue::bitmex_rank(int side, double entry, double mark, double bankruptcy) {
    const double pnl_pct = side * (mark - entry) / entry;
    if (!(pnl_pct > 0))
        return 0.0;
    if (std::isnan(bankruptcy))
        return 0.0; // no leverage at all (fully collateralised): last in the queue
    const double gap = std::abs(mark - bankruptcy);
    return gap > 0 ? pnl_pct * mark / gap : 0.0;
}

} // namespace levex
