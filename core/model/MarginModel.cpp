// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/MarginModel.h"

#include "core/base/Issue.h"
#include "core/base/Parallel.h"

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

    const PositionBook& book() const { return book_; }

private:
    const PositionBook& book_;
    const VenueProfile& venue_;
    double scale_;
    bool inverse_;
    double csize_;
};

// Per account: the other symbols' PnL and maintenance at their marks, for cross accounts holding
// several symbols (all empty when there are none: a million accounts' totals are 20 MB).
struct CrossTotals {
    std::vector<std::uint32_t> rows;
    std::vector<double> pnl, maint;
};

CrossTotals cross_totals(const PositionBook& book, const Solver& solver) {
    CrossTotals t;
    t.rows.assign(book.accounts(), 0);
    for (std::size_t i = 0; i < book.positions(); ++i)
        if (book.mode[i] == MarginMode::Cross)
            ++t.rows[book.account[i]];
    if (std::none_of(t.rows.begin(), t.rows.end(), [](std::uint32_t r) { return r >= 2; }))
        return {}; // no account holds several cross rows: no totals are read
    t.pnl.assign(book.accounts(), 0.0);
    t.maint.assign(book.accounts(), 0.0);
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.mode[i] != MarginMode::Cross || t.rows[book.account[i]] < 2)
            continue;
        const double mark = book.symbol_mark[book.symbol[i]];
        if (std::isnan(mark))
            throw DataError({Severity::Error, book.source, book.line[i], 0, "mark_price",
                             "expected a mark_price for " + book.symbol_names[book.symbol[i]] + ": cross account " +
                                 std::string(book.account_names[book.account[i]]) +
                                 " holds several symbols and each is held at its mark, found none"});
        t.pnl[book.account[i]] += solver.pnl(i, mark);
        t.maint[book.account[i]] += solver.maintenance(i, mark);
    }
    return t;
}

// The cushion of position i and the maintenance of the rest of its account.
std::pair<double, double> base_of(const PositionBook& book, const Solver& solver, const CrossTotals& t,
                                  const LeverageMultiplier& m, std::size_t i) {
    const std::uint32_t a = book.account[i];
    if (book.mode[i] != MarginMode::Cross)
        return {m.margin(i), 0.0};
    double base = m.account_collateral(a), other = 0.0;
    if (!t.rows.empty() && t.rows[a] >= 2) { // the rest of the account at its marks
        const double mark = book.symbol_mark[book.symbol[i]];
        base += t.pnl[a] - solver.pnl(i, mark);
        other = t.maint[a] - solver.maintenance(i, mark);
    }
    return {base, other};
}

} // namespace

LiquidationPriceSolver::LiquidationPriceSolver(const PositionBook& book, const VenueProfile& venue, std::size_t symbol)
    : book_(book), venue_(venue) {
    const Solver solver(book, venue, {});
    const CrossTotals totals = cross_totals(book, solver);
    const bool inverse = venue.contract == ContractKind::Inverse;
    account_floor_.assign(book.accounts(), 0.0);
    auto floor_margin = [&](std::size_t i) {
        const double notional =
            inverse ? book.size[i] * venue.contract_size / book.entry_price[i] : book.size[i] * book.entry_price[i];
        return notional / venue.max_leverage_for(tier_measure(venue, book.size[i], book.entry_price[i]));
    };
    for (std::size_t i = 0; i < book.positions(); ++i) {
        if (book.mode[i] == MarginMode::Cross)
            account_floor_[book.account[i]] += floor_margin(i);
        if (book.symbol[i] != symbol)
            continue;
        rows_.push_back(static_cast<std::uint32_t>(i));
        floor_margin_.push_back(floor_margin(i));
        const std::uint32_t a = book.account[i];
        const bool several = book.mode[i] == MarginMode::Cross && !totals.rows.empty() && totals.rows[a] >= 2;
        const double mark = book.symbol_mark[book.symbol[i]];
        other_pnl_.push_back(several ? totals.pnl[a] - solver.pnl(i, mark) : 0.0);
        other_maint_.push_back(several ? totals.maint[a] - solver.maintenance(i, mark) : 0.0);
    }
}

void LiquidationPriceSolver::solve(const MarginSettings& settings, std::vector<double>& out) const {
    const Solver solver(book_, venue_, settings);
    const double k = settings.leverage_mult;
    out.resize(rows_.size());
    parallel_for(rows_.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
            const std::uint32_t i = rows_[j];
            double base, other = 0.0;
            if (book_.mode[i] == MarginMode::Cross) { // docs/model.md §7, as apply_leverage_multiplier does it
                const double wallet = book_.account_collateral[book_.account[i]];
                base = std::max(wallet / k, std::min(wallet, account_floor_[book_.account[i]])) + other_pnl_[j];
                other = settings.mmr_scale * other_maint_[j];
            } else {
                const double margin = book_.margin[i];
                base = std::max(margin / k, std::min(margin, floor_margin_[j]));
            }
            Maintenance used{};
            out[j] = solver.liquidation(i, base, other, used);
        }
    });
}

struct PositionLevelSolver::State {
    LeverageMultiplier multiplier;
    Solver solver;
    CrossTotals totals;
};

PositionLevelSolver::PositionLevelSolver(const PositionBook& book, const VenueProfile& venue,
                                         const MarginSettings& settings) {
    LeverageMultiplier multiplier(book, venue, settings.leverage_mult);
    const Solver solver(book, venue, settings);
    state_.reset(new State{std::move(multiplier), solver, cross_totals(book, solver)});
}

PositionLevelSolver::~PositionLevelSolver() = default;

const LeverageMultiplier& PositionLevelSolver::multiplier() const {
    return state_->multiplier;
}

PositionLevel PositionLevelSolver::at(std::size_t i) const {
    const State& s = *state_;
    const auto [base, other_maint] = base_of(s.solver.book(), s.solver, s.totals, s.multiplier, i);
    Maintenance used{};
    const double liquidation = s.solver.liquidation(i, base, other_maint, used);
    return {liquidation, s.solver.from_linear_root(i, base, 0.0, 0.0), used.rate, used.amount};
}

LiquidationLevels compute_liquidation_levels(const PositionBook& book, const VenueProfile& venue,
                                             const MarginSettings& settings) {
    const PositionLevelSolver solver(book, venue, settings);
    LiquidationLevels out;
    out.margins = solver.multiplier().columns();
    const std::size_t n = book.positions();
    out.liquidation_price.resize(n);
    out.bankruptcy_price.resize(n);
    out.maint_margin_rate.resize(n);
    out.maint_amount.resize(n);
    // Positions are independent given their account's totals: solve them on every core.
    parallel_for(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const PositionLevel l = solver.at(i);
            out.liquidation_price[i] = l.liquidation_price;
            out.maint_margin_rate[i] = l.maint_margin_rate;
            out.maint_amount[i] = l.maint_amount;
            out.bankruptcy_price[i] = l.bankruptcy_price;
        }
    });
    return out;
}

} // namespace levex
