// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/MarketInputsReader.h"

#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"

namespace levex {

MarketInputs read_market_inputs(const RunParameters& params, MarketFileHashes* hashes) {
    MarketInputs market;
    if (params.depth_model == DepthModel::L2Book) {
        const MappedFile file(params.book_file);
        if (hashes)
            hashes->l2_sha256 = sha256_hex(file.bytes());
        market.l2_book = parse_order_book_csv(file.bytes(), params.book_file);
    }
    if (!params.price_series_file.empty()) {
        const MappedFile file(params.price_series_file);
        if (hashes)
            hashes->series_sha256 = sha256_hex(file.bytes());
        market.price_series = parse_price_series_csv(file.bytes(), params.price_series_file);
    }
    return market;
}

} // namespace levex
