// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ScenarioFile.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/model/RunParameterLimits.h"
#include "core/model/VenueProfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace levex {
namespace {

using nlohmann::ordered_json;

constexpr int kFormat = 1;

constexpr std::array<const char*, 7> kTopKeys = {"levex_scenario",      "program_version", "book", "l2_book_sha256",
                                                 "price_series_sha256", "parameters",      "venue"};

constexpr std::array<const char*, 29> kParameterKeys = {"symbol",
                                                        "mark",
                                                        "shock",
                                                        "shock_steps",
                                                        "leverage_mult",
                                                        "mmr_scale",
                                                        "depth_model",
                                                        "depth_quote_per_pct",
                                                        "depth_quote_within_1pct",
                                                        "metaorder_y",
                                                        "metaorder_sigma_daily",
                                                        "metaorder_adv_quote",
                                                        "book_file",
                                                        "depth_scale",
                                                        "half_life_s",
                                                        "permanent_fraction",
                                                        "step_seconds",
                                                        "steps",
                                                        "vol",
                                                        "student_nu",
                                                        "jump_rate",
                                                        "jump_mean",
                                                        "jump_stdev",
                                                        "seed",
                                                        "price_series_file",
                                                        "fee",
                                                        "fund",
                                                        "mark_passthrough",
                                                        "bins"};

// A number, "inf"/"unlimited", or null (= not set: NaN) at parameters/key.
double read_number(const JsonSource& src, const ordered_json& j, const char* key, double fallback) {
    if (!j.contains(key))
        return fallback;
    const ordered_json& v = j.at(key);
    if (v.is_null())
        return std::nan("");
    if (v.is_string() && (v == "inf" || v == "unlimited"))
        return std::numeric_limits<double>::infinity();
    if (v.is_string() && v == "-inf")
        return -std::numeric_limits<double>::infinity();
    if (!v.is_number())
        src.fail(std::string("parameters/") + key, "expected a number, \"inf\" or null, found " + v.dump(),
                 IssueCode::WrongType);
    return v.get<double>();
}

// A whole number >= 0 at parameters/key (steps, bins, seed).
template <typename T>
T read_whole(const JsonSource& src, const ordered_json& j, const char* key, T fallback) {
    if (!j.contains(key))
        return fallback;
    const ordered_json& v = j.at(key);
    if (!v.is_number_unsigned())
        src.fail(std::string("parameters/") + key, "expected a whole number >= 0, found " + v.dump(),
                 IssueCode::WrongType);
    return static_cast<T>(v.get<std::uint64_t>());
}

// A string member, or `fallback` when it is absent or null.
std::string optional_text(const JsonSource& src, const ordered_json& j, const std::string& path,
                          const std::string& fallback = "") {
    const std::string key = path.substr(path.rfind('/') + 1);
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    if (!j.at(key).is_string())
        src.fail(path, "expected a string, found " + j.at(key).dump(), IssueCode::WrongType);
    return j.at(key).get<std::string>();
}

} // namespace

Scenario scenario_of_run(const RunParameters& params, const std::string& venue_json, const std::string& book_file,
                         const std::string& book_sha256) {
    Scenario s;
    s.params = params;
    s.venue_json = venue_json;
    s.book_file = book_file;
    s.book_sha256 = book_sha256;
    if (params.depth_model == DepthModel::L2Book && !params.book_file.empty())
        s.l2_sha256 = sha256_hex(MappedFile(params.book_file).bytes());
    if (!params.price_series_file.empty())
        s.series_sha256 = sha256_hex(MappedFile(params.price_series_file).bytes());
    s.program_version = version();
    return s;
}

std::string write_scenario_json(const Scenario& s) {
    const RunParameters& p = s.params;
    ordered_json params;
    params["symbol"] = p.symbol;
    params["mark"] = json_number(p.mark);
    params["shock"] = p.shock;
    params["shock_steps"] = p.shock_steps;
    params["leverage_mult"] = p.leverage_mult;
    params["mmr_scale"] = p.mmr_scale;
    params["depth_model"] = depth_model_name(p.depth_model);
    params["depth_quote_per_pct"] = p.depth_quote_per_pct;
    params["depth_quote_within_1pct"] = p.depth_quote_within_1pct;
    params["metaorder_y"] = p.metaorder_y;
    params["metaorder_sigma_daily"] = p.metaorder_sigma_daily;
    params["metaorder_adv_quote"] = p.metaorder_adv_quote;
    params["book_file"] = p.book_file;
    params["depth_scale"] = p.depth_scale;
    params["half_life_s"] = json_number(p.half_life_s);
    params["permanent_fraction"] = p.permanent_fraction;
    params["step_seconds"] = p.step_seconds;
    params["steps"] = p.steps;
    params["vol"] = p.vol;
    params["student_nu"] = p.student_nu;
    params["jump_rate"] = p.jump_rate;
    params["jump_mean"] = p.jump_mean;
    params["jump_stdev"] = p.jump_stdev;
    params["seed"] = p.seed;
    params["price_series_file"] = p.price_series_file;
    params["fee"] = json_number(p.fee);
    params["fund"] = json_number(p.fund);
    params["mark_passthrough"] = json_number(p.mark_passthrough);
    params["bins"] = p.bins;

    ordered_json j;
    j["levex_scenario"] = kFormat;
    j["program_version"] = s.program_version;
    j["book"] = {{"file", s.book_file}, {"sha256", s.book_sha256}};
    j["l2_book_sha256"] = s.l2_sha256.empty() ? ordered_json(nullptr) : ordered_json(s.l2_sha256);
    j["price_series_sha256"] = s.series_sha256.empty() ? ordered_json(nullptr) : ordered_json(s.series_sha256);
    j["parameters"] = params;
    j["venue"] = ordered_json::parse(s.venue_json);
    return j.dump(2) + "\n";
}

