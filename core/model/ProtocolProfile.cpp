// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ProtocolProfile.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace levex {
namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string join(const std::string& base, const std::string& key) {
    return base.empty() ? key : base + "/" + key;
}

// Reads the JSON of one profile object, remembering which of its numbers need a source.
class ProfileReader {
public:
    ProfileReader(const JsonSource& src, ProtocolProfile& p) : src_(src), p_(p) {}

    void read(const json& doc);

private:
    void known_keys(const json& j, const std::string& at, std::initializer_list<const char*> keys) const {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& key = it.key();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
                src_.fail(join(at, key), "unknown key (docs/lending.md §2 lists the keys a protocol profile has)",
                          IssueCode::UnknownKey);
        }
    }
    const json& object(const json& j, const std::string& at, const std::string& key) const {
        if (!j.contains(key) || !j.at(key).is_object())
            src_.fail(join(at, key),
                      j.contains(key) ? "expected an object, found " + j.at(key).dump().substr(0, 60)
                                      : "missing (expected an object)",
                      j.contains(key) ? IssueCode::WrongType : IssueCode::MissingKey);
        return j.at(key);
    }
    std::string text(const json& j, const std::string& at, const std::string& key, bool required = true) const {
        if (!j.contains(key)) {
            if (required)
                src_.fail(join(at, key), "missing (expected a string)", IssueCode::MissingKey);
            return "";
        }
        if (!j.at(key).is_string())
            src_.fail(join(at, key), "expected a string, found " + j.at(key).dump().substr(0, 60),
                      IssueCode::WrongType);
        return j.at(key).get<std::string>();
    }
    // A number in [lo, hi] (open ends when the flags say so), or NaN for null when `nullable`. `at` is where
    // the object sits in the file, `cite` the path its values are cited under ("assets/WETH"): a number
    // read here must have a source, so its cite path is remembered for the provenance check.
    double number(const json& j, const std::string& at, const std::string& cite, const std::string& key, double lo,
                  bool lo_open, double hi, bool hi_open, bool nullable) {
        const std::string path = join(at, key);
        if (!j.contains(key))
            src_.fail(path, nullable ? "missing (expected a number or null)" : "missing (expected a number)",
                      IssueCode::MissingKey);
        const json& v = j.at(key);
        if (v.is_null() && nullable)
            return kNaN;
        if (!v.is_number())
            src_.fail(path,
                      std::string("expected a number") + (nullable ? " or null" : "") + ", found " +
                          v.dump().substr(0, 60),
                      IssueCode::WrongType);
        const double x = v.get<double>();
        const bool below = lo_open ? !(x > lo) : !(x >= lo);
        const bool above = hi_open ? !(x < hi) : !(x <= hi);
        if (!std::isfinite(x) || below || above)
            src_.fail(path,
                      "expected a number in " + std::string(lo_open ? "(" : "[") + format_plain(lo) + ", " +
                          format_plain(hi) + (hi_open ? ")" : "]") + ", found " + v.dump(),
                      IssueCode::OutOfRange);
        cite_value(join(cite, key), path);
        return x;
    }
    void cite_value(const std::string& cite_path, const std::string& json_path) {
        cited_.push_back(cite_path);
        source_location_.emplace(cite_path, json_path);
    }
    void read_sources(const json& j, const std::string& at, const std::string& prefix);
    OracleRule read_oracle(const json& j, const std::string& at, const std::string& cite_as);
    void read_liquidation(const json& j);
    void read_asset(const json& a, std::size_t n);
    void read_emode(const json& e, std::size_t n);
    void check_provenance() const;

    const JsonSource& src_;
    ProtocolProfile& p_;
    std::vector<std::string> cited_;                     // paths of numbers that need a source
    std::map<std::string, std::string> source_location_; // cite path -> JSON path of its "sources" entry
};

void ProfileReader::read_sources(const json& j, const std::string& at, const std::string& prefix) {
    if (!j.contains("sources"))
        return;
    const json& s = j.at("sources");
    if (!s.is_object())
        src_.fail(join(at, "sources"), "expected an object mapping keys to their sources");
    for (const auto& [key, value] : s.items()) {
        if (!value.is_string() || value.get<std::string>().empty())
            src_.fail(join(at, "sources/" + key), "expected the source (a non-empty string), found " + value.dump());
        const std::string path = join(prefix, key);
        p_.sources[path] = value.get<std::string>();
        source_location_[path] = join(at, "sources/" + key);
    }
}

