// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ScenarioFile.h"

#include "core/base/Issue.h"
#include "core/base/JsonSource.h"
#include "core/model/ParameterTable.h"
#include "core/model/ProtocolProfile.h"
#include "core/model/VenueProfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace levex {
namespace {

using nlohmann::ordered_json;

constexpr int kFormat = 1;

constexpr std::array<const char*, 8> kTopKeys = {"levex_scenario", "program_version",     "book",       "books",
                                                 "l2_book_sha256", "price_series_sha256", "parameters", "venue"};

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
std::uint64_t read_whole(const JsonSource& src, const ordered_json& j, const char* key, std::uint64_t fallback) {
    if (!j.contains(key))
        return fallback;
    const ordered_json& v = j.at(key);
    if (!v.is_number_unsigned())
        src.fail(std::string("parameters/") + key, "expected a whole number >= 0, found " + v.dump(),
                 IssueCode::WrongType);
    return v.get<std::uint64_t>();
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

// One parameter as a scenario file writes it: numbers with inf as "inf" and "not set" as null.
ordered_json parameter_json(const RunParameters& p, const ParameterSpec& spec) {
    if (spec.is_choice())
        return choice_value(p, spec);
    if (spec.is_text())
        return text_value(p, spec);
    if (spec.is_whole())
        return whole_value(p, spec);
    return json_number(number_value(p, spec));
}

// One parameter from parameters/KEY, keeping the default when the key is absent.
void read_parameter(const JsonSource& src, const ordered_json& pj, const ParameterSpec& spec, RunParameters& p) {
    const std::string path = "parameters/" + spec.key;
    if (spec.is_choice()) {
        const std::string name = optional_text(src, pj, path, choice_value(p, spec));
        if (!set_choice_value(p, spec, name))
            src.fail(path, "expected " + expected_text(spec) + ", found \"" + name + "\"");
    } else if (spec.is_text()) {
        text_value(p, spec) = optional_text(src, pj, path, text_value(p, spec));
    } else if (spec.is_whole()) {
        set_whole_value(p, spec, read_whole(src, pj, spec.key.c_str(), whole_value(p, spec)));
    } else {
        set_number_value(p, spec, read_number(src, pj, spec.key.c_str(), number_value(p, spec)));
    }
}

// A lending run's books: file, hash and the protocol profile each was judged by.
ordered_json lending_books_json(const std::vector<ScenarioLendingBook>& books) {
    ordered_json out = ordered_json::array();
    for (const ScenarioLendingBook& b : books)
        out.push_back({{"file", b.file}, {"sha256", b.sha256}, {"protocol", ordered_json::parse(b.protocol_json)}});
    return out;
}

// Reads "books", validating each protocol profile where it can still be pointed at in this file.
std::vector<ScenarioLendingBook> read_lending_books(const JsonSource& src, const ordered_json& j) {
    const ordered_json& books = j.at("books");
    if (!books.is_array() || books.empty())
        src.fail("books", "expected an array of {\"file\": ..., \"sha256\": ..., \"protocol\": {...}}, one per book",
                 IssueCode::WrongType);
    if (j.contains("book") || j.contains("venue"))
        src.fail(j.contains("book") ? "book" : "venue",
                 "expected either \"book\" and \"venue\" (a position book) or \"books\" (lending books), found both");
    std::vector<ScenarioLendingBook> out;
    for (std::size_t i = 0; i < books.size(); ++i) {
        const std::string at = "books/" + std::to_string(i);
        const ordered_json& b = books[i];
        if (!b.is_object() || !b.contains("protocol") || !b.at("protocol").is_object())
            src.fail(at, "expected {\"file\": ..., \"sha256\": ..., \"protocol\": {...}}", IssueCode::WrongType);
        ScenarioLendingBook book;
        book.file = optional_text(src, b, at + "/file");
        book.sha256 = optional_text(src, b, at + "/sha256");
        book.protocol_json = b.at("protocol").dump();
        try {
            parse_protocol_profile(book.protocol_json, src.file);
        } catch (const DataError& e) {
            src.fail(at + "/protocol", e.issue().message, e.code());
        }
        out.push_back(std::move(book));
    }
    return out;
}

} // namespace

std::string write_scenario_json(const Scenario& s) {
    ordered_json params;
    for (const ParameterSpec& spec : parameter_table())
        params[spec.key] = parameter_json(s.params, spec);

    ordered_json j;
    j["levex_scenario"] = kFormat;
    j["program_version"] = s.program_version;
    if (s.is_lending())
        j["books"] = lending_books_json(s.lending_books);
    else
        j["book"] = {{"file", s.book_file}, {"sha256", s.book_sha256}};
    j["l2_book_sha256"] = s.l2_sha256.empty() ? ordered_json(nullptr) : ordered_json(s.l2_sha256);
    j["price_series_sha256"] = s.series_sha256.empty() ? ordered_json(nullptr) : ordered_json(s.series_sha256);
    j["parameters"] = params;
    if (!s.is_lending())
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
                     "unknown key; expected one of levex_scenario, program_version, book, books, l2_book_sha256, "
                     "price_series_sha256, parameters, venue",
                     IssueCode::UnknownKey);
    Scenario s;
    s.program_version = optional_text(src, j, "program_version");
    s.l2_sha256 = optional_text(src, j, "l2_book_sha256");
    s.series_sha256 = optional_text(src, j, "price_series_sha256");
    if (j.contains("books")) {
        s.lending_books = read_lending_books(src, j);
    } else {
        if (!j.contains("book") || !j.at("book").is_object())
            src.fail("book", "expected {\"file\": ..., \"sha256\": ...}");
        s.book_file = optional_text(src, j.at("book"), "book/file");
        s.book_sha256 = optional_text(src, j.at("book"), "book/sha256");
        // Validated here, where a bad rule can still be pointed at in this file.
        parse_venue_profile(text, file, "venue");
        s.venue_json = j.at("venue").dump();
    }
    if (!j.contains("parameters") || !j.at("parameters").is_object())
        src.fail("parameters", "expected an object");
    const ordered_json& pj = j.at("parameters");
    for (const auto& [key, value] : pj.items())
        if (!find_parameter(key))
            src.fail("parameters/" + key, "unknown parameter (see the scenario format in docs/formats.md §5)",
                     IssueCode::UnknownKey);
    for (const ParameterSpec& spec : parameter_table())
        read_parameter(src, pj, spec, s.params);
    if (const auto bad = check_run_parameters(s.params))
        src.fail("parameters/" + bad->key, "expected " + bad->expected + ", found " + bad->found,
                 IssueCode::OutOfRange);
    return s;
}

} // namespace levex
