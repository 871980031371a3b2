// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthFit.h"

#include <string>

namespace levex {

/// The power laws fitted to an L2 snapshot's two sides as CSV (docs/liquidity.md §2): the header
/// side,depth_within_1pct_quote,exponent,r2 and one row per side, bid then ask.
std::string depth_fit_csv(const BookFit& fit);

} // namespace levex
