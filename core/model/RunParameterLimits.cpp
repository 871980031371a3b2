// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/RunParameterLimits.h"

#include <cmath>

namespace levex {

std::optional<ParameterProblem> check_run_parameters(const RunParameters& p) {
    // NaN compares false everywhere, so each check is written as "valid", then negated.
    const auto bad = [](bool valid) { return !valid; };
    if (bad(std::isnan(p.mark) || (std::isfinite(p.mark) && p.mark > 0)))
        return ParameterProblem{"mark", "expected a price > 0"};
    if (bad(p.shock > -1 && p.shock < 10))
        return ParameterProblem{"shock", "expected a fraction above -1 and below 10 (-0.10 = -10 %)"};
    if (bad(p.shock_steps <= 10'000'000))
        return ParameterProblem{"shock_steps", "expected at most 10000000 steps"};
    if (bad(p.leverage_mult > 0 && std::isfinite(p.leverage_mult)))
        return ParameterProblem{"leverage_mult", "expected a number > 0"};
    if (bad(p.mmr_scale > 0 && std::isfinite(p.mmr_scale)))
        return ParameterProblem{"mmr_scale", "expected a number > 0"};
    if (bad(p.depth_quote_per_pct > 0 && std::isfinite(p.depth_quote_per_pct)))
        return ParameterProblem{"depth_quote_per_pct", "expected a quote amount > 0"};
    if (bad(p.depth_quote_within_1pct > 0 && std::isfinite(p.depth_quote_within_1pct)))
        return ParameterProblem{"depth_quote_within_1pct", "expected a quote amount > 0"};
    if (bad(p.metaorder_y > 0 && p.metaorder_sigma_daily > 0 && p.metaorder_adv_quote > 0 &&
            std::isfinite(p.metaorder_y * p.metaorder_sigma_daily * p.metaorder_adv_quote)))
        return ParameterProblem{"metaorder", "expected three numbers > 0"};
    if (bad(p.depth_model != DepthModel::L2Book || !p.book_file.empty()))
        return ParameterProblem{"book_file", "expected an L2 book file for the l2-book depth model"};
    if (bad(p.depth_scale > 0 && std::isfinite(p.depth_scale)))
        return ParameterProblem{"depth_scale", "expected a number > 0"};
    if (bad(p.half_life_s > 0))
        return ParameterProblem{"half_life_s", "expected seconds > 0 or inf"};
    if (bad(p.permanent_fraction >= 0 && p.permanent_fraction < 1))
        return ParameterProblem{"permanent_fraction", "expected a fraction in [0, 1)"};
    if (bad(p.step_seconds > 0 && std::isfinite(p.step_seconds)))
        return ParameterProblem{"step_seconds", "expected seconds > 0"};
    if (bad(p.steps >= 1 && p.steps <= 10'000'000))
        return ParameterProblem{"steps", "expected a whole number of steps in [1, 10000000]"};
    if (bad(p.vol >= 0 && std::isfinite(p.vol)))
        return ParameterProblem{"vol", "expected a volatility >= 0"};
    if (bad(p.student_nu == 0 || (p.student_nu > 2 && std::isfinite(p.student_nu))))
        return ParameterProblem{"student_nu", "expected degrees of freedom > 2 (0 = normal returns)"};
    if (bad(p.jump_rate >= 0 && p.jump_rate <= 10 && std::isfinite(p.jump_mean) && p.jump_stdev >= 0 &&
            std::isfinite(p.jump_stdev)))
        return ParameterProblem{"jumps", "expected a rate in [0, 10] and a stdev >= 0"};
    if (bad(std::isnan(p.fee) || (p.fee >= 0 && p.fee < 0.5)))
        return ParameterProblem{"fee", "expected a rate in [0, 0.5)"};
    if (bad(std::isnan(p.fund) || p.fund >= 0))
        return ParameterProblem{"fund", "expected a quote amount >= 0 or unlimited"};
    if (bad(std::isnan(p.mark_passthrough) || (p.mark_passthrough >= 0 && p.mark_passthrough <= 1)))
        return ParameterProblem{"mark_passthrough", "expected a number in [0, 1]"};
    if (bad(p.bins >= 2 && p.bins <= 100000))
        return ParameterProblem{"bins", "expected a whole number of bins in [2, 100000]"};
    // A run keeps four steps × bins histograms of doubles: refuse what cannot fit rather than fail
    // in the allocator after the book has been read.
    if (bad(p.steps * p.bins <= kMaxHeatmapCells))
        return ParameterProblem{"bins", "expected steps × bins ≤ " + std::to_string(kMaxHeatmapCells) +
                                            " (the heatmap holds 32 bytes per cell), found " + std::to_string(p.steps) +
                                            " × " + std::to_string(p.bins) + ": lower the bins or the steps"};
    return std::nullopt;
}

} // namespace levex
