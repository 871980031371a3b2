// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/SummaryMetric.h"

#include "core/base/Issue.h"

#include <map>

namespace levex {

const std::vector<std::string>& sweep_metric_names() {
    static const std::vector<std::string> names = {"liquidated_count_long",
                                                   "liquidated_count_short",
                                                   "liquidated_count",
                                                   "liquidated_notional_long",
                                                   "liquidated_notional_short",
                                                   "liquidated_share_of_oi",
                                                   "final_price",
                                                   "min_price",
                                                   "max_price",
                                                   "max_drawdown",
                                                   "amplification",
                                                   "cascade_duration_s",
                                                   "peak_liquidation_rate_quote_per_s",
                                                   "insurance_fund_min",
                                                   "fund_loss",
                                                   "adl_notional",
                                                   "backstop_notional",
                                                   "exhaustion_price",
                                                   "steps_run",
                                                   "endogenous_move"};
    return names;
}

std::optional<double> summary_metric(const RunSummary& s, const std::string& name) {
    static const std::map<std::string, double RunSummary::*> doubles = {
        {"liquidated_notional_long", &RunSummary::liquidated_notional_long},
        {"liquidated_notional_short", &RunSummary::liquidated_notional_short},
        {"liquidated_share_of_oi", &RunSummary::liquidated_share_of_oi},
        {"final_price", &RunSummary::final_price},
        {"min_price", &RunSummary::min_price},
        {"max_price", &RunSummary::max_price},
        {"max_drawdown", &RunSummary::max_drawdown},
        {"cascade_duration_s", &RunSummary::cascade_duration_s},
        {"peak_liquidation_rate_quote_per_s", &RunSummary::peak_liquidation_rate_quote_per_s},
        {"insurance_fund_min", &RunSummary::insurance_fund_min},
        {"fund_loss", &RunSummary::fund_loss},
        {"adl_notional", &RunSummary::adl_notional},
        {"backstop_notional", &RunSummary::backstop_notional},
        {"exhaustion_price", &RunSummary::exhaustion_price}};
    if (auto it = doubles.find(name); it != doubles.end())
        return s.*(it->second);
    if (name == "liquidated_count_long")
        return double(s.liquidated_count_long);
    if (name == "liquidated_count_short")
        return double(s.liquidated_count_short);
    if (name == "liquidated_count")
        return double(s.liquidated_count);
    if (name == "steps_run")
        return double(s.steps_run);
    if (name == "amplification")
        return s.amplification;
    if (name == "endogenous_move") // |ln(P*/S)| needs the shocked index: the sweep computes it
        return std::nullopt;
    throw UsageError("unknown metric '" + name + "'");
}

} // namespace levex
