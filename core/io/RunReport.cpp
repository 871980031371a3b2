// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/RunReport.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/NumberFormat.h"
#include "core/engine/RunSeries.h"
#include "core/io/PositionCsvWriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace levex {

std::string summary_json(const RunSummary& s) {
    nlohmann::ordered_json j;
    j["liquidated_count_long"] = s.liquidated_count_long;
    j["liquidated_count_short"] = s.liquidated_count_short;
    j["liquidated_count"] = s.liquidated_count;
    j["liquidated_notional_long"] = s.liquidated_notional_long;
    j["liquidated_notional_short"] = s.liquidated_notional_short;
    j["liquidated_share_of_oi"] = s.liquidated_share_of_oi;
    j["start_price"] = s.start_price;
    j["final_price"] = s.final_price;
    j["min_price"] = s.min_price;
    j["max_price"] = s.max_price;
    j["max_drawdown"] = s.max_drawdown;
    j["amplification"] = s.amplification ? nlohmann::ordered_json(*s.amplification) : nlohmann::ordered_json(nullptr);
    j["cascade_duration_s"] = s.cascade_duration_s;
    j["peak_liquidation_rate_quote_per_s"] = s.peak_liquidation_rate_quote_per_s;
    j["insurance_fund_min"] = json_number(s.insurance_fund_min);
    j["fund_loss"] = s.fund_loss;
    j["adl_notional"] = s.adl_notional;
    j["backstop_notional"] = s.backstop_notional;
    j["exhaustion_price"] = s.exhaustion_price;
    j["steps_run"] = s.steps_run;
    j["leverage_capped"] = s.leverage_capped;
    j["price_floor_hit"] = s.price_floor_hit;
    return j.dump(2) + "\n";
}

RunSummary parse_summary_json(const std::string& text, const std::string& what) {
    const JsonSource src{text, what};
    const nlohmann::json j = src.parse<nlohmann::json>();
    if (!j.is_object())
        src.fail("", "expected a summary JSON object, found " + j.dump().substr(0, 40));
    // Every key summary_json writes must be there: a missing one is a damaged record, not a zero.
    auto number = [&](const char* key) {
        const auto it = j.find(key);
        if (it == j.end())
            src.fail(key, "missing (expected a number)");
        if (it->is_string() && (*it == "inf" || *it == "-inf"))
            return *it == "inf" ? HUGE_VAL : -HUGE_VAL;
        if (!it->is_number())
            src.fail(key, "expected a number, found " + it->dump());
        return it->get<double>();
    };
    auto count = [&](const char* key) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_number_unsigned())
            src.fail(key,
                     "expected a whole number >= 0, found " + (it == j.end() ? std::string("nothing") : it->dump()));
        return static_cast<std::size_t>(it->get<std::uint64_t>());
    };
    RunSummary s;
    s.liquidated_count_long = count("liquidated_count_long");
    s.liquidated_count_short = count("liquidated_count_short");
    s.liquidated_count = count("liquidated_count");
    s.liquidated_notional_long = number("liquidated_notional_long");
    s.liquidated_notional_short = number("liquidated_notional_short");
    s.liquidated_share_of_oi = number("liquidated_share_of_oi");
    s.start_price = number("start_price");
    s.final_price = number("final_price");
    s.min_price = number("min_price");
    s.max_price = number("max_price");
    s.max_drawdown = number("max_drawdown");
    if (const auto it = j.find("amplification"); it != j.end() && !it->is_null())
        s.amplification = number("amplification");
    s.cascade_duration_s = number("cascade_duration_s");
    s.peak_liquidation_rate_quote_per_s = number("peak_liquidation_rate_quote_per_s");
    s.insurance_fund_min = number("insurance_fund_min");
    s.fund_loss = number("fund_loss");
    s.adl_notional = number("adl_notional");
    s.backstop_notional = number("backstop_notional");
    s.exhaustion_price = number("exhaustion_price");
    s.steps_run = count("steps_run");
    s.leverage_capped = count("leverage_capped");
    if (const auto it = j.find("price_floor_hit"); it != j.end()) {
        if (!it->is_boolean())
            src.fail("price_floor_hit", "expected true or false, found " + it->dump());
        s.price_floor_hit = it->get<bool>();
    }
    return s;
}

