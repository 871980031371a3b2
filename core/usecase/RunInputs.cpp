// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/RunInputs.h"

#include "core/base/ResourcePaths.h"
#include "core/model/ParameterTable.h"
#include "core/usecase/ScenarioOfRun.h"

namespace levex {

namespace {

// The book of a request (its CSV or its snapshot) into `inputs`; the venue is already resolved.
void resolve_book(const RunRequest& request, RunInputs& inputs, bool hash) {
    if (!request.snapshot.empty()) {
        if (!request.workspace)
            throw std::logic_error("resolve_run_inputs: a snapshot needs a workspace");
        SnapshotBook stored = load_snapshot_book(*request.workspace, request.snapshot);
        inputs.book_label = "snapshot '" + stored.info.name + "'";
        check_contract_units(stored.info.venue, inputs.venue, inputs.book_label);
        inputs.book = std::move(stored.book);
        inputs.book_path = stored.info.source_path;
        inputs.book_sha256 = stored.info.content_hash;
        inputs.snapshot = std::move(stored.info);
        return;
    }
    BookFile file = read_book_file(request.book_csv, contract_of(inputs.venue), request.read, hash);
    inputs.book = std::move(file.book);
    inputs.book_path = request.book_csv;
    inputs.book_label = request.book_csv;
    inputs.book_sha256 = std::move(file.sha256);
    inputs.notices = std::move(file.notices);
    inputs.skipped = std::move(file.skipped);
}

} // namespace

VenueProfile resolve_venue(const std::string& venue, const Scenario* scenario, const std::string& scenario_file,
                           const std::string& fallback) {
    if (!venue.empty() || !scenario)
        return load_venue_profile(venue.empty() ? fallback : venue, venue_dir());
    return parse_venue_profile(scenario->venue_json, scenario_file + ": venue");
}

RunInputs resolve_run_inputs(const RunRequest& request) {
    require_valid_parameters(request.params);
    RunInputs inputs;
    inputs.params = request.params;
    if (const std::vector<LendingBookSource> lending = lending_sources(request); !lending.empty()) {
        resolve_lending_books(request, lending, inputs);
        return inputs;
    }
    std::string fallback = "generic";
    if (!request.snapshot.empty() && request.workspace) {
        // The venue a snapshot was read with is its runs' default: look it up before the book.
        if (const auto info = request.workspace->find_snapshot(request.snapshot))
            fallback = info->venue;
    }
    inputs.venue = resolve_venue(request.venue, request.scenario, request.scenario_file, fallback);
    const Scenario* scenario = request.scenario;
    const bool pinned = scenario && !scenario->book_sha256.empty();
    resolve_book(request, inputs, request.hash_book || pinned);
    if (scenario)
        check_book_pin(*scenario, request.scenario_file, inputs.book_path, inputs.book_label, inputs.book_sha256);
    inputs.market = load_market_files(inputs.params);
    if (scenario) {
        check_pin("L2 book", inputs.params.book_file, scenario->l2_sha256, inputs.market.l2_sha256);
        check_pin("price series", inputs.params.price_series_file, scenario->series_sha256,
                  inputs.market.series_sha256);
    }
    inputs.start = resolve_run_start(*inputs.book, inputs.params, request.unnamed_symbol);
    return inputs;
}

} // namespace levex
