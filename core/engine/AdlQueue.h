// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace levex {

/// Auto-deleveraging counterparties of one side in rank order (BitMEX: highest rank first; the
/// rank is PnL % × effective leverage for positions in profit). absorb() closes the liquidated
/// quantity against them one after another, each up to its open size.
class AdlQueue {
public:
    struct Candidate {
        std::uint32_t position;
        double rank;
        double quantity;
    };
    struct Fill {
        std::uint32_t position;
        double quantity;
    };

    /// Orders the candidates (highest rank first; ties by position, so runs reproduce).
    explicit AdlQueue(std::vector<Candidate> candidates);

    /// Takes up to `quantity` from the queue; returns the fills and leaves what was taken out.
    std::vector<Fill> absorb(double quantity);
    bool empty() const { return next_ >= queue_.size(); }

    /// BitMEX ranking: PnL % × effective leverage = (s·(mark − entry)/entry) × mark/|mark − bankruptcy|;
    /// 0 when not in profit.
    static double bitmex_rank(int side, double entry, double mark, double bankruptcy);

private:
    std::vector<Candidate> queue_;
    std::size_t next_ = 0;
};

} // namespace levex
