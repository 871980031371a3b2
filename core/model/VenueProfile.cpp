// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/VenueProfile.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <set>

namespace levex {
namespace {

using nlohmann::json;

// The keys that state a rule: each must cite a page in "sources" or be listed in "user_defaults".
constexpr std::array<const char*, 12> kRuleKeys = {"contract",
                                                   "tiers",
                                                   "maintenance_basis",
                                                   "fee_in_maintenance",
                                                   "liquidation_fee_rate",
                                                   "remaining_margin_to",
                                                   "execution",
                                                   "partial",
                                                   "backstop_equity_fraction",
                                                   "insurance_fund",
                                                   "adl",
                                                   "mark_passthrough"};

// A member path inside the profile ("tiers/2/mmr"); `base` is where the profile sits in its file.
std::string join(const std::string& base, const std::string& key) {
    return base.empty() ? key : key.empty() ? base : base + "/" + key;
}

// Reads j[key] where j sits at `base`; errors name the full path and where it is in the file.
double number(const JsonSource& src, const json& j, const std::string& base, const std::string& key, double lo,
              double hi, bool allow_inf = false) {
    if (!j.contains(key))
        src.fail(join(base, key), "missing (expected a number)", IssueCode::MissingKey);
    const json& v = j.at(key);
    if (allow_inf && v.is_string() && (v == "inf" || v == "unlimited"))
        return std::numeric_limits<double>::infinity();
    if (!v.is_number())
        src.fail(join(base, key), "expected a number, found " + v.dump(), IssueCode::WrongType);
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
        src.fail(join(base, key),
                 "expected a number in [" + format_plain(lo) + ", " + format_plain(hi) + "], found " + v.dump(),
                 IssueCode::OutOfRange);
    return x;
}

std::string text(const JsonSource& src, const json& j, const std::string& base, const std::string& key,
                 std::initializer_list<const char*> allowed = {}) {
    if (!j.contains(key) || !j.at(key).is_string())
        src.fail(join(base, key),
                 j.contains(key) ? "expected a string, found " + j.at(key).dump() : "missing (expected a string)",
                 j.contains(key) ? IssueCode::WrongType : IssueCode::MissingKey);
    std::string s = j.at(key).get<std::string>();
    if (allowed.size() > 0 && std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return s == a; })) {
        std::string list;
        for (const char* a : allowed)
            list += (list.empty() ? "" : " or ") + std::string("\"") + a + "\"";
        src.fail(join(base, key), "expected " + list + ", found \"" + s + "\"");
    }
    return s;
}

// The profile object: the whole document, or the member at `base` ("venue" in a scenario file).
const json& profile_object(const JsonSource& src, const json& doc, const std::string& base) {
    const json* found = &doc;
    if (!base.empty()) {
        const json::json_pointer pointer("/" + base);
        if (!doc.contains(pointer))
            src.fail(base, "missing (expected the venue profile object)");
        found = &doc.at(pointer);
    }
    if (!found->is_object())
        src.fail(base, "expected a JSON object (a venue profile), found " + found->dump().substr(0, 40));
    return *found;
}

void check_known_keys(const JsonSource& src, const json& j, const std::string& base) {
    std::set<std::string> known(kRuleKeys.begin(), kRuleKeys.end());
    known.insert({"name", "display_name", "as_of", "contract_size", "tier_basis", "sources", "user_defaults"});
    for (const auto& [key, value] : j.items())
        if (!known.count(key))
            src.fail(join(base, key), "unknown key (see resources/venues/README.md for the keys a profile has)",
                     IssueCode::UnknownKey);
}

// Names and the contract: what is traded, and how tiers are measured.
void read_contract(const JsonSource& src, const json& j, const std::string& base, VenueProfile& p) {
    p.name = text(src, j, base, "name");
    p.display_name = j.contains("display_name") ? text(src, j, base, "display_name") : p.name;
    p.as_of = j.contains("as_of") ? text(src, j, base, "as_of") : "";
    p.contract = text(src, j, base, "contract", {"linear", "inverse"}) == "linear" ? ContractKind::Linear
                                                                                   : ContractKind::Inverse;
    if (p.contract == ContractKind::Inverse)
        p.contract_size = number(src, j, base, "contract_size", 1e-12, 1e12);
    if (j.contains("tier_basis"))
        p.tier_basis = text(src, j, base, "tier_basis", {"notional", "quantity"}) == "notional" ? TierBasis::Notional
                                                                                                : TierBasis::Quantity;
}

