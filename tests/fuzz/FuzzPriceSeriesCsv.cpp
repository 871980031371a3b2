// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the price-series CSV reader. Bad input must raise DataError, nothing else.
#include "core/base/Issue.h"
#include "core/io/PriceSeriesCsvReader.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        levex::parse_price_series_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    } catch (const levex::DataError&) {
    }
    return 0;
}