OracleRule ProfileReader::read_oracle(const json& j, const std::string& at, const std::string& cite_as) {
    known_keys(j, at, {"passthrough", "deviation_threshold", "heartbeat_s", "sources"});
    OracleRule rule;
    rule.passthrough = number(j, at, cite_as, "passthrough", 0.0, false, 1.0, false, false);
    if (j.contains("deviation_threshold"))
        rule.deviation_threshold = number(j, at, cite_as, "deviation_threshold", 0.0, false, 1.0, true, true);
    if (j.contains("heartbeat_s"))
        rule.heartbeat_s = number(j, at, cite_as, "heartbeat_s", 0.0, true, 1e9, false, true);
    read_sources(j, at, cite_as);
    return rule;
}

void ProfileReader::read_liquidation(const json& j) {
    const std::string at = "liquidation";
    known_keys(j, at,
               {"health_factor_threshold", "close_factor", "close_factor_basis", "full_close_at_or_below_health_factor",
                "full_close_below_base", "min_leftover_base", "sources"});
    p_.liquidatable_below = number(j, at, at, "health_factor_threshold", 0.0, true, 10.0, false, false);
    CloseFactorRule& cf = p_.close_factor;
    cf.close_factor = number(j, at, at, "close_factor", 0.0, true, 1.0, false, false);
    const std::string basis = text(j, at, "close_factor_basis");
    if (basis != "reserve_debt" && basis != "total_debt")
        src_.fail(join(at, "close_factor_basis"),
                  "expected \"reserve_debt\" or \"total_debt\", found \"" + basis + "\"");
    cf.basis = basis == "total_debt" ? CloseFactorBasis::TotalDebt : CloseFactorBasis::ReserveDebt;
    cite_value(join(at, "close_factor_basis"), join(at, "close_factor_basis"));
    cf.full_at_or_below_health_factor =
        number(j, at, at, "full_close_at_or_below_health_factor", 0.0, true, p_.liquidatable_below, false, true);
    cf.full_below_base = number(j, at, at, "full_close_below_base", 0.0, false, 1e18, false, true);
    cf.min_leftover_base = number(j, at, at, "min_leftover_base", 0.0, false, 1e18, false, true);
    read_sources(j, at, at);
}

void ProfileReader::read_asset(const json& a, std::size_t n) {
    const std::string at = "assets/" + std::to_string(n);
    if (!a.is_object())
        src_.fail(at, "expected an asset object, found " + a.dump().substr(0, 60));
    known_keys(a, at,
               {"symbol", "aliases", "description", "collateral", "ltv", "liquidation_threshold", "liquidation_bonus",
                "liquidation_protocol_fee", "oracle", "sources"});
    ProtocolAsset asset;
    asset.symbol = text(a, at, "symbol");
    if (asset.symbol.empty())
        src_.fail(join(at, "symbol"), "expected a non-empty symbol");
    // Numbers are cited under the asset's symbol ("assets/WETH/ltv"), which reads better than its index.
    const std::string cite = "assets/" + asset.symbol;
    asset.description = text(a, at, "description", false);
    if (a.contains("aliases")) {
        if (!a.at("aliases").is_array())
            src_.fail(join(at, "aliases"), "expected an array of names");
        for (const json& v : a.at("aliases")) {
            if (!v.is_string() || v.get<std::string>().empty())
                src_.fail(join(at, "aliases"), "expected names (non-empty strings), found " + v.dump());
            asset.aliases.push_back(v.get<std::string>());
        }
    }
    for (const std::string& name : [&] {
             std::vector<std::string> names = asset.aliases;
             names.push_back(asset.symbol);
             return names;
         }())
        if (p_.find_asset(name))
            src_.fail(at, "expected each asset name once, found \"" + name + "\" again (names are case-insensitive)");
    if (!a.contains("collateral") || !a.at("collateral").is_boolean())
        src_.fail(join(at, "collateral"), "expected true or false (can the asset back debt?)");
    asset.collateral = a.at("collateral").get<bool>();
    cite_value(join(cite, "collateral"), join(at, "collateral"));
    auto term = [&](const char* key, double lo, bool lo_open, double hi, bool hi_open) {
        if (!a.contains(key))
            return kNaN;
        return number(a, at, cite, key, lo, lo_open, hi, hi_open, true);
    };
    asset.ltv = term("ltv", 0.0, false, 1.0, true);
    asset.liquidation_threshold = term("liquidation_threshold", 0.0, false, 1.0, true);
    asset.liquidation_bonus = term("liquidation_bonus", 1.0, false, 2.0, false);
    asset.liquidation_protocol_fee = term("liquidation_protocol_fee", 0.0, false, 1.0, false);
    if (!asset.collateral && (asset.liquidation_threshold > 0.0 || asset.ltv > 0.0))
        src_.fail(join(at, "liquidation_threshold"),
                  "expected no threshold or LTV above 0 for an asset that is not collateral (\"collateral\": false)");
    if (asset.ltv > asset.liquidation_threshold)
        src_.fail(join(at, "ltv"), "expected ltv <= liquidation_threshold " +
                                       format_plain(asset.liquidation_threshold) + ", found " +
                                       format_plain(asset.ltv));
    // Aave refuses a threshold whose bonus would take more collateral than the debt it backs
    // (PoolConfigurator: threshold x bonus <= 100 %).
    if (asset.liquidation_threshold * asset.liquidation_bonus > 1.0)
        src_.fail(join(at, "liquidation_bonus"), "expected liquidation_threshold x liquidation_bonus <= 1, found " +
                                                     format_plain(asset.liquidation_threshold) + " x " +
                                                     format_plain(asset.liquidation_bonus));
    asset.oracle = p_.oracle;
    if (a.contains("oracle")) {
        if (!a.at("oracle").is_object())
            src_.fail(join(at, "oracle"), "expected an object like the profile's \"oracle\"");
        asset.oracle = read_oracle(a.at("oracle"), join(at, "oracle"), join(cite, "oracle"));
    }
    read_sources(a, at, cite);
    p_.assets.push_back(std::move(asset));
}

