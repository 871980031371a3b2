// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the protocol profile reader. Bad input must raise DataError, nothing else; a profile
// it accepts keeps its promises (thresholds below 1, LTV not above them, bonuses from 1, fees in [0, 1]).
#include "core/base/Issue.h"
#include "core/model/ProtocolProfile.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const levex::ProtocolProfile p =
            levex::parse_protocol_profile(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        for (const levex::ProtocolAsset& a : p.assets) {
            if (a.liquidation_threshold >= 1.0 || a.ltv > a.liquidation_threshold || a.liquidation_bonus < 1.0 ||
                a.liquidation_protocol_fee > 1.0 || a.liquidation_protocol_fee < 0.0)
                std::abort();
            if (p.find_asset(a.symbol) != &a && p.find_asset(a.symbol) == nullptr)
                std::abort();
        }
        for (const levex::EModeCategory& c : p.emode_categories)
            for (std::uint32_t m : c.members)
                if (m >= p.assets.size())
                    std::abort();
    } catch (const levex::DataError&) {
    }
    return 0;
}
