// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/PositionCsvReader.h"
#include "core/VenueProfile.h"

#include <gtest/gtest.h>

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

} // namespace levex::test