void ProfileReader::read_emode(const json& e, std::size_t n) {
    const std::string at = "emode_categories/" + std::to_string(n);
    if (!e.is_object())
        src_.fail(at, "expected an e-mode category object, found " + e.dump().substr(0, 60));
    known_keys(e, at, {"id", "label", "ltv", "liquidation_threshold", "liquidation_bonus", "assets", "sources"});
    EModeCategory c;
    if (!e.contains("id") || !e.at("id").is_number_integer() || e.at("id").get<long long>() < 1 ||
        e.at("id").get<long long>() > 255)
        src_.fail(join(at, "id"), "expected an integer id in [1, 255] (0 means \"no category\" in a book)");
    c.id = static_cast<std::uint32_t>(e.at("id").get<long long>());
    if (p_.find_emode(c.id))
        src_.fail(join(at, "id"), "expected each e-mode id once, found " + std::to_string(c.id) + " again");
    c.label = text(e, at, "label", false);
    const std::string cite = "emode_categories/" + std::to_string(c.id);
    c.ltv = number(e, at, cite, "ltv", 0.0, false, 1.0, true, false);
    c.liquidation_threshold = number(e, at, cite, "liquidation_threshold", 0.0, true, 1.0, true, false);
    c.liquidation_bonus = number(e, at, cite, "liquidation_bonus", 1.0, false, 2.0, false, false);
    if (c.ltv > c.liquidation_threshold)
        src_.fail(join(at, "ltv"), "expected ltv <= liquidation_threshold " + format_plain(c.liquidation_threshold) +
                                       ", found " + format_plain(c.ltv));
    if (c.liquidation_threshold * c.liquidation_bonus > 1.0)
        src_.fail(join(at, "liquidation_bonus"), "expected liquidation_threshold x liquidation_bonus <= 1, found " +
                                                     format_plain(c.liquidation_threshold) + " x " +
                                                     format_plain(c.liquidation_bonus));
    if (!e.contains("assets") || !e.at("assets").is_array() || e.at("assets").empty())
        src_.fail(join(at, "assets"), "expected a non-empty array of member asset symbols");
    const json& members = e.at("assets");
    for (std::size_t k = 0; k < members.size(); ++k) {
        const std::string m = members[k].is_string() ? members[k].get<std::string>() : members[k].dump();
        const std::size_t index = p_.asset_index(m);
        if (!members[k].is_string() || index == ProtocolProfile::npos)
            src_.fail(join(at, "assets/" + std::to_string(k)),
                      "expected the symbol of an asset in \"assets\", found " + members[k].dump());
        if (!p_.assets[index].collateral)
            src_.fail(join(at, "assets/" + std::to_string(k)),
                      "expected a collateral asset, found " + members[k].dump() + " (\"collateral\": false)");
        c.members.push_back(static_cast<std::uint32_t>(index));
    }
    cite_value(join(cite, "assets"), join(at, "assets"));
    read_sources(e, at, cite);
    p_.emode_categories.push_back(std::move(c));
}

