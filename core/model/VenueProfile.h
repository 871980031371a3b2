// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ContractSpec.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace levex {

enum class ContractKind { Linear, Inverse };
enum class TierBasis { Notional, Quantity };
enum class MaintenanceBasis { Mark, Entry };
enum class Execution { Market, IocBankruptcy };
enum class RemainingMarginTo { Fund, Trader };

/// One maintenance-margin bracket. Floors/caps are in quote (coin value for inverse) or base
/// quantity, per the profile's TierBasis.
struct MarginTier {
    double floor = 0.0;
    double cap = std::numeric_limits<double>::infinity();
    double max_leverage = 1.0;
    double mmr = 0.0;          ///< maintenance margin rate
    double maint_amount = 0.0; ///< cum: the tier's deduction, keeps maintenance continuous
};

struct PartialLiquidationRule {
    double min_notional = 0.0; ///< quote; positions above this are liquidated in slices
    double fraction = 1.0;     ///< share of the position sent per slice
    double cooldown_s = 0.0;   ///< wait before the next slice
};

/// An exchange's liquidation rules for one instrument (docs/formats.md §4).
struct VenueProfile {
    std::string name;
    std::string display_name;
    std::string as_of;
    ContractKind contract = ContractKind::Linear;
    double contract_size = 1.0; ///< quote per contract, inverse only
    TierBasis tier_basis = TierBasis::Notional;
    std::vector<MarginTier> tiers;
    MaintenanceBasis maintenance_basis = MaintenanceBasis::Mark;
    double fee_in_maintenance = 0.0;
    double liquidation_fee_rate = 0.0;
    RemainingMarginTo remaining_margin_to = RemainingMarginTo::Fund;
    Execution execution = Execution::Market;
    std::optional<PartialLiquidationRule> partial;
    double backstop_equity_fraction = 0.0;
    double insurance_fund = std::numeric_limits<double>::infinity(); ///< quote; inf = unlimited
    bool adl_enabled = true;
    std::string adl_ranking = "bitmex";
    double mark_passthrough = 1.0;
    std::map<std::string, std::string> sources; ///< key -> page the value comes from
    std::vector<std::string> user_defaults;     ///< keys whose values are unsourced defaults
    std::string json;                           ///< the profile as loaded (compact JSON), for scenario files

    /// The tier whose bracket holds `x` (notional or quantity); beyond the last cap, the last tier.
    const MarginTier& tier_for(double x) const;
    /// Max leverage allowed for a position of this notional/quantity at entry.
    double max_leverage_for(double x) const { return tier_for(x).max_leverage; }
    /// True when the value of rule `key` is an unsourced default (listed in user_defaults).
    bool is_user_default(std::string_view key) const {
        return std::find(user_defaults.begin(), user_defaults.end(), key) != user_defaults.end();
    }
};

/// Parses and validates a profile from JSON text; throws DataError `FILE:LINE:COLUMN: KEY: …`.
/// `json_path` says where the profile sits in the document ("venue" inside a scenario file).
VenueProfile parse_venue_profile(const std::string& json_text, const std::string& file,
                                 const std::string& json_path = "");

/// Loads a profile: `name_or_path` is a file path (contains '/' or ends in .json) or a bundled name
/// looked up in `venue_dir`. Throws UsageError for an unknown name, DataError for a bad file.
VenueProfile load_venue_profile(const std::string& name_or_path, const std::string& venue_dir);

/// Names of the bundled profiles in `venue_dir` (sorted).
std::vector<std::string> list_venue_profiles(const std::string& venue_dir);

/// The contract terms of a venue profile.
inline ContractSpec contract_of(const VenueProfile& venue) {
    return {venue.contract == ContractKind::Inverse, venue.contract_size};
}

} // namespace levex
