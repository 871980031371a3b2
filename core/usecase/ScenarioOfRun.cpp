// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/ScenarioOfRun.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"

namespace levex {

namespace {

std::string file_sha256(const std::string& path) {
    const MappedFile file(path);
    return sha256_hex(file.bytes());
}

std::string short_hash(const std::string& sha256) {
    return sha256.substr(0, 12) + "…";
}

// The L2 and price-series pins of the files the parameters name.
void pin_market_files(const RunParameters& params, Scenario& s) {
    if (params.depth_model == DepthModel::L2Book && !params.book_file.empty())
        s.l2_sha256 = file_sha256(params.book_file);
    if (!params.price_series_file.empty())
        s.series_sha256 = file_sha256(params.price_series_file);
}

} // namespace

Scenario scenario_of_run(const RunInputs& inputs) {
    Scenario s;
    s.params = inputs.params;
    if (inputs.kind == BookKind::Lending) {
        for (const LendingBookInput& b : inputs.lending_books)
            s.lending_books.push_back({b.path, b.sha256, b.profile.json});
    } else {
        s.venue_json = inputs.venue.json;
        s.book_file = inputs.book_path;
        s.book_sha256 = inputs.book_sha256;
    }
    s.l2_sha256 = inputs.market.l2_sha256;
    s.series_sha256 = inputs.market.series_sha256;
    s.program_version = version();
    return s;
}

Scenario scenario_of_run(const RunParameters& params, const std::string& venue, const std::string& book_path,
                         const std::string& book_sha256) {
    Scenario s;
    s.params = params;
    s.venue_json = load_venue_profile(venue, venue_dir()).json;
    s.book_file = book_path;
    s.book_sha256 = book_sha256.empty() ? file_sha256(book_path) : book_sha256;
    pin_market_files(params, s);
    s.program_version = version();
    return s;
}

Scenario scenario_of_lending_run(const RunParameters& params, const std::vector<LendingBookInput>& books) {
    Scenario s;
    s.params = params;
    for (const LendingBookInput& b : books)
        s.lending_books.push_back({b.path, b.sha256.empty() ? file_sha256(b.path) : b.sha256, b.profile.json});
    pin_market_files(params, s);
    s.program_version = version();
    return s;
}

void check_pin(const std::string& what, const std::string& path, const std::string& pinned, const std::string& actual) {
    if (!pinned.empty() && pinned != actual)
        throw DataError({Severity::Error, path, 0, 0, "",
                         "expected the " + what + " the scenario pinned (sha256 " + short_hash(pinned) +
                             "), found a different file"});
}

void check_book_pin(const Scenario& scenario, const std::string& scenario_file, const std::string& book_path,
                    const std::string& book_label, const std::string& actual) {
    if (scenario.book_sha256.empty() || scenario.book_sha256 == actual)
        return;
    throw DataError({Severity::Error, book_path, 0, 0, "",
                     "expected the book of scenario " + scenario_file + " (sha256 " + short_hash(scenario.book_sha256) +
                         "), found a different file: " + book_label + " (sha256 " + short_hash(actual) + ")"});
}

} // namespace levex