void ProfileReader::check_provenance() const {
    const std::set<std::string> defaults(p_.user_defaults.begin(), p_.user_defaults.end());
    const std::set<std::string> cited(cited_.begin(), cited_.end());
    auto where = [&](const std::string& path) {
        const auto it = source_location_.find(path);
        return it == source_location_.end() ? path : it->second;
    };
    for (const std::string& path : cited_) {
        const bool sourced = p_.sources.count(path) > 0;
        if (sourced == (defaults.count(path) > 0))
            src_.fail(where(path),
                      sourced ? "listed both in \"sources\" and \"user_defaults\" (" + path + "); expected exactly one"
                              : "expected a source for " + path +
                                    " (an entry in \"sources\"), or the path in \"user_defaults\" (a "
                                    "value with no source must be a visible assumption)");
    }
    for (const auto& [path, text] : p_.sources)
        if (!cited.count(path))
            src_.fail(where(path), "a source for " + path + ", which the profile does not set (a misspelt key?)");
    for (std::size_t k = 0; k < p_.user_defaults.size(); ++k)
        if (!cited.count(p_.user_defaults[k]))
            src_.fail("user_defaults/" + std::to_string(k),
                      "expected the path of a value the profile sets, found \"" + p_.user_defaults[k] + "\"");
}

void ProfileReader::read(const json& j) {
    if (!j.is_object())
        src_.fail("", "expected a JSON object (a protocol profile), found " + j.dump().substr(0, 40));
    known_keys(j, "",
               {"name", "display_name", "as_of", "description", "base_currency", "liquidation", "oracle", "assets",
                "emode_categories", "sources", "user_defaults"});
    p_.name = text(j, "", "name");
    p_.display_name = j.contains("display_name") ? text(j, "", "display_name") : p_.name;
    p_.as_of = text(j, "", "as_of", false);
    p_.base_currency = text(j, "", "base_currency");
    if (p_.base_currency.empty())
        src_.fail("base_currency", "expected the currency the oracle prices in (e.g. \"USD\", \"ETH\")");
    cite_value("base_currency", "base_currency");
    read_sources(j, "", "");
    read_liquidation(object(j, "", "liquidation"));
    p_.oracle = read_oracle(object(j, "", "oracle"), "oracle", "oracle");
    if (!j.contains("assets") || !j.at("assets").is_array() || j.at("assets").empty())
        src_.fail("assets", "expected a non-empty array of assets");
    for (std::size_t n = 0; n < j.at("assets").size(); ++n)
        read_asset(j.at("assets")[n], n);
    if (j.contains("emode_categories")) {
        if (!j.at("emode_categories").is_array())
            src_.fail("emode_categories", "expected an array of e-mode categories");
        for (std::size_t n = 0; n < j.at("emode_categories").size(); ++n)
            read_emode(j.at("emode_categories")[n], n);
    }
    if (j.contains("user_defaults")) {
        if (!j.at("user_defaults").is_array())
            src_.fail("user_defaults", "expected an array of value paths");
        for (const json& v : j.at("user_defaults")) {
            if (!v.is_string())
                src_.fail("user_defaults", "expected value paths (strings), found " + v.dump());
            p_.user_defaults.push_back(v.get<std::string>());
        }
    }
    check_provenance();
}

} // namespace

const ProtocolAsset* ProtocolProfile::find_asset(std::string_view asset_name) const {
    const std::size_t i = asset_index(asset_name);
    return i == npos ? nullptr : &assets[i];
}

std::size_t ProtocolProfile::asset_index(std::string_view asset_name) const {
    const std::string wanted = lower(asset_name);
    for (std::size_t i = 0; i < assets.size(); ++i) {
        if (lower(assets[i].symbol) == wanted)
            return i;
        for (const std::string& alias : assets[i].aliases)
            if (lower(alias) == wanted)
                return i;
    }
    return npos;
}

const EModeCategory* ProtocolProfile::find_emode(std::uint32_t id) const {
    for (const EModeCategory& c : emode_categories)
        if (c.id == id)
            return &c;
    return nullptr;
}

ProtocolProfile parse_protocol_profile(const std::string& json_text, const std::string& file) {
    const JsonSource src{json_text, file};
    const json doc = src.parse<json>();
    ProtocolProfile p;
    ProfileReader(src, p).read(doc);
    p.json = doc.dump();
    return p;
}

ProtocolProfile load_protocol_profile(const std::string& name_or_path, const std::string& protocol_dir) {
    namespace fs = std::filesystem;
    const bool is_path =
        name_or_path.find('/') != std::string::npos || (name_or_path.size() > 5 && name_or_path.ends_with(".json"));
    if (is_path)
        return parse_protocol_profile(read_text_file(name_or_path), name_or_path);
    const fs::path path = fs::path(protocol_dir) / (name_or_path + ".json");
    if (!fs::exists(path)) {
        std::string names;
        for (const std::string& n : list_protocol_profiles(protocol_dir))
            names += (names.empty() ? "" : ", ") + n;
        throw UsageError("unknown protocol '" + name_or_path + "'; expected one of: " + names +
                         " (or a path to a profile .json)");
    }
    return parse_protocol_profile(read_text_file(path.string()), path.string());
}

std::vector<std::string> list_protocol_profiles(const std::string& protocol_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(protocol_dir, ec))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace levex
