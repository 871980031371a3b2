// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/MarketInputs.h"
#include "core/model/RunParameters.h"

#include <string>

namespace levex {

/// The market files a run names (the L2 snapshot of the l2-book depth model, the price series),
/// each read once: parsed for the engine, which never opens a file, and hashed for scenario pins.
struct MarketFiles {
    MarketInputs market;
    std::string l2_sha256, series_sha256; ///< "" when the run reads none
};

/// Reads them (and hashes them unless `hash` is false: the app's live runs need no pins). Throws
/// IoError for a file that cannot be read, DataError for a bad one.
MarketFiles load_market_files(const RunParameters& params, bool hash = true);

} // namespace levex
