// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/MarketInputsReader.h"

#include "core/io/OrderBookCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"

namespace levex {

MarketInputs read_market_inputs(const RunParameters& params) {
    MarketInputs market;
    if (params.depth_model == DepthModel::L2Book)
        market.l2_book = read_order_book_csv(params.book_file);
    if (!params.price_series_file.empty())
        market.price_series = read_price_series_csv(params.price_series_file);
    return market;
}

} // namespace levex
