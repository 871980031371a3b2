// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/LendingRunReport.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/base/NumberFormat.h"
#include "core/engine/LendingSummaryMetric.h"
#include "core/io/PositionCsvWriter.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace levex {

namespace {

using nlohmann::ordered_json;

void write_totals(ordered_json& j, const LendingTotals& t) {
    for (const LendingTotalField& f : lending_total_fields()) {
        if (f.count)
            j[f.key] = t.*f.count;
        else
            j[f.key] = json_number(t.*f.number);
    }
}

// Reads the summary's keys: every key the writer writes must be there (a missing one is damage).
class SummaryReader {
public:
    explicit SummaryReader(const JsonSource& src) : src_(src) {}

    double number(const nlohmann::json& j, const std::string& at, const char* key) const {
        const auto it = j.find(key);
        if (it == j.end())
            src_.fail(at + key, "missing (expected a number)");
        if (it->is_string() && (*it == "inf" || *it == "-inf"))
            return *it == "inf" ? HUGE_VAL : -HUGE_VAL;
        if (!it->is_number())
            src_.fail(at + key, "expected a number, found " + it->dump());
        return it->get<double>();
    }
    std::size_t count(const nlohmann::json& j, const std::string& at, const char* key) const {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_number_unsigned())
            src_.fail(at + key,
                      "expected a whole number >= 0, found " + (it == j.end() ? std::string("nothing") : it->dump()));
        return static_cast<std::size_t>(it->get<std::uint64_t>());
    }
    std::string text(const nlohmann::json& j, const std::string& at, const char* key) const {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string())
            src_.fail(at + key, "expected a string");
        return it->get<std::string>();
    }
    LendingTotals totals(const nlohmann::json& j, const std::string& at) const {
        LendingTotals t;
        for (const LendingTotalField& f : lending_total_fields())
            f.set(t, f.count ? double(count(j, at, f.key)) : number(j, at, f.key));
        return t;
    }

private:
    const JsonSource& src_;
};

} // namespace

std::string lending_summary_json(const LendingSummary& s) {
    ordered_json j;
    j["kind"] = "lending";
    j["symbol"] = s.symbol;
    write_totals(j, s.totals);
    j["start_price"] = s.start_price;
    j["final_price"] = s.final_price;
    j["min_price"] = s.min_price;
    j["max_price"] = s.max_price;
    j["max_drawdown"] = s.max_drawdown;
    j["amplification"] = s.amplification ? ordered_json(*s.amplification) : ordered_json(nullptr);
    j["cascade_duration_s"] = s.cascade_duration_s;
    j["exhaustion_price"] = s.exhaustion_price;
    j["steps_run"] = s.steps_run;
    j["price_floor_hit"] = s.price_floor_hit;
    ordered_json books = ordered_json::array();
    for (const LendingBookSummary& b : s.books) {
        ordered_json one;
        one["book"] = b.label;
        one["protocol"] = b.protocol;
        write_totals(one, b.totals);
        one["start_oracle_price"] = b.start_oracle_price;
        one["final_oracle_price"] = b.final_oracle_price;
        one["min_oracle_price"] = b.min_oracle_price;
        books.push_back(std::move(one));
    }
    j["books"] = std::move(books);
    return j.dump(2) + "\n";
}

LendingSummary parse_lending_summary_json(const std::string& text, const std::string& what) {
    const JsonSource src{text, what};
    const nlohmann::json j = src.parse<nlohmann::json>();
    if (!j.is_object() || j.value("kind", "") != "lending")
        src.fail("kind", "expected a lending summary (\"kind\": \"lending\")");
    const SummaryReader r(src);
    LendingSummary s;
    s.symbol = r.text(j, "", "symbol");
    s.totals = r.totals(j, "");
    s.start_price = r.number(j, "", "start_price");
    s.final_price = r.number(j, "", "final_price");
    s.min_price = r.number(j, "", "min_price");
    s.max_price = r.number(j, "", "max_price");
    s.max_drawdown = r.number(j, "", "max_drawdown");
    if (const auto it = j.find("amplification"); it != j.end() && !it->is_null())
        s.amplification = r.number(j, "", "amplification");
    s.cascade_duration_s = r.number(j, "", "cascade_duration_s");
    s.exhaustion_price = r.number(j, "", "exhaustion_price");
    s.steps_run = r.count(j, "", "steps_run");
    if (const auto it = j.find("price_floor_hit"); it == j.end() || !it->is_boolean())
        src.fail("price_floor_hit", "expected true or false");
    else
        s.price_floor_hit = it->get<bool>();
    const auto books = j.find("books");
    if (books == j.end() || !books->is_array())
        src.fail("books", "expected an array");
    for (std::size_t i = 0; i < books->size(); ++i) {
        const nlohmann::json& b = (*books)[i];
        const std::string at = "books/" + std::to_string(i) + "/";
        if (!b.is_object())
            src.fail(at, "expected an object");
        LendingBookSummary one;
        one.label = r.text(b, at, "book");
        one.protocol = r.text(b, at, "protocol");
        one.totals = r.totals(b, at);
        one.start_oracle_price = r.number(b, at, "start_oracle_price");
        one.final_oracle_price = r.number(b, at, "final_oracle_price");
        one.min_oracle_price = r.number(b, at, "min_oracle_price");
        s.books.push_back(std::move(one));
    }
    return s;
}

std::string lending_log_csv(const std::vector<LendingEvent>& log, const std::vector<NamedLendingBook>& books) {
    std::string out = "step,book,account,collateral_asset,debt_asset,debt_repaid,collateral_seized,protocol_fee,"
                      "collateral_sold,health_factor_before,health_factor_after,sale_price,bad_debt_base\n";
    out.reserve(out.size() + log.size() * 160);
    auto number = [&](double x) {
        out += ',';
        if (!std::isnan(x))
            append_plain(out, x);
    };
    auto name = [&](const std::string& text) {
        out += ',';
        append_csv_field(out, text);
    };
    for (const LendingEvent& e : log) {
        const NamedLendingBook& b = books.at(e.book);
        out += std::to_string(e.step);
        name(b.label);
        name(b.book->account_names.at(e.account));
        name(b.book->asset_names.at(e.collateral_asset));
        name(b.book->asset_names.at(e.debt_asset));
        number(e.debt_repaid);
        number(e.collateral_seized);
        number(e.protocol_fee);
        number(e.collateral_sold);
        number(e.health_factor_before);
        number(e.health_factor_after);
        number(e.sale_price);
        number(e.bad_debt_base);
        out += '\n';
    }
    return out;
}

} // namespace levex
