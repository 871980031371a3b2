// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/VenueProfile.h"

#include "core/Issue.h"
#include "core/NumberFormat.h"
#include "core/TextFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <set>

namespace levex {
namespace {

using nlohmann::json;

constexpr int kMaxJsonDepth = 64;

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

[[noreturn]] void fail(const std::string& file, const std::string& key, const std::string& message) {
    Issue issue;
    issue.file = file;
    issue.field = key;
    issue.message = key.empty() ? message : key + ": " + message;
    throw DataError(issue);
}

// nlohmann's parser recurses per nesting level; refuse absurd nesting before it can exhaust the stack.
void check_depth(const std::string& text, const std::string& file) {
    int depth = 0;
    bool in_string = false;
    std::size_t line = 1, column = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
        }
        if (in_string) {
            if (c == '\\')
                ++i, ++column;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth)
                throw DataError({Severity::Error, file, line, column, "",
                                 "expected JSON nested at most " + std::to_string(kMaxJsonDepth) +
                                     " levels deep, found deeper nesting"});
        } else if (c == '}' || c == ']')
            --depth;
    }
}

json parse_json(const std::string& text, const std::string& file) {
    check_depth(text, file);
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        const auto [line, column] = line_column_at(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: "
        if (auto pos = what.find("syntax error"); pos != std::string::npos)
            what = what.substr(pos);
        throw DataError({Severity::Error, file, line, column, "", "expected valid JSON, " + what});
    }
}

double number(const json& j, const std::string& key, const std::string& file, double lo, double hi,
              bool allow_inf = false) {
    if (!j.contains(key))
        fail(file, key, "missing (expected a number)");
    const json& v = j.at(key);
    if (allow_inf && v.is_string() && (v == "inf" || v == "unlimited"))
        return std::numeric_limits<double>::infinity();
    if (!v.is_number())
        fail(file, key, "expected a number, found " + v.dump());
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
        fail(file, key, "expected a number in [" + format_plain(lo) + ", " + format_plain(hi) + "], found " + v.dump());
    return x;
}

std::string text(const json& j, const std::string& key, const std::string& file,
                 std::initializer_list<const char*> allowed = {}) {
    if (!j.contains(key) || !j.at(key).is_string())
        fail(file, key, "expected a string");
    std::string s = j.at(key).get<std::string>();
    if (allowed.size() > 0 && std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return s == a; })) {
        std::string list;
        for (const char* a : allowed)
            list += (list.empty() ? "" : " or ") + std::string("\"") + a + "\"";
        fail(file, key, "expected " + list + ", found \"" + s + "\"");
    }
    return s;
}

void validate_tiers(const VenueProfile& p, const std::string& file) {
    if (p.tiers.empty())
        fail(file, "tiers", "expected at least one tier");
    for (std::size_t n = 0; n < p.tiers.size(); ++n) {
        const MarginTier& t = p.tiers[n];
        const std::string key = "tiers/" + std::to_string(n);
        if (n == 0 && t.floor != 0.0)
            fail(file, key + "/notional_floor", "expected 0 for the first tier, found " + format_plain(t.floor));
        if (n > 0 && t.floor != p.tiers[n - 1].cap)
            fail(file, key + "/notional_floor",
                 "expected the previous tier's cap " + format_plain(p.tiers[n - 1].cap) +
                     " (tiers must be contiguous), found " + format_plain(t.floor));
        if (!(t.cap > t.floor))
            fail(file, key + "/notional_cap", "expected a cap above the floor " + format_plain(t.floor));
        const double mmr = t.mmr + p.fee_in_maintenance;
        if (!(1.0 / t.max_leverage > mmr))
            fail(file, key,
                 "expected 1/max_leverage > maint_margin_rate, found 1/" + format_plain(t.max_leverage) + " = " +
                     format_plain(1.0 / t.max_leverage) + " <= " + format_plain(mmr) +
                     " (a position at max leverage would be liquidatable at once)");
        if (n == 0 && t.maint_amount != 0.0)
            fail(file, key + "/maint_amount", "expected 0 for the first tier, found " + format_plain(t.maint_amount));
        if (n > 0) {
            const MarginTier& prev = p.tiers[n - 1];
            const double expected = prev.maint_amount + t.floor * (t.mmr - prev.mmr);
            if (std::abs(t.maint_amount - expected) > 1e-6 + 1e-9 * std::abs(expected))
                fail(file, key + "/maint_amount",
                     "expected " + format_plain(expected) +
                         " = previous maint_amount + floor * (mmr - previous mmr) (maintenance must be "
                         "continuous), found " +
                         format_plain(t.maint_amount));
        }
    }
}

