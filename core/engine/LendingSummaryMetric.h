// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/LendingCascade.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace levex {

/// One figure of LendingTotals by its summary key (docs/lending.md §8): every writer and reader of
/// the totals (summary JSON, the workspace, sweeps and Monte Carlo) loops over lending_total_fields().
struct LendingTotalField {
    const char* key;
    double LendingTotals::*number;     ///< an amount, or nullptr
    std::size_t LendingTotals::*count; ///< a count, or nullptr

    double value(const LendingTotals& totals) const;
    void set(LendingTotals& totals, double value) const;
};
std::span<const LendingTotalField> lending_total_fields();

/// The metrics a sweep or Monte Carlo study of lending books can report: every total, the market's
/// price keys (final_price, min_price, max_price, max_drawdown, amplification, cascade_duration_s,
/// exhaustion_price, steps_run) and endogenous_move = |ln(P*/S)|.
const std::vector<std::string>& lending_metric_names();
/// A summary metric by key; nullopt where it is undefined (amplification at zero shock; the
/// endogenous move, which needs the shocked price: the sweep computes it). Throws UsageError for an
/// unknown key.
std::optional<double> lending_summary_metric(const LendingSummary& summary, const std::string& name);

} // namespace levex
