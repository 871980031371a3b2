// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/BookGenerator.h"
#include "core/model/VenueProfile.h"

#include <map>
#include <string>

namespace levex::bench {

/// The benchmarks' synthetic book of `positions` rows (seed 7, generic venue), generated once.
inline const PositionBook& generated_book(std::size_t positions) {
    static std::map<std::size_t, PositionBook> cache;
    auto it = cache.find(positions);
    if (it == cache.end()) {
        GeneratorSettings settings;
        settings.positions = positions;
        settings.seed = 7;
        const auto venue = load_venue_profile("generic", std::string(LEVEX_RESOURCE_DIR) + "/venues");
        it = cache.emplace(positions, generate_book(settings, venue)).first;
    }
    return it->second;
}

} // namespace levex::bench
