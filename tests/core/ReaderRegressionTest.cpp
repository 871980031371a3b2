// SPDX-License-Identifier: GPL-3.0-or-later
// Every input the fuzzers (tests/fuzz) ever crashed on, and the hand-made nasty ones beside them,
// read by the normal build: each must end in a result or a located DataError with an IssueCode,
// nothing else.
#include "core/base/Issue.h"
#include "core/base/TextFile.h"
#include "core/io/LendingBookReader.h"
#include "core/io/LendingInspectReport.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/io/PositionCsvReader.h"
#include "core/io/PriceSeriesCsvReader.h"
#include "core/io/ScenarioFile.h"
#include "core/model/LendingLiquidation.h"
#include "core/model/ProtocolProfile.h"
#include "core/model/VenueProfile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>

using namespace levex;

namespace {

// "FILE:LINE:COLUMN: …" with LINE and COLUMN numbers.
bool located(const std::string& message) {
    std::size_t at = message.find(':');
    for (int part = 0; part < 2; ++part) {
        const std::size_t start = at + 1;
        at = message.find(':', start);
        if (at == std::string::npos || at == start || message.find_first_not_of("0123456789", start) != at)
            return false;
    }
    return message.compare(at, 2, ": ") == 0;
}

// Reads every fixture of `reader` with `read`; a DataError must say FILE:LINE:COLUMN.
void read_every_fixture(const std::string& reader, const std::function<void(const std::string&)>& read) {
    const std::filesystem::path dir = std::filesystem::path(LEVEX_FUZZ_REGRESSION_DIR) / reader;
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        SCOPED_TRACE(name);
        const std::string bytes = read_text_file(entry.path().string());
        try {
            read(bytes);
        } catch (const DataError& e) {
            EXPECT_TRUE(located(e.what())) << e.what();
            EXPECT_NE(e.code(), IssueCode::Unspecified) << e.what();
        }
        ++count;
    }
    EXPECT_GT(count, 0u) << "no fixtures in " << dir;
}

} // namespace

TEST(ReaderRegressions, PositionsCsv) {
    read_every_fixture("positions_csv", [](const std::string& bytes) {
        for (BadRowPolicy policy : {BadRowPolicy::Strict, BadRowPolicy::SkipBadRows}) {
            PositionCsvOptions options;
            options.policy = policy;
            const PositionCsvResult r = parse_positions_csv(bytes, "f.csv", options);
            for (const Issue& issue : r.issues) {
                EXPECT_LT(issue.message.size(), 2000u) << "a message a user can read";
                EXPECT_NE(issue.code, IssueCode::Unspecified) << issue.message;
            }
        }
    });
}

TEST(ReaderRegressions, OrderBookCsv) {
    read_every_fixture("order_book_csv", [](const std::string& bytes) { parse_order_book_csv(bytes, "f.csv"); });
}

TEST(ReaderRegressions, PriceSeriesCsv) {
    read_every_fixture("price_series_csv", [](const std::string& bytes) { parse_price_series_csv(bytes, "f.csv"); });
}

TEST(ReaderRegressions, VenueJson) {
    read_every_fixture("venue_json", [](const std::string& bytes) { parse_venue_profile(bytes, "f.json"); });
}

TEST(ReaderRegressions, ScenarioJson) {
    read_every_fixture("scenario_json", [](const std::string& bytes) {
        const Scenario s = parse_scenario_json(bytes, "f.json");
        parse_scenario_json(write_scenario_json(s), "again.json");
    });
}

TEST(ReaderRegressions, LendingCsv) {
    const ProtocolProfile profile =
        load_protocol_profile("aave-v3-ethereum", std::string(LEVEX_RESOURCE_DIR) + "/protocols");
    read_every_fixture("lending_csv", [&](const std::string& bytes) {
        for (BadRowPolicy policy : {BadRowPolicy::Strict, BadRowPolicy::SkipBadRows}) {
            LendingCsvOptions options;
            options.policy = policy;
            options.profile = &profile;
            const LendingCsvResult r = parse_lending_csv(bytes, "f.csv", options);
            for (const Issue& issue : r.issues)
                EXPECT_LT(issue.message.size(), 2000u) << "a message a user can read";
            if (!r.ok)
                continue;
            const LendingTerms terms = resolve_lending_terms(r.book, &profile);
            LendingState state = LendingState::of(r.book);
            for (std::size_t a = 0; a < r.book.accounts(); ++a) {
                EXPECT_FALSE(std::isnan(account_health(r.book, terms, state, a).health_factor()));
                liquidate_account(r.book, terms, profile, state, a);
            }
            write_lending_inspect_csv(r.book, profile);
        }
    });
}

TEST(ReaderRegressions, ProtocolJson) {
    read_every_fixture("protocol_json", [](const std::string& bytes) { parse_protocol_profile(bytes, "f.json"); });
}
