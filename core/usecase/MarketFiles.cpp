// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/MarketFiles.h"

#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"

namespace levex {

MarketFiles load_market_files(const RunParameters& params, bool hash) {
    MarketFiles files;
    if (params.depth_model == DepthModel::L2Book) {
        const MappedFile file(params.book_file);
        if (hash)
            files.l2_sha256 = sha256_hex(file.bytes());
        files.market.l2_book = parse_order_book_csv(file.bytes(), params.book_file);
    }
    if (!params.price_series_file.empty()) {
        const MappedFile file(params.price_series_file);
        if (hash)
            files.series_sha256 = sha256_hex(file.bytes());
        files.market.price_series = parse_price_series_csv(file.bytes(), params.price_series_file);
    }
    return files;
}

} // namespace levex