Scenario parse_scenario_json(const std::string& text, const std::string& file) {
    const JsonSource src{text, file};
    const ordered_json j = src.parse<ordered_json>();
    if (!j.is_object() || !j.contains("levex_scenario"))
        src.fail("levex_scenario", "missing: expected a LevEx scenario file (an object with \"levex_scenario\": 1)",
                 IssueCode::MissingKey);
    if (j.at("levex_scenario") != kFormat)
        src.fail("levex_scenario", "expected format 1, found " + j.at("levex_scenario").dump());
    for (const auto& [key, value] : j.items())
        if (std::find(kTopKeys.begin(), kTopKeys.end(), key) == kTopKeys.end())
            src.fail(key,
                     "unknown key; expected one of levex_scenario, program_version, book, l2_book_sha256, "
                     "price_series_sha256, parameters, venue",
                     IssueCode::UnknownKey);
    Scenario s;
    s.program_version = optional_text(src, j, "program_version");
    if (!j.contains("book") || !j.at("book").is_object())
        src.fail("book", "expected {\"file\": ..., \"sha256\": ...}");
    s.book_file = optional_text(src, j.at("book"), "book/file");
    s.book_sha256 = optional_text(src, j.at("book"), "book/sha256");
    s.l2_sha256 = optional_text(src, j, "l2_book_sha256");
    s.series_sha256 = optional_text(src, j, "price_series_sha256");
    // Validated here, where a bad rule can still be pointed at in this file.
    parse_venue_profile(text, file, "venue");
    s.venue_json = j.at("venue").dump();
    if (!j.contains("parameters") || !j.at("parameters").is_object())
        src.fail("parameters", "expected an object");
    const ordered_json& pj = j.at("parameters");
    for (const auto& [key, value] : pj.items())
        if (std::find(kParameterKeys.begin(), kParameterKeys.end(), key) == kParameterKeys.end())
            src.fail("parameters/" + key, "unknown parameter (see the scenario format in the README)",
                     IssueCode::UnknownKey);
    RunParameters& p = s.params;
    p.symbol = optional_text(src, pj, "parameters/symbol", p.symbol);
    p.mark = read_number(src, pj, "mark", p.mark);
    p.shock = read_number(src, pj, "shock", p.shock);
    p.shock_steps = read_whole(src, pj, "shock_steps", p.shock_steps);
    p.leverage_mult = read_number(src, pj, "leverage_mult", p.leverage_mult);
    p.mmr_scale = read_number(src, pj, "mmr_scale", p.mmr_scale);
    const std::string model = optional_text(src, pj, "parameters/depth_model", depth_model_name(p.depth_model));
    if (model == "flat")
        p.depth_model = DepthModel::Flat;
    else if (model == "v-shaped")
        p.depth_model = DepthModel::VShaped;
    else if (model == "metaorder")
        p.depth_model = DepthModel::Metaorder;
    else if (model == "l2-book")
        p.depth_model = DepthModel::L2Book;
    else
        src.fail("parameters/depth_model", "expected flat, v-shaped, metaorder or l2-book, found \"" + model + "\"");
    p.depth_quote_per_pct = read_number(src, pj, "depth_quote_per_pct", p.depth_quote_per_pct);
    p.depth_quote_within_1pct = read_number(src, pj, "depth_quote_within_1pct", p.depth_quote_within_1pct);
    p.metaorder_y = read_number(src, pj, "metaorder_y", p.metaorder_y);
    p.metaorder_sigma_daily = read_number(src, pj, "metaorder_sigma_daily", p.metaorder_sigma_daily);
    p.metaorder_adv_quote = read_number(src, pj, "metaorder_adv_quote", p.metaorder_adv_quote);
    p.book_file = optional_text(src, pj, "parameters/book_file", p.book_file);
    p.depth_scale = read_number(src, pj, "depth_scale", p.depth_scale);
    p.half_life_s = read_number(src, pj, "half_life_s", p.half_life_s);
    p.permanent_fraction = read_number(src, pj, "permanent_fraction", p.permanent_fraction);
    p.step_seconds = read_number(src, pj, "step_seconds", p.step_seconds);
    p.steps = read_whole(src, pj, "steps", p.steps);
    p.vol = read_number(src, pj, "vol", p.vol);
    p.student_nu = read_number(src, pj, "student_nu", p.student_nu);
    p.jump_rate = read_number(src, pj, "jump_rate", p.jump_rate);
    p.jump_mean = read_number(src, pj, "jump_mean", p.jump_mean);
    p.jump_stdev = read_number(src, pj, "jump_stdev", p.jump_stdev);
    p.seed = read_whole(src, pj, "seed", p.seed);
    p.price_series_file = optional_text(src, pj, "parameters/price_series_file", p.price_series_file);
    p.fee = read_number(src, pj, "fee", p.fee);
    p.fund = read_number(src, pj, "fund", p.fund);
    p.mark_passthrough = read_number(src, pj, "mark_passthrough", p.mark_passthrough);
    p.bins = read_whole(src, pj, "bins", p.bins);
    if (const auto bad = check_run_parameters(p)) {
        // The jump and metaorder triples are three keys; point at the first.
        const std::string key = bad->key == "jumps" ? "jump_rate" : bad->key == "metaorder" ? "metaorder_y" : bad->key;
        src.fail("parameters/" + key, bad->expected, IssueCode::OutOfRange);
    }
    return s;
}

} // namespace levex
