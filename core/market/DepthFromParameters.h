// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/DepthCurve.h"
#include "core/market/OrderBook.h"
#include "core/model/RunParameters.h"

namespace levex {

/// The depth curves of `params` in base units at `start_price`. The L2 model takes the snapshot
/// the caller loaded (`l2_book`); the market layer never reads a file.
BookDepth build_depth(const RunParameters& params, double start_price, const OrderBook* l2_book = nullptr);

} // namespace levex
