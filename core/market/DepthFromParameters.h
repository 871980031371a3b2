// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/AmmPool.h"
#include "core/market/DepthCurve.h"
#include "core/market/OrderBook.h"
#include "core/market/StressWithdrawal.h"
#include "core/model/RunParameters.h"

#include <optional>

namespace levex {

/// The depth curves of `params` in base units at `start_price`: flat, V-shaped, metaorder, power
/// law, or the L2 snapshot the caller loaded (`l2_book`; each side continued past its last level
/// by the power law fitted to its own levels, docs/liquidity.md §2), times depth_scale. The market
/// layer never reads a file. The amm model has no depth curves (std::invalid_argument): it is a pool.
BookDepth build_depth(const RunParameters& params, double start_price, const OrderBook* l2_book = nullptr);

/// The pool of the amm depth model: its kind, reserves, fee (the kind's usual one when not given)
/// and A, as given (depth_scale is applied by the market).
AmmPoolParameters pool_parameters(const RunParameters& params);

/// The stress withdrawal of `params`, or none when it is off (docs/liquidity.md §3).
std::optional<WithdrawalParameters> withdrawal_parameters(const RunParameters& params);

} // namespace levex
