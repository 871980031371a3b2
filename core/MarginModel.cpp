// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/MarginModel.h"

#include "core/Issue.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace levex {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Maintenance terms of one position: the rate and deduction in force when its tier measure is x.
struct Maintenance {
    double rate;
    double amount;
};

class Solver {
public:
    Solver(const PositionBook& book, const VenueProfile& venue, const MarginSettings& settings)
        : book_(book), venue_(venue), scale_(settings.mmr_scale), inverse_(venue.contract == ContractKind::Inverse),
          csize_(inverse_ ? venue.contract_size : 1.0) {}

    // Maintenance terms of position i at tier measure x (explicit row values win over tiers).
    Maintenance terms(std::size_t i, double x) const {
        if (!std::isnan(book_.maint_margin_rate[i]))
            return {scale_ * book_.maint_margin_rate[i], scale_ * book_.maint_amount[i]};
        const MarginTier& t = venue_.tier_for(x);
        return {scale_ * (t.mmr + venue_.fee_in_maintenance), scale_ * t.maint_amount};
    }

    double notional(std::size_t i, double p) const { return inverse_ ? book_.size[i] * csize_ / p : book_.size[i] * p; }
    double pnl(std::size_t i, double p) const {
        const double q = book_.size[i] * book_.side[i];
        return inverse_ ? q * csize_ * (1.0 / book_.entry_price[i] - 1.0 / p) : q * (p - book_.entry_price[i]);
    }
    // Maintenance margin of position i when its price is p (mark basis) or fixed at entry.
    double maintenance(std::size_t i, double p) const {
        const double at = venue_.maintenance_basis == MaintenanceBasis::Entry ? book_.entry_price[i] : p;
        const Maintenance m = terms(i, tier_measure(venue_, book_.size[i], at));
        return notional(i, at) * m.rate - m.amount;
    }

    /// Liquidation price of position i given the rest of its account: `base` (margin or wallet plus
    /// the other positions' PnL at mark) and `other_maintenance`. Writes the terms in force.
    double liquidation(std::size_t i, double base, double other_maintenance, Maintenance& used) const {
        const double q = book_.size[i];
        const double e = book_.entry_price[i];
        if (venue_.maintenance_basis == MaintenanceBasis::Entry) {
            used = terms(i, tier_measure(venue_, q, e));
            const double k = notional(i, e) * used.rate - used.amount + other_maintenance;
            return from_linear_root(i, base, k, 0.0);
        }
        // Mark basis: equity - maintenance is monotone and continuous in price (cum keeps it so), so
        // exactly one bracket holds a consistent root; try each with a relative tolerance.
        if (!std::isnan(book_.maint_margin_rate[i]) || venue_.tier_basis == TierBasis::Quantity) {
            used = terms(i, tier_measure(venue_, q, e));
            return from_linear_root(i, base, other_maintenance - used.amount, used.rate);
        }
        const double n_coin = q * csize_;
        for (std::size_t t = 0; t < venue_.tiers.size(); ++t) {
            const MarginTier& tier = venue_.tiers[t];
            const Maintenance m{scale_ * (tier.mmr + venue_.fee_in_maintenance), scale_ * tier.maint_amount};
            const double p = from_linear_root(i, base, other_maintenance - m.amount, m.rate);
            if (std::isnan(p) || std::isinf(p))
                continue;
            const double x = inverse_ ? n_coin / p : q * p;
            const bool last = t + 1 == venue_.tiers.size();
            const double tol = 1e-12 * std::max(1.0, x);
            if (x >= tier.floor - tol && (last || x <= tier.cap + tol)) {
                used = m;
                return p;
            }
        }
        used = terms(i, tier_measure(venue_, q, e));
        return kNaN;
    }

    /// Root in price of  base + PnL(p) = k + rate·notional(p)  (rate = 0 for a fixed requirement).
    /// With no positive root the position is either never reached (NaN) or past the condition at any
    /// price: 0 for a linear short, +inf for an inverse long.
    double from_linear_root(std::size_t i, double base, double k, double rate) const {
        const double s = book_.side[i];
        const double q = book_.size[i];
        const double e = book_.entry_price[i];
        if (inverse_) {
            // In u = 1/p:  base + s·N/E - s·N·u = k + rate·N·u
            const double n = q * csize_;
            const double denom = n * (s + rate);
            const double u = (base + s * n / e - k) / denom;
            if (u > 0.0 && std::isfinite(u))
                return 1.0 / u;
            return s > 0 ? std::numeric_limits<double>::infinity() : kNaN;
        }
        // base - s·q·e + s·q·p = k + rate·q·p
        const double denom = q * (s - rate);
        const double p = (k - base + s * q * e) / denom;
        if (p > 0.0 && std::isfinite(p))
            return p;
        return s > 0 ? kNaN : 0.0;
    }

private:
    const PositionBook& book_;
    const VenueProfile& venue_;
    double scale_;
    bool inverse_;
    double csize_;
};

} // namespace

LiquidationLevels compute_liquidation_levels(const PositionBook& book, const VenueProfile& venue,
                                             const MarginSettings& settings) {
    LiquidationLevels out;
    out.margins = apply_leverage_multiplier(book, venue, settings.leverage_mult);
    const std::size_t n = book.positions();
    out.liquidation_price.resize(n);
    out.bankruptcy_price.resize(n);
    out.maint_margin_rate.resize(n);
    out.maint_amount.resize(n);
    const Solver solver(book, venue, settings);

    // Cross accounts: every position's PnL and maintenance at its mark, summed per account, so that a
    // position's "rest of the account" is the sum minus itself.
    std::vector<double> account_pnl(book.accounts(), 0.0), account_maint(book.accounts(), 0.0);
    std::vector<std::uint32_t> account_rows(book.accounts(), 0);
    for (std::size_t i = 0; i < n; ++i)
        if (book.mode[i] == MarginMode::Cross)
            ++account_rows[book.account[i]];
    std::vector<double> own_pnl(n, 0.0), own_maint(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (book.mode[i] != MarginMode::Cross || account_rows[book.account[i]] < 2)
            continue;
        const double mark = book.symbol_mark[book.symbol[i]];
        if (std::isnan(mark))
            throw DataError({Severity::Error, book.source, book.line[i], 0, "mark_price",
                             "expected a mark_price for " + book.symbol_names[book.symbol[i]] + ": cross account " +
                                 book.account_names[book.account[i]] +
                                 " holds several symbols and each is held at its mark, found none"});
        own_pnl[i] = solver.pnl(i, mark);
        own_maint[i] = solver.maintenance(i, mark);
        account_pnl[book.account[i]] += own_pnl[i];
        account_maint[book.account[i]] += own_maint[i];
    }

    for (std::size_t i = 0; i < n; ++i) {
        double base, other_maint = 0.0;
        if (book.mode[i] == MarginMode::Cross) {
            const std::uint32_t a = book.account[i];
            base = out.margins.account_collateral[a] + account_pnl[a] - own_pnl[i];
            other_maint = account_maint[a] - own_maint[i];
        } else {
            base = out.margins.margin[i];
        }
        Maintenance used{};
        out.liquidation_price[i] = solver.liquidation(i, base, other_maint, used);
        out.maint_margin_rate[i] = used.rate;
        out.maint_amount[i] = used.amount;
        out.bankruptcy_price[i] = solver.from_linear_root(i, base, 0.0, 0.0);
    }
    return out;
}

} // namespace levex