void validate_provenance(const VenueProfile& p, const json& j, const std::string& file) {
    std::vector<std::string> keys(kRuleKeys.begin(), kRuleKeys.end());
    for (const char* optional : {"contract_size", "tier_basis"})
        if (j.contains(optional))
            keys.emplace_back(optional);
    const std::set<std::string> defaults(p.user_defaults.begin(), p.user_defaults.end());
    for (const std::string& k : keys) {
        const bool sourced = p.sources.count(k) > 0;
        const bool defaulted = defaults.count(k) > 0;
        if (sourced == defaulted)
            fail(file, k,
                 sourced ? "listed both in \"sources\" and \"user_defaults\"; expected exactly one"
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

VenueProfile parse_venue_profile(const std::string& json_text, const std::string& file) {
    const json j = parse_json(json_text, file);
    if (!j.is_object())
        fail(file, "", "expected a JSON object at the top level");
    std::set<std::string> known(kRuleKeys.begin(), kRuleKeys.end());
    known.insert({"name", "display_name", "as_of", "contract_size", "tier_basis", "sources", "user_defaults"});
    for (const auto& [key, value] : j.items())
        if (!known.count(key))
            fail(file, key, "unknown key (see resources/venues/README.md for the keys a profile has)");

    VenueProfile p;
    p.name = text(j, "name", file);
    p.display_name = j.contains("display_name") ? text(j, "display_name", file) : p.name;
    p.as_of = j.contains("as_of") ? text(j, "as_of", file) : "";
    p.contract =
        text(j, "contract", file, {"linear", "inverse"}) == "linear" ? ContractKind::Linear : ContractKind::Inverse;
    if (p.contract == ContractKind::Inverse)
        p.contract_size = number(j, "contract_size", file, 1e-12, 1e12);
    if (j.contains("tier_basis"))
        p.tier_basis = text(j, "tier_basis", file, {"notional", "quantity"}) == "notional" ? TierBasis::Notional
                                                                                           : TierBasis::Quantity;
    p.maintenance_basis = text(j, "maintenance_basis", file, {"mark", "entry"}) == "mark" ? MaintenanceBasis::Mark
                                                                                          : MaintenanceBasis::Entry;
    p.fee_in_maintenance = number(j, "fee_in_maintenance", file, 0.0, 0.5);
    p.liquidation_fee_rate = number(j, "liquidation_fee_rate", file, 0.0, 0.5);
    p.remaining_margin_to = text(j, "remaining_margin_to", file, {"fund", "trader"}) == "fund"
                                ? RemainingMarginTo::Fund
                                : RemainingMarginTo::Trader;
    p.execution = text(j, "execution", file, {"market", "ioc_bankruptcy"}) == "market" ? Execution::Market
                                                                                       : Execution::IocBankruptcy;
    if (!j.contains("partial"))
        fail(file, "partial", "missing (expected an object or null)");
    if (!j.at("partial").is_null()) {
        const json& pj = j.at("partial");
        if (!pj.is_object())
            fail(file, "partial", "expected an object or null, found " + pj.dump());
        PartialLiquidationRule rule;
        rule.min_notional = number(pj, "min_notional", file + ": partial", 0.0, 1e18);
        rule.fraction = number(pj, "fraction", file + ": partial", 1e-9, 1.0);
        rule.cooldown_s = number(pj, "cooldown_s", file + ": partial", 0.0, 1e9);
        p.partial = rule;
    }
    p.backstop_equity_fraction = number(j, "backstop_equity_fraction", file, 0.0, 1.0);
    p.insurance_fund = number(j, "insurance_fund", file, 0.0, 1e18, true);
    if (!j.contains("adl") || !j.at("adl").is_object())
        fail(file, "adl", "expected an object {\"enabled\": bool, \"ranking\": \"bitmex\"}");
    const json& adl = j.at("adl");
    if (!adl.contains("enabled") || !adl.at("enabled").is_boolean())
        fail(file, "adl/enabled", "expected true or false");
    p.adl_enabled = adl.at("enabled").get<bool>();
    p.adl_ranking = text(adl, "ranking", file + ": adl", {"bitmex"});
    p.mark_passthrough = number(j, "mark_passthrough", file, 0.0, 1.0);

    if (!j.contains("tiers") || !j.at("tiers").is_array())
        fail(file, "tiers", "expected an array of tiers");
    const json& tiers = j.at("tiers");
    for (std::size_t n = 0; n < tiers.size(); ++n) {
        const std::string where = file + ": tiers/" + std::to_string(n);
        const json& t = tiers[n];
        if (!t.is_object())
            fail(where, "", "expected an object");
        MarginTier tier;
        tier.floor = number(t, "notional_floor", where, 0.0, 1e18);
        tier.cap = number(t, "notional_cap", where, 0.0, 1e18, true);
        tier.max_leverage = number(t, "max_leverage", where, 1.0, 1e4);
        tier.mmr = number(t, "maint_margin_rate", where, 0.0, 0.999999);
        tier.maint_amount = number(t, "maint_amount", where, 0.0, 1e18);
        p.tiers.push_back(tier);
    }
    validate_tiers(p, file);

    if (j.contains("sources")) {
        if (!j.at("sources").is_object())
            fail(file, "sources", "expected an object mapping keys to pages");
        for (const auto& [key, value] : j.at("sources").items()) {
            if (!value.is_string())
                fail(file, "sources/" + key, "expected the page (a string)");
            p.sources[key] = value.get<std::string>();
        }
    }
    if (j.contains("user_defaults")) {
        if (!j.at("user_defaults").is_array())
            fail(file, "user_defaults", "expected an array of key names");
        for (const json& v : j.at("user_defaults")) {
            if (!v.is_string())
                fail(file, "user_defaults", "expected key names (strings), found " + v.dump());
            p.user_defaults.push_back(v.get<std::string>());
        }
    }
    validate_provenance(p, j, file);
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
