// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/LendingSummaryMetric.h"

#include "core/base/Issue.h"

#include <array>
#include <cmath>

namespace levex {

namespace {

using T = LendingTotals;

constexpr std::array<LendingTotalField, 12> kFields = {{
    {"accounts", nullptr, &T::accounts},
    {"accounts_liquidated", nullptr, &T::accounts_liquidated},
    {"liquidations", nullptr, &T::liquidations},
    {"accounts_with_bad_debt", nullptr, &T::accounts_with_bad_debt},
    {"collateral_seized", &T::collateral_seized, nullptr},
    {"collateral_sold", &T::collateral_sold, nullptr},
    {"debt_bought", &T::debt_bought, nullptr},
    {"collateral_seized_base", &T::collateral_seized_base, nullptr},
    {"debt_repaid_base", &T::debt_repaid_base, nullptr},
    {"bonus_base", &T::bonus_base, nullptr},
    {"protocol_fee_base", &T::protocol_fee_base, nullptr},
    {"bad_debt_base", &T::bad_debt_base, nullptr},
}};

// The market's price keys, as position books' summaries have them.
std::optional<double> price_metric(const LendingSummary& s, const std::string& name) {
    if (name == "final_price")
        return s.final_price;
    if (name == "min_price")
        return s.min_price;
    if (name == "max_price")
        return s.max_price;
    if (name == "max_drawdown")
        return s.max_drawdown;
    if (name == "amplification")
        return s.amplification;
    if (name == "cascade_duration_s")
        return s.cascade_duration_s;
    if (name == "exhaustion_price")
        return s.exhaustion_price;
    if (name == "steps_run")
        return double(s.steps_run);
    throw UsageError("unknown metric '" + name + "'");
}

} // namespace

double LendingTotalField::value(const LendingTotals& totals) const {
    return number ? totals.*number : double(totals.*count);
}

void LendingTotalField::set(LendingTotals& totals, double x) const {
    if (number)
        totals.*number = x;
    else
        totals.*count = static_cast<std::size_t>(x);
}

std::span<const LendingTotalField> lending_total_fields() {
    return kFields;
}

const std::vector<std::string>& lending_metric_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const LendingTotalField& f : lending_total_fields())
            if (std::string(f.key) != "accounts")
                out.emplace_back(f.key);
        for (const char* key : {"final_price", "min_price", "max_price", "max_drawdown", "amplification",
                                "cascade_duration_s", "exhaustion_price", "steps_run", "endogenous_move"})
            out.emplace_back(key);
        return out;
    }();
    return names;
}

std::optional<double> lending_summary_metric(const LendingSummary& s, const std::string& name) {
    for (const LendingTotalField& f : lending_total_fields())
        if (name == f.key)
            return f.value(s.totals);
    if (name == "endogenous_move")
        return std::nullopt;
    return price_metric(s, name);
}

} // namespace levex
