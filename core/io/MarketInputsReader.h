// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

#include <string>

namespace levex {

/// The SHA-256 of the market files a run read (what a scenario pins); "" for a file not read.
struct MarketFileHashes {
    std::string l2_sha256, series_sha256;
};

/// Reads the files `params` names (the L2 snapshot of the l2-book depth model, the price series)
/// so that the engine, which never opens a file, can run on them; with `hashes`, also the SHA-256
/// of each file, from the same read.
MarketInputs read_market_inputs(const RunParameters& params, MarketFileHashes* hashes = nullptr);

} // namespace levex
