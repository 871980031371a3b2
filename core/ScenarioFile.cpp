// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ScenarioFile.h"

#include "core/Issue.h"
#include "core/TextFile.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace levex {
namespace {

using nlohmann::ordered_json;

constexpr int kFormat = 1;

ordered_json number_or_text(double x) {
    if (std::isnan(x))
        return nullptr;
    if (std::isinf(x))
        return x > 0 ? "inf" : "-inf";
    return x;
}

[[noreturn]] void fail(const std::string& file, const std::string& key, const std::string& message) {
    throw DataError({Severity::Error, file, 0, 0, key, key + ": " + message});
}

double read_number(const ordered_json& j, const char* key, const std::string& file, double fallback) {
    if (!j.contains(key))
        return fallback;
    const ordered_json& v = j.at(key);
    if (v.is_null())
        return std::nan("");
    if (v.is_string() && (v == "inf" || v == "unlimited"))
        return std::numeric_limits<double>::infinity();
    if (!v.is_number())
        fail(file, std::string("parameters/") + key, "expected a number, \"inf\" or null, found " + v.dump());
    return v.get<double>();
}

} // namespace

std::string write_scenario_json(const Scenario& s) {
    const RunParameters& p = s.params;
    ordered_json params;
    params["symbol"] = p.symbol;
    params["mark"] = number_or_text(p.mark);
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
    params["half_life_s"] = number_or_text(p.half_life_s);
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
    params["fee"] = number_or_text(p.fee);
    params["fund"] = number_or_text(p.fund);
    params["mark_passthrough"] = number_or_text(p.mark_passthrough);
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
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const ordered_json::parse_error& e) {
        const auto [line, column] = line_column_at(text, e.byte > 0 ? e.byte - 1 : 0);
        throw DataError({Severity::Error, file, line, column, "", "expected valid JSON (a LevEx scenario)"});
    }
    if (!j.is_object() || !j.contains("levex_scenario"))
        fail(file, "levex_scenario", "missing: expected a LevEx scenario file");
    if (j.at("levex_scenario") != kFormat)
        fail(file, "levex_scenario", "expected format 1, found " + j.at("levex_scenario").dump());
    Scenario s;
    s.program_version = j.value("program_version", "");
    if (!j.contains("book") || !j.at("book").is_object())
        fail(file, "book", "expected {\"file\": ..., \"sha256\": ...}");
    s.book_file = j.at("book").value("file", "");
    s.book_sha256 = j.at("book").value("sha256", "");
    if (j.contains("l2_book_sha256") && j.at("l2_book_sha256").is_string())
        s.l2_sha256 = j.at("l2_book_sha256").get<std::string>();
    if (j.contains("price_series_sha256") && j.at("price_series_sha256").is_string())
        s.series_sha256 = j.at("price_series_sha256").get<std::string>();
    if (!j.contains("venue") || !j.at("venue").is_object())
        fail(file, "venue", "expected the venue profile object");
    s.venue_json = j.at("venue").dump();
    if (!j.contains("parameters") || !j.at("parameters").is_object())
        fail(file, "parameters", "expected an object");
    const ordered_json& pj = j.at("parameters");
    RunParameters& p = s.params;
    try {
        p.symbol = pj.value("symbol", p.symbol);
        p.mark = read_number(pj, "mark", file, p.mark);
        p.shock = read_number(pj, "shock", file, p.shock);
        p.shock_steps = pj.value("shock_steps", p.shock_steps);
        p.leverage_mult = read_number(pj, "leverage_mult", file, p.leverage_mult);
        p.mmr_scale = read_number(pj, "mmr_scale", file, p.mmr_scale);
        const std::string model = pj.value("depth_model", std::string(depth_model_name(p.depth_model)));
        if (model == "flat")
            p.depth_model = DepthModel::Flat;
        else if (model == "v-shaped")
            p.depth_model = DepthModel::VShaped;
        else if (model == "metaorder")
            p.depth_model = DepthModel::Metaorder;
        else if (model == "l2-book")
            p.depth_model = DepthModel::L2Book;
        else
            fail(file, "parameters/depth_model",
                 "expected flat, v-shaped, metaorder or l2-book, found \"" + model + "\"");
        p.depth_quote_per_pct = read_number(pj, "depth_quote_per_pct", file, p.depth_quote_per_pct);
        p.depth_quote_within_1pct = read_number(pj, "depth_quote_within_1pct", file, p.depth_quote_within_1pct);
        p.metaorder_y = read_number(pj, "metaorder_y", file, p.metaorder_y);
        p.metaorder_sigma_daily = read_number(pj, "metaorder_sigma_daily", file, p.metaorder_sigma_daily);
        p.metaorder_adv_quote = read_number(pj, "metaorder_adv_quote", file, p.metaorder_adv_quote);
        p.book_file = pj.value("book_file", p.book_file);
        p.depth_scale = read_number(pj, "depth_scale", file, p.depth_scale);
        p.half_life_s = read_number(pj, "half_life_s", file, p.half_life_s);
        p.permanent_fraction = read_number(pj, "permanent_fraction", file, p.permanent_fraction);
        p.step_seconds = read_number(pj, "step_seconds", file, p.step_seconds);
        p.steps = pj.value("steps", p.steps);
        p.vol = read_number(pj, "vol", file, p.vol);
        p.student_nu = read_number(pj, "student_nu", file, p.student_nu);
        p.jump_rate = read_number(pj, "jump_rate", file, p.jump_rate);
        p.jump_mean = read_number(pj, "jump_mean", file, p.jump_mean);
        p.jump_stdev = read_number(pj, "jump_stdev", file, p.jump_stdev);
        p.seed = pj.value("seed", p.seed);
        p.price_series_file = pj.value("price_series_file", p.price_series_file);
        p.fee = read_number(pj, "fee", file, p.fee);
        p.fund = read_number(pj, "fund", file, p.fund);
        p.mark_passthrough = read_number(pj, "mark_passthrough", file, p.mark_passthrough);
        p.bins = pj.value("bins", p.bins);
    } catch (const ordered_json::type_error& e) {
        fail(file, "parameters", std::string("a value has the wrong type: ") + e.what());
    }
    return s;
}

} // namespace levex
