// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/MarketFiles.h"

#include "core/io/MarketInputsReader.h"

namespace levex {

MarketFiles load_market_files(const RunParameters& params, bool hash) {
    MarketFiles files;
    MarketFileHashes hashes;
    files.market = read_market_inputs(params, hash ? &hashes : nullptr);
    files.l2_sha256 = std::move(hashes.l2_sha256);
    files.series_sha256 = std::move(hashes.series_sha256);
    return files;
}

} // namespace levex
