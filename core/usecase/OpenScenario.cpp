// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/OpenScenario.h"

#include "core/base/Issue.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/ScenarioOfRun.h"

#include <algorithm>
#include <filesystem>

namespace levex {

namespace {

namespace fs = std::filesystem;

std::string file_sha256(const std::string& path) {
    const MappedFile file(path);
    return sha256_hex(file.bytes());
}

// The book as named (relative names from the scenario's folder), else a file of that name beside it.
std::string locate_book(const std::string& book_file, const std::string& scenario_path) {
    const fs::path named(book_file);
    const fs::path here = fs::absolute(scenario_path).parent_path();
    if (!book_file.empty())
        for (const fs::path& candidate : {named.is_absolute() ? named : here / named, here / named.filename()})
            if (fs::is_regular_file(candidate))
                return candidate.string();
    throw DataError({Severity::Error, scenario_path, 0, 0, "book_file",
                     "expected the book '" + book_file + "' (as named, or beside the scenario), found no such file"});
}

// A bundled protocol when the pinned one is its exact text, else the pinned one as a user file.
std::string protocol_for(const std::string& pinned_json, const std::string& where, const std::string& profile_folder) {
    const ProtocolProfile pinned = parse_protocol_profile(pinned_json, where);
    const auto bundled = list_protocol_profiles(protocol_dir());
    if (std::find(bundled.begin(), bundled.end(), pinned.name) != bundled.end() &&
        load_protocol(pinned.name).json == pinned_json)
        return pinned.name;
    fs::create_directories(profile_folder);
    const std::string file = (fs::path(profile_folder) / (pinned.name + ".json")).string();
    write_text_file(file, pinned_json);
    return file;
}

// A lending scenario: each book found and checked against its pin, each protocol named.
void open_lending_books(const std::string& path, const std::string& profile_folder, OpenedScenario& opened) {
    const Scenario& s = opened.scenario;
    for (std::size_t i = 0; i < s.lending_books.size(); ++i) {
        const ScenarioLendingBook& b = s.lending_books[i];
        LendingBookSource source;
        source.csv = locate_book(b.file, path);
        check_pin("book " + std::to_string(i + 1) + " of scenario " + path, source.csv, b.sha256,
                  file_sha256(source.csv));
        source.protocol =
            protocol_for(b.protocol_json, path + ": books/" + std::to_string(i) + "/protocol", profile_folder);
        opened.lending_books.push_back(std::move(source));
    }
    opened.book_path = opened.lending_books.front().csv;
}

// An L2 or price-series file the scenario pinned: it must exist and be the same file.
void check_pinned_file(const std::string& what, const std::string& path, const std::string& pinned) {
    if (pinned.empty() || path.empty())
        return;
    if (!fs::exists(path))
        throw DataError(
            {Severity::Error, path, 0, 0, "", "expected the " + what + " the scenario names, found no such file"});
    check_pin(what, path, pinned, file_sha256(path));
}

// A bundled profile when the pinned one is its exact text, else the pinned one as a user file.
std::string venue_for(const Scenario& s, const std::string& scenario_path, const std::string& profile_folder) {
    const VenueProfile pinned = parse_venue_profile(s.venue_json, scenario_path + ": venue");
    const auto bundled = list_venue_profiles(venue_dir());
    if (std::find(bundled.begin(), bundled.end(), pinned.name) != bundled.end() &&
        load_venue_profile(pinned.name, venue_dir()).json == s.venue_json)
        return pinned.name;
    fs::create_directories(profile_folder);
    const std::string file = (fs::path(profile_folder) / (pinned.name + ".json")).string();
    write_text_file(file, s.venue_json);
    return file;
}

} // namespace

OpenedScenario open_scenario_file(const std::string& path, const std::string& profile_folder) {
    OpenedScenario opened;
    opened.scenario = parse_scenario_json(read_text_file(path), path);
    const Scenario& s = opened.scenario;
    if (s.is_lending()) {
        open_lending_books(path, profile_folder, opened);
    } else {
        opened.book_path = locate_book(s.book_file, path);
        check_book_pin(s, path, opened.book_path, opened.book_path, file_sha256(opened.book_path));
    }
    check_pinned_file("L2 book", s.params.book_file, s.l2_sha256);
    check_pinned_file("price series", s.params.price_series_file, s.series_sha256);
    if (!s.is_lending())
        opened.venue = venue_for(s, path, profile_folder);
    return opened;
}

} // namespace levex