std::optional<PartialLiquidationRule> read_partial(const JsonSource& src, const json& j, const std::string& base) {
    if (!j.contains("partial"))
        src.fail(join(base, "partial"), "missing (expected an object or null)");
    const json& pj = j.at("partial");
    if (pj.is_null())
        return std::nullopt;
    const std::string at = join(base, "partial");
    if (!pj.is_object())
        src.fail(at, "expected an object or null, found " + pj.dump());
    PartialLiquidationRule rule;
    rule.min_notional = number(src, pj, at, "min_notional", 0.0, 1e18);
    rule.fraction = number(src, pj, at, "fraction", 1e-9, 1.0);
    rule.cooldown_s = number(src, pj, at, "cooldown_s", 0.0, 1e9);
    return rule;
}

void read_adl(const JsonSource& src, const json& j, const std::string& base, VenueProfile& p) {
    if (!j.contains("adl") || !j.at("adl").is_object())
        src.fail(join(base, "adl"), "expected an object {\"enabled\": bool, \"ranking\": \"bitmex\"}");
    const json& adl = j.at("adl");
    if (!adl.contains("enabled") || !adl.at("enabled").is_boolean())
        src.fail(join(base, "adl/enabled"), "expected true or false");
    p.adl_enabled = adl.at("enabled").get<bool>();
    p.adl_ranking = text(src, adl, join(base, "adl"), "ranking", {"bitmex"});
}

// What happens at liquidation: maintenance, fees, execution, partial slices, backstop, fund, ADL, mark.
void read_liquidation_rules(const JsonSource& src, const json& j, const std::string& base, VenueProfile& p) {
    p.maintenance_basis = text(src, j, base, "maintenance_basis", {"mark", "entry"}) == "mark"
                              ? MaintenanceBasis::Mark
                              : MaintenanceBasis::Entry;
    p.fee_in_maintenance = number(src, j, base, "fee_in_maintenance", 0.0, 0.5);
    p.liquidation_fee_rate = number(src, j, base, "liquidation_fee_rate", 0.0, 0.5);
    p.remaining_margin_to = text(src, j, base, "remaining_margin_to", {"fund", "trader"}) == "fund"
                                ? RemainingMarginTo::Fund
                                : RemainingMarginTo::Trader;
    p.execution = text(src, j, base, "execution", {"market", "ioc_bankruptcy"}) == "market" ? Execution::Market
                                                                                            : Execution::IocBankruptcy;
    p.partial = read_partial(src, j, base);
    p.backstop_equity_fraction = number(src, j, base, "backstop_equity_fraction", 0.0, 1.0);
    p.insurance_fund = number(src, j, base, "insurance_fund", 0.0, 1e18, true);
    read_adl(src, j, base, p);
    p.mark_passthrough = number(src, j, base, "mark_passthrough", 0.0, 1.0);
}

std::vector<MarginTier> read_tiers(const JsonSource& src, const json& j, const std::string& base) {
    if (!j.contains("tiers") || !j.at("tiers").is_array())
        src.fail(join(base, "tiers"), "expected an array of tiers");
    const json& tiers = j.at("tiers");
    std::vector<MarginTier> out;
    for (std::size_t n = 0; n < tiers.size(); ++n) {
        const std::string at = join(base, "tiers/" + std::to_string(n));
        const json& t = tiers[n];
        if (!t.is_object())
            src.fail(at, "expected an object, found " + t.dump());
        MarginTier tier;
        tier.floor = number(src, t, at, "notional_floor", 0.0, 1e18);
        tier.cap = number(src, t, at, "notional_cap", 0.0, 1e18, true);
        tier.max_leverage = number(src, t, at, "max_leverage", 1.0, 1e4);
        tier.mmr = number(src, t, at, "maint_margin_rate", 0.0, 0.999999);
        tier.maint_amount = number(src, t, at, "maint_amount", 0.0, 1e18);
        out.push_back(tier);
    }
    return out;
}

// "sources" (key -> page) and "user_defaults" (keys whose values are unsourced defaults).
void read_provenance(const JsonSource& src, const json& j, const std::string& base, VenueProfile& p) {
    if (j.contains("sources")) {
        if (!j.at("sources").is_object())
            src.fail(join(base, "sources"), "expected an object mapping keys to pages");
        for (const auto& [key, value] : j.at("sources").items()) {
            if (!value.is_string())
                src.fail(join(base, "sources/" + key), "expected the page (a string), found " + value.dump());
            p.sources[key] = value.get<std::string>();
        }
    }
    if (j.contains("user_defaults")) {
        if (!j.at("user_defaults").is_array())
            src.fail(join(base, "user_defaults"), "expected an array of key names");
        for (const json& v : j.at("user_defaults")) {
            if (!v.is_string())
                src.fail(join(base, "user_defaults"), "expected key names (strings), found " + v.dump());
            p.user_defaults.push_back(v.get<std::string>());
        }
    }
}

