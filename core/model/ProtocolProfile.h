// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

/// How a price the market makes reaches the protocol's oracle (docs/lending.md §2): the oracle moves by
/// `passthrough` times the market's relative move (1 = follows it, 0 = ignores it: an exchange-rate
/// adapter), and, Chainlink style, only when it has drifted more than `deviation_threshold` from its
/// last answer or `heartbeat_s` has passed. NaN = no such condition (the oracle updates every step).
struct OracleRule {
    double passthrough = 1.0;
    double deviation_threshold = std::numeric_limits<double>::quiet_NaN();
    double heartbeat_s = std::numeric_limits<double>::quiet_NaN();
};

/// One reserve of the protocol. NaN in a term: the profile gives no value, so a book row that needs it
/// must carry its own (a basket such as the samples' OTHER collateral).
struct ProtocolAsset {
    std::string symbol;
    std::vector<std::string> aliases; ///< other names a book may use (ETH for WETH)
    std::string description;
    bool collateral = true;                                ///< false: supplied units back no debt (threshold 0)
    double ltv = std::numeric_limits<double>::quiet_NaN(); ///< informational: no computation uses it
    double liquidation_threshold = std::numeric_limits<double>::quiet_NaN();
    double liquidation_bonus = std::numeric_limits<double>::quiet_NaN();        ///< e.g. 1.05
    double liquidation_protocol_fee = std::numeric_limits<double>::quiet_NaN(); ///< share of the bonus
    OracleRule oracle;
};

/// An efficiency-mode category: accounts in it get its threshold and bonus on member collateral.
struct EModeCategory {
    std::uint32_t id = 0; ///< >= 1; 0 means "no category" in a book
    std::string label;
    double ltv = 0.0;
    double liquidation_threshold = 0.0;
    double liquidation_bonus = 1.0;
    std::vector<std::uint32_t> members; ///< indexes into ProtocolProfile::assets
};

/// Which debt the close factor is a share of.
enum class CloseFactorBasis {
    ReserveDebt, ///< Aave v2 and v3.0-v3.2: a share of the repaid reserve's debt
    TotalDebt    ///< Aave v3.3: a share of the account's whole debt (in base), capped by the reserve's
};

/// How much of a debt one liquidation may repay (docs/lending.md §3).
struct CloseFactorRule {
    double close_factor = 0.5;
    CloseFactorBasis basis = CloseFactorBasis::ReserveDebt;
    /// At or below this health factor the whole reserve debt may be repaid (v3: 0.95); NaN = never.
    double full_at_or_below_health_factor = std::numeric_limits<double>::quiet_NaN();
    /// v3.3: when the repaid reserve's debt or the seized reserve's collateral is below this (protocol base
    /// units), the whole reserve debt may be repaid; NaN = no such rule.
    double full_below_base = std::numeric_limits<double>::quiet_NaN();
    /// v3.3: a liquidation that clears neither the debt nor the collateral reserve must leave at least this
    /// (protocol base units) of each; NaN = no such rule.
    double min_leftover_base = std::numeric_limits<double>::quiet_NaN();
};

/// A lending protocol's liquidation rules and reserve parameters (docs/lending.md §2).
struct ProtocolProfile {
    std::string name;
    std::string display_name;
    std::string as_of;
    std::string base_currency;       ///< the currency its oracle prices in, and its *_base amounts
    double liquidatable_below = 1.0; ///< an account is liquidatable when its health factor is below this
    CloseFactorRule close_factor;
    OracleRule oracle; ///< the default of every asset
    std::vector<ProtocolAsset> assets;
    std::vector<EModeCategory> emode_categories;
    std::map<std::string, std::string> sources; ///< path ("assets/WETH/liquidation_bonus") -> source
    std::vector<std::string> user_defaults;     ///< paths whose values are assumptions, not sourced
    std::string json;                           ///< the profile as loaded (compact JSON)

    /// The asset named `name` (its symbol or an alias, case-insensitive), or nullptr.
    const ProtocolAsset* find_asset(std::string_view asset_name) const;
    /// Index of that asset, or npos.
    std::size_t asset_index(std::string_view asset_name) const;
    /// The e-mode category with this id, or nullptr (also for 0).
    const EModeCategory* find_emode(std::uint32_t id) const;

    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
};

/// Parses and validates a protocol profile; throws DataError `FILE:LINE:COLUMN: PATH: …`.
ProtocolProfile parse_protocol_profile(const std::string& json_text, const std::string& file);

/// Loads a profile: `name_or_path` is a file path (contains '/' or ends in .json) or a bundled name looked
/// up in `protocol_dir`. Throws UsageError for an unknown name, DataError for a bad file.
ProtocolProfile load_protocol_profile(const std::string& name_or_path, const std::string& protocol_dir);

/// Names of the bundled profiles in `protocol_dir` (sorted).
std::vector<std::string> list_protocol_profiles(const std::string& protocol_dir);

} // namespace levex
