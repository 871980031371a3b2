// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/PositionCsvReader.h"
#include "core/model/VenueProfile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace levex::test {

inline std::string data_path(const std::string& relative) {
    return std::string(LEVEX_TEST_DATA_DIR) + "/" + relative;
}

inline VenueProfile bundled_venue(const std::string& name) {
    return load_venue_profile(name, std::string(LEVEX_RESOURCE_DIR) + "/venues");
}

/// Reads a fixture in strict mode and fails the test on any error.
inline PositionBook read_fixture(const std::string& relative, const VenueProfile& venue) {
    PositionCsvOptions options;
    options.contract = contract_of(venue);
    PositionCsvResult result = read_positions_csv(data_path(relative), options);
    const Issue* error = result.first_error();
    EXPECT_TRUE(result.ok) << (error ? format_issue(*error) : "not ok");
    return std::move(result.book);
}

/// Builds small books in code: isolated positions of one symbol, one account each.
class BookBuilder {
public:
    explicit BookBuilder(double mark, std::string symbol = "BTC") {
        book_.source = "test";
        book_.symbol_names = {std::move(symbol)};
        book_.symbol_mark = {mark};
    }
    /// Adds an isolated position (side +1/-1) and returns its index.
    std::size_t add(int side, double size, double entry, double margin) {
        const std::size_t i = book_.positions();
        // Appended rather than "a" + to_string(i): GCC 12 warns falsely (-Wrestrict) on that inlined in a loop.
        const std::string number = std::to_string(i);
        book_.account_names.push_back(std::string("a").append(number));
        book_.account_collateral.push_back(std::nan(""));
        book_.id.push_back(std::string("p").append(number));
        book_.account.push_back(static_cast<std::uint32_t>(i));
        book_.symbol.push_back(0);
        book_.side.push_back(static_cast<std::int8_t>(side));
        book_.size.push_back(size);
        book_.entry_price.push_back(entry);
        book_.margin.push_back(margin);
        book_.leverage.push_back(size * entry / margin);
        book_.mode.push_back(MarginMode::Isolated);
        book_.maint_margin_rate.push_back(std::nan(""));
        book_.maint_amount.push_back(std::nan(""));
        book_.exchange_liquidation_price.push_back(std::nan(""));
        book_.line.push_back(static_cast<std::uint32_t>(i + 2));
        return i;
    }
    const PositionBook& book() const { return book_; }

private:
    PositionBook book_;
};

} // namespace levex::test
