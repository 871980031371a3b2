// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/TextFile.h"
#include "core/model/LendingBook.h"
#include "core/model/ProtocolProfile.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace levex::test {

/// tests/data/lending/profiles/minimal-v33.json: WETH (0.825, 1.05, fee 0.1), STETH (0.8, 1.06), USDC (0.79,
/// 1.045), USDT (not collateral), OTHER (threshold per row); e-mode 1 {WETH, STETH} 0.93 / 1.01; v3.3 rules in USD.
inline std::string minimal_profile_json() {
    return read_text_file(std::string(LEVEX_TEST_DATA_DIR) + "/lending/profiles/minimal-v33.json");
}

inline ProtocolProfile v33_profile() {
    return parse_protocol_profile(minimal_profile_json(), "minimal-v33.json");
}

/// The same reserves under Aave v2's rule: half the repaid reserve's debt at any health factor.
inline ProtocolProfile v2_profile() {
    nlohmann::json j = nlohmann::json::parse(minimal_profile_json());
    j["name"] = "test-v2";
    auto& l = j["liquidation"];
    l["close_factor_basis"] = "reserve_debt";
    l["full_close_at_or_below_health_factor"] = nullptr;
    l["full_close_below_base"] = nullptr;
    l["min_leftover_base"] = nullptr;
    // The rules set to null need no source any more.
    nlohmann::json kept = nlohmann::json::array();
    for (const nlohmann::json& path : j["user_defaults"]) {
        const std::string text = path.get<std::string>();
        if (text.find("full_close") == std::string::npos && text.find("min_leftover") == std::string::npos)
            kept.push_back(text);
    }
    j["user_defaults"] = kept;
    return parse_protocol_profile(j.dump(), "v2.json");
}

struct RowSpec {
    const char* asset;
    double collateral;
    double debt;
};

/// Builds a book in code: assets with their prices, then accounts with their rows.
class LendingBookBuilder {
public:
    LendingBookBuilder(std::initializer_list<std::pair<const char*, double>> assets) {
        book_.source = "test";
        for (const auto& [name, price] : assets)
            book_.add_asset(name, price);
    }
    LendingBookBuilder& account(const std::string& name, std::initializer_list<RowSpec> rows, std::uint32_t emode = 0) {
        const std::uint32_t a = book_.add_account(name, emode);
        for (const RowSpec& r : rows)
            book_.add_row(a, static_cast<std::uint32_t>(book_.find_asset(r.asset)), r.collateral, r.debt);
        return *this;
    }
    /// Sets a per-row override on the last row added.
    LendingBookBuilder& threshold(double lt) {
        book_.liquidation_threshold.back() = lt;
        return *this;
    }
    LendingBook build() const { return book_; }

private:
    LendingBook book_;
};

} // namespace levex::test
