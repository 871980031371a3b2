// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/PriceSeries.h"
#include "core/model/RunParameters.h"

#include <optional>
#include <vector>

namespace levex {

/// The exogenous index path (docs/model.md §3) as log offsets from the start price, one per step:
/// the shock (instant or ramped), seeded random returns (normal or Student-t, with optional
/// jumps) from the counter-based generator, or a replayed series resampled to the step length.
/// `stream` picks the random stream (Monte Carlo path number); runs reproduce for any thread count.
std::vector<double> build_index_path(const RunParameters& params, const std::optional<PriceSeries>& series,
                                     std::uint64_t stream = 0);

} // namespace levex