std::string frames_csv(const RunFrames& f) {
    std::string out = "step,series,bin_low,bin_high,value\n";
    out.reserve(f.steps * 600);
    auto scalar = [&](std::size_t t, const char* name, double value) {
        out += std::to_string(t);
        out += ',';
        out += name;
        out += ",,,";
        append_plain(out, value);
        out += '\n';
    };
    auto histogram = [&](std::size_t t, const char* name, const std::vector<double>& h) {
        const double* row = f.row(h, t);
        for (std::size_t b = 0; b < f.bins; ++b) {
            if (row[b] == 0.0)
                continue;
            out += std::to_string(t);
            out += ',';
            out += name;
            out += ',';
            append_plain(out, f.edges[b]);
            out += ',';
            append_plain(out, f.edges[b + 1]);
            out += ',';
            append_plain(out, row[b]);
            out += '\n';
        }
    };
    for (std::size_t t = 0; t < f.steps; ++t) {
        for (const RunSeries& series : run_series())
            scalar(t, series.name, series.at(f, t));
        for (const RunHistogram& h : run_histograms())
            histogram(t, h.name, f.*h.values);
    }
    return out;
}

std::string series_csv(const RunFrames& f, double step_seconds) {
    std::string out = "step,time_s";
    for (const RunSeries& series : run_series()) {
        out += ',';
        out += series.name;
    }
    out += '\n';
    std::size_t steps = f.steps;
    for (const RunSeries& series : run_series())
        steps = std::min(steps, series.size(f));
    for (std::size_t t = 0; t < steps; ++t) {
        out += std::to_string(t);
        out += ',';
        append_plain(out, step_seconds * double(t));
        for (const RunSeries& series : run_series()) {
            out += ',';
            append_plain(out, series.at(f, t));
        }
        out += '\n';
    }
    return out;
}

std::string liquidation_log_csv(const std::vector<LiquidationEvent>& log, const PositionBook& book) {
    std::string out = "step,position,account,side,size,trigger,fill_price,fee,fund_pnl,path\n";
    out.reserve(log.size() * 96);
    for (const LiquidationEvent& e : log) {
        out += std::to_string(e.step);
        out += ',';
        append_csv_field(out, book.id[e.position]);
        out += ',';
        append_csv_field(out, book.account_names[book.account[e.position]]);
        out += e.side > 0 ? ",long," : ",short,";
        append_plain(out, e.size);
        out += ',';
        append_plain(out, e.trigger);
        out += ',';
        append_plain(out, e.fill_price);
        out += ',';
        append_plain(out, e.fee);
        out += ',';
        append_plain(out, e.fund_pnl);
        out += ',';
        out += liquidation_path_name(e.path);
        out += '\n';
    }
    return out;
}

std::string liquidated_positions_csv(const std::vector<LiquidationEvent>& log, const PositionBook& book) {
    struct Row {
        std::uint32_t position = 0, first_step = 0, last_step = 0;
        double trigger = 0, size = 0, fill_value = 0, fee = 0, fund_pnl = 0;
        unsigned paths = 0; ///< bit per LiquidationPath
    };
    std::vector<Row> rows;
    std::unordered_map<std::uint32_t, std::size_t> row_of;
    for (const LiquidationEvent& e : log) {
        auto [it, added] = row_of.try_emplace(e.position, rows.size());
        if (added)
            rows.push_back(Row{e.position, e.step, e.step, e.trigger});
        Row& r = rows[it->second];
        r.last_step = e.step;
        r.size += e.size;
        r.fill_value += e.size * e.fill_price;
        r.fee += e.fee;
        r.fund_pnl += e.fund_pnl;
        r.paths |= 1u << unsigned(e.path);
    }
    std::string out = "id,account,symbol,side,size,entry_price,trigger,first_step,last_step,liquidated_size,"
                      "average_fill_price,fee,fund_pnl,paths,fully_liquidated\n";
    for (const Row& r : rows) {
        const std::uint32_t k = r.position;
        append_csv_field(out, book.id[k]);
        out += ',';
        append_csv_field(out, book.account_names[book.account[k]]);
        out += ',';
        append_csv_field(out, book.symbol_names[book.symbol[k]]);
        out += book.side[k] > 0 ? ",long," : ",short,";
        append_plain(out, book.size[k]);
        out += ',';
        append_plain(out, book.entry_price[k]);
        out += ',';
        append_plain(out, r.trigger);
        out += ',' + std::to_string(r.first_step) + ',' + std::to_string(r.last_step) + ',';
        append_plain(out, r.size);
        out += ',';
        append_plain(out, r.size > 0 ? r.fill_value / r.size : 0.0);
        out += ',';
        append_plain(out, r.fee);
        out += ',';
        append_plain(out, r.fund_pnl);
        out += ',';
        bool first = true;
        for (LiquidationPath p :
             {LiquidationPath::Book, LiquidationPath::Adl, LiquidationPath::Backstop, LiquidationPath::Takeover})
            if (r.paths & (1u << unsigned(p))) {
                out += first ? "" : "+";
                out += liquidation_path_name(p);
                first = false;
            }
        // Partial liquidations leave a remainder; rounding in the slices is not a remainder.
        out += r.size >= book.size[k] * (1.0 - 1e-9) ? ",true\n" : ",false\n";
    }
    return out;
}

} // namespace levex