void validate_tiers(const VenueProfile& p, const JsonSource& src, const std::string& base) {
    if (p.tiers.empty())
        src.fail(join(base, "tiers"), "expected at least one tier");
    for (std::size_t n = 0; n < p.tiers.size(); ++n) {
        const MarginTier& t = p.tiers[n];
        const std::string key = join(base, "tiers/" + std::to_string(n));
        if (n == 0 && t.floor != 0.0)
            src.fail(key + "/notional_floor", "expected 0 for the first tier, found " + format_plain(t.floor));
        if (n > 0 && t.floor != p.tiers[n - 1].cap)
            src.fail(key + "/notional_floor", "expected the previous tier's cap " + format_plain(p.tiers[n - 1].cap) +
                                                  " (tiers must be contiguous), found " + format_plain(t.floor));
        if (!(t.cap > t.floor))
            src.fail(key + "/notional_cap", "expected a cap above the floor " + format_plain(t.floor));
        const double mmr = t.mmr + p.fee_in_maintenance;
        if (!(1.0 / t.max_leverage > mmr))
            src.fail(key, "expected 1/max_leverage > maint_margin_rate, found 1/" + format_plain(t.max_leverage) +
                              " = " + format_plain(1.0 / t.max_leverage) + " <= " + format_plain(mmr) +
                              " (a position at max leverage would be liquidatable at once)");
        if (n == 0 && t.maint_amount != 0.0)
            src.fail(key + "/maint_amount", "expected 0 for the first tier, found " + format_plain(t.maint_amount));
        if (n > 0) {
            const MarginTier& prev = p.tiers[n - 1];
            const double expected = prev.maint_amount + t.floor * (t.mmr - prev.mmr);
            if (std::abs(t.maint_amount - expected) > 1e-6 + 1e-9 * std::abs(expected))
                src.fail(key + "/maint_amount",
                         "expected " + format_plain(expected) +
                             " = previous maint_amount + floor * (mmr - previous mmr) (maintenance must be "
                             "continuous), found " +
                             format_plain(t.maint_amount));
        }
    }
}

void validate_provenance(const VenueProfile& p, const json& j, const JsonSource& src, const std::string& base) {
    std::vector<std::string> keys(kRuleKeys.begin(), kRuleKeys.end());
    for (const char* optional : {"contract_size", "tier_basis"})
        if (j.contains(optional))
            keys.emplace_back(optional);
    const std::set<std::string> defaults(p.user_defaults.begin(), p.user_defaults.end());
    for (const std::string& k : keys) {
        const bool sourced = p.sources.count(k) > 0;
        const bool defaulted = defaults.count(k) > 0;
        if (sourced == defaulted)
            src.fail(join(base, k), sourced
                                        ? "listed both in \"sources\" and \"user_defaults\"; expected exactly one"
                                        : "expected a page in \"sources\" or an entry in \"user_defaults\" (a number "
                                          "with no source must be a visible default)");
    }
}

} // namespace

const MarginTier& VenueProfile::tier_for(double x) const {
    for (const MarginTier& t : tiers)
        if (x < t.cap)
            return t;
    return tiers.back();
}

VenueProfile parse_venue_profile(const std::string& json_text, const std::string& file, const std::string& json_path) {
    const JsonSource src{json_text, file};
    const json doc = src.parse<json>();
    const std::string& base = json_path;
    const json& j = profile_object(src, doc, base);
    check_known_keys(src, j, base);
    VenueProfile p;
    read_contract(src, j, base, p);
    read_liquidation_rules(src, j, base, p);
    p.tiers = read_tiers(src, j, base);
    validate_tiers(p, src, base);
    read_provenance(src, j, base, p);
    validate_provenance(p, j, src, base);
    p.json = j.dump();
    return p;
}

VenueProfile load_venue_profile(const std::string& name_or_path, const std::string& venue_dir) {
    namespace fs = std::filesystem;
    const bool is_path =
        name_or_path.find('/') != std::string::npos || (name_or_path.size() > 5 && name_or_path.ends_with(".json"));
    if (is_path)
        return parse_venue_profile(read_text_file(name_or_path), name_or_path);
    const fs::path path = fs::path(venue_dir) / (name_or_path + ".json");
    if (!fs::exists(path)) {
        std::string names;
        for (const std::string& n : list_venue_profiles(venue_dir))
            names += (names.empty() ? "" : ", ") + n;
        throw UsageError("unknown venue '" + name_or_path + "'; expected one of: " + names +
                         " (or a path to a profile .json)");
    }
    return parse_venue_profile(read_text_file(path.string()), path.string());
}

std::vector<std::string> list_venue_profiles(const std::string& venue_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(venue_dir, ec))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace levex
