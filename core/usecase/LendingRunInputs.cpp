// SPDX-License-Identifier: GPL-3.0-or-later
// resolve_run_inputs for lending books (docs/lending.md §9).
#include "core/base/NumberFormat.h"
#include "core/engine/PreparedLendingBook.h"
#include "core/model/LendingTerms.h"
#include "core/model/ParameterError.h"
#include "core/model/RunParameters.h"
#include "core/usecase/RunInputs.h"
#include "core/usecase/ScenarioOfRun.h"

#include <algorithm>
#include <cmath>

namespace levex {

namespace {

// The protocol of book `i`: its own, the scenario's pin, the run's, its snapshot's.
void resolve_protocol(const RunRequest& request, const LendingBookSource& source, std::size_t i,
                      const std::optional<SnapshotInfo>& snapshot, LendingBookInput& in) {
    const Scenario* scenario = request.scenario;
    std::string name = source.protocol;
    if (name.empty() && scenario && scenario->is_lending()) {
        in.profile = parse_protocol_profile(scenario->lending_books[i].protocol_json,
                                            request.scenario_file + ": books/" + std::to_string(i) + "/protocol");
        in.protocol = in.profile.name;
        return;
    }
    if (name.empty())
        name = request.params.protocol;
    if (name.empty() && snapshot)
        name = snapshot->venue;
    if (name.empty())
        throw ParameterError({"protocol",
                              "a protocol profile for the lending book " + in.label +
                                  " (name it as BOOK.csv@PROTOCOL, or give the run's protocol)",
                              "none"});
    in.profile = load_protocol(name);
    in.protocol = protocol_reference(name);
}

LendingBookInput load_book(const RunRequest& request, const LendingBookSource& source, std::size_t i, bool hash) {
    LendingBookInput in;
    std::optional<SnapshotInfo> snapshot;
    if (!source.snapshot.empty()) {
        if (!request.workspace)
            throw std::logic_error("resolve_run_inputs: a snapshot needs a workspace");
        snapshot = find_named_snapshot(*request.workspace, source.snapshot);
        in.label = "snapshot '" + snapshot->name + "'";
    } else {
        in.label = source.csv;
    }
    resolve_protocol(request, source, i, snapshot, in);
    if (snapshot) {
        in.book = std::make_shared<const LendingBook>(request.workspace->load_lending_book(snapshot->id));
        in.path = snapshot->source_path;
        in.sha256 = snapshot->content_hash;
        in.snapshot = std::move(snapshot);
        return in;
    }
    LendingBookFile file = read_lending_book_file(source.csv, &in.profile, request.read, hash);
    in.book = std::move(file.book);
    in.path = source.csv;
    in.sha256 = std::move(file.sha256);
    in.notices = std::move(file.notices);
    in.skipped = std::move(file.skipped);
    return in;
}

// The shocked asset: `symbol`, which some book must hold, else the first book's largest collateral.
std::string resolve_symbol(const RunInputs& inputs) {
    const std::string& wanted = inputs.params.symbol;
    const LendingBookInput& first = inputs.lending_books.front();
    if (wanted.empty()) {
        const std::string largest =
            largest_collateral_asset(*first.book, resolve_lending_terms(*first.book, &first.profile));
        if (largest.empty())
            throw ParameterError({"symbol", "an asset to shock (" + first.label + " holds no collateral)", "none"});
        return largest;
    }
    std::string assets;
    for (const LendingBookInput& b : inputs.lending_books) {
        if (find_book_asset(*b.book, b.profile, wanted) != LendingBook::npos)
            return wanted;
        for (const std::string& a : b.book->asset_names)
            assets += (assets.empty() ? "" : ", ") + a;
    }
    throw ParameterError({"symbol", "an asset of the lending books (" + assets + ")", "'" + wanted + "'"});
}

// What a user should know about the figures: books in different base currencies add up as they are;
// the base value of the protocol's dollar rules is an assumption unless given.
void add_notices(RunInputs& inputs) {
    const std::string& symbol = inputs.params.symbol;
    double lo = HUGE_VAL, hi = 0.0;
    bool dollar_rules = false;
    for (const LendingBookInput& b : inputs.lending_books) {
        if (const std::size_t a = find_book_asset(*b.book, b.profile, symbol); a != LendingBook::npos) {
            lo = std::min(lo, b.book->asset_price[a]);
            hi = std::max(hi, b.book->asset_price[a]);
        }
        const CloseFactorRule& rule = b.profile.close_factor;
        dollar_rules = dollar_rules || !std::isnan(rule.full_below_base) || !std::isnan(rule.min_leftover_base);
    }
    const std::string file = inputs.lending_books.front().label;
    if (hi > 2.0 * lo)
        inputs.notices.push_back({Severity::Notice, file, 0, 0, "symbol",
                                  "the books price " + symbol + " at " + format_plain(lo) + " and " + format_plain(hi) +
                                      ": their base currencies may differ, and the totals add their *_base figures "
                                      "as they are"});
    if (dollar_rules && inputs.params.protocol_base_value == RunParameters{}.protocol_base_value)
        inputs.notices.push_back(
            {Severity::Notice, file, 0, 0, "protocol_base_value",
             "protocol_base_value " + format_plain(inputs.params.protocol_base_value) +
                 " (a user assumption: USD per ETH on 19 June 2023) values the books' base currency for the "
                 "protocol's dollar rules; set it for books in another base currency or on another day"});
}

} // namespace

std::vector<LendingBookSource> lending_sources(const RunRequest& request) {
    if (!request.lending_books.empty())
        return request.lending_books;
    if (!request.accept_lending)
        return {};
    if (!request.snapshot.empty() && request.workspace) {
        const auto info = request.workspace->find_snapshot(request.snapshot);
        return info && info->kind == BookKind::Lending ? std::vector<LendingBookSource>{{"", request.snapshot, ""}}
                                                       : std::vector<LendingBookSource>{};
    }
    if (!request.book_csv.empty() && book_file_kind(request.book_csv) == BookKind::Lending)
        return {{request.book_csv, "", ""}};
    return {};
}

void resolve_lending_books(const RunRequest& request, const std::vector<LendingBookSource>& sources,
                           RunInputs& inputs) {
    const Scenario* scenario = request.scenario;
    if (scenario && !scenario->is_lending())
        throw DataError({Severity::Error, request.scenario_file, 0, 0, "book",
                         "expected a scenario of lending books (\"books\"), found one of a position book"});
    if (scenario && scenario->lending_books.size() != sources.size())
        throw DataError({Severity::Error, request.scenario_file, 0, 0, "books",
                         "expected the " + std::to_string(scenario->lending_books.size()) +
                             " book(s) the scenario pinned, found " + std::to_string(sources.size())});
    inputs.kind = BookKind::Lending;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string pin = scenario ? scenario->lending_books[i].sha256 : std::string();
        LendingBookInput book = load_book(request, sources[i], i, request.hash_book || !pin.empty());
        check_pin("book " + std::to_string(i + 1) + " of scenario " + request.scenario_file, book.path, pin,
                  book.sha256);
        inputs.notices.insert(inputs.notices.end(), book.notices.begin(), book.notices.end());
        inputs.lending_books.push_back(std::move(book));
    }
    const LendingBookInput& first = inputs.lending_books.front();
    inputs.book_path = first.path;
    inputs.book_sha256 = first.sha256;
    inputs.snapshot = first.snapshot;
    for (const LendingBookInput& b : inputs.lending_books)
        inputs.book_label += (inputs.book_label.empty() ? "" : " + ") + b.label;
    inputs.market = load_market_files(inputs.params);
    if (scenario) {
        check_pin("L2 book", inputs.params.book_file, scenario->l2_sha256, inputs.market.l2_sha256);
        check_pin("price series", inputs.params.price_series_file, scenario->series_sha256,
                  inputs.market.series_sha256);
    }
    inputs.params.symbol = resolve_symbol(inputs);
    inputs.start.symbol_name = inputs.params.symbol;
    inputs.start.mark = inputs.params.mark;
    for (const LendingBookInput& b : inputs.lending_books)
        if (const std::size_t a = find_book_asset(*b.book, b.profile, inputs.params.symbol);
            std::isnan(inputs.start.mark) && a != LendingBook::npos)
            inputs.start.mark = b.book->asset_price[a];
    add_notices(inputs);
}

} // namespace levex
