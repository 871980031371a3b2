// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the venue profile reader. Bad input must raise DataError, nothing else.
#include "core/base/Issue.h"
#include "core/model/VenueProfile.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        levex::parse_venue_profile(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const levex::DataError&) {
    }
    return 0;
}
