// SPDX-License-Identifier: GPL-3.0-or-later
// Lending books through the use-case layer (docs/lending.md §9): resolving a run, its scenario and
// its pins, importing a lending book, sweeps and Monte Carlo.
#include "tests/core/UseCaseFiles.h"

#include "core/io/LendingRunReport.h"
#include "core/model/ParameterError.h"
#include "core/usecase/ImportBook.h"
#include "core/usecase/LendingRun.h"
#include "core/usecase/OpenScenario.h"
#include "core/usecase/RunInputs.h"
#include "core/usecase/RunStudies.h"
#include "core/usecase/ScenarioOfRun.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace levex {
namespace {

namespace fs = std::filesystem;

std::string sample(const std::string& name) {
    return std::string(LEVEX_RESOURCE_DIR) + "/samples/" + name;
}

// Copies of the two bundled samples in the test's folder.
std::pair<std::string, std::string> sample_copies(const fs::path& dir) {
    const std::string a = (dir / "v2.csv").string(), b = (dir / "v3.csv").string();
    fs::copy_file(sample("aave-v2-steth-2023-06.csv"), a);
    fs::copy_file(sample("aave-v3-steth-2023-06.csv"), b);
    return {a, b};
}

RunRequest two_books(const std::string& a, const std::string& b) {
    RunRequest request;
    request.lending_books = {parse_lending_book_argument(a + "@aave-v2-ethereum"),
                             parse_lending_book_argument(b + "@aave-v3-ethereum")};
    request.params.shock = -0.05;
    request.params.steps = 50;
    return request;
}

std::string key_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const ParameterError& e) {
        return e.key();
    }
    return "";
}

TEST(LendingUseCase, NamesABookAndItsProtocolInOneArgument) {
    EXPECT_EQ(parse_lending_book_argument("a.csv@aave-v2-ethereum"),
              (LendingBookSource{"a.csv", "", "aave-v2-ethereum"}));
    EXPECT_EQ(parse_lending_book_argument("dir/a@b.csv@p.json"), (LendingBookSource{"dir/a@b.csv", "", "p.json"}));
    EXPECT_EQ(parse_lending_book_argument("a.csv"), (LendingBookSource{"a.csv", "", ""}));
    EXPECT_EQ(book_file_kind(sample("aave-v2-steth-2023-06.csv")), BookKind::Lending);
}

TEST(LendingUseCase, ResolvesTwoBooksWithTheirProtocolsAndTheShockedAsset) {
    const auto [a, b] = sample_copies(test::test_folder());
    const RunInputs in = resolve_run_inputs(two_books(a, b));
    EXPECT_EQ(in.kind, BookKind::Lending);
    EXPECT_EQ(in.book, nullptr);
    ASSERT_EQ(in.lending_books.size(), 2u);
    EXPECT_EQ(in.lending_books[0].profile.name, "aave-v2-ethereum");
    EXPECT_EQ(in.lending_books[1].protocol, "aave-v3-ethereum");
    EXPECT_EQ(in.lending_books[0].book->accounts(), 1309u);
    EXPECT_EQ(in.params.symbol, "STETH"); // the largest collateral of the first book
    EXPECT_EQ(in.start.symbol_name, "STETH");
    EXPECT_NEAR(in.start.mark, 0.999740850153, 1e-12);
    EXPECT_EQ(in.book_label, a + " + " + b);
    // The default base value of the v3 dollar rules is shown as the assumption it is.
    EXPECT_TRUE(std::any_of(in.notices.begin(), in.notices.end(),
                            [](const Issue& i) { return i.field == "protocol_base_value"; }));
    const LendingRunResult r = run_lending(in);
    EXPECT_EQ(r.summary.books.size(), 2u);
    EXPECT_EQ(r.summary.symbol, "STETH");
}

TEST(LendingUseCase, ALendingCsvIsRunAsOneWhenTheFrontEndAcceptsIt) {
    const auto [a, b] = sample_copies(test::test_folder());
    RunRequest request;
    request.book_csv = a;
    request.params.protocol = "aave-v2-ethereum";
    EXPECT_THROW(resolve_run_inputs(request), DataError); // a front end that cannot show one
    request.accept_lending = true;
    EXPECT_EQ(resolve_run_inputs(request).kind, BookKind::Lending);
    request.params.protocol.clear();
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "protocol");
    request.params.protocol = "aave-v2-ethereum";
    request.params.symbol = "DOGE";
    EXPECT_EQ(key_of([&] { resolve_run_inputs(request); }), "symbol");
    request.params.symbol = "steth"; // any case
    EXPECT_EQ(resolve_run_inputs(request).lending_books.size(), 1u);
    request.book_csv = b;
    request.params.protocol = "aave-v3-ethereum";
    request.params.symbol = "wstETH"; // an alias of the v3 profile's STETH
    EXPECT_EQ(resolve_run_inputs(request).lending_books.size(), 1u);
}

TEST(LendingUseCase, AScenarioPinsEveryBookAndItsProtocol) {
    const auto dir = test::test_folder();
    const auto [a, b] = sample_copies(dir);
    RunRequest request = two_books(a, b);
    request.hash_book = true;
    const RunInputs in = resolve_run_inputs(request);
    const Scenario s = scenario_of_run(in);
    ASSERT_TRUE(s.is_lending());
    ASSERT_EQ(s.lending_books.size(), 2u);
    EXPECT_EQ(s.lending_books[1].protocol_json, in.lending_books[1].profile.json);
    const std::string file = test::write_file(dir / "s.levex.json", write_scenario_json(s));
    const Scenario read = parse_scenario_json(read_text_file(file), file);
    EXPECT_EQ(write_scenario_json(read), write_scenario_json(s));

    const OpenedScenario opened = open_scenario_file(file, (dir / "profiles").string());
    ASSERT_EQ(opened.lending_books.size(), 2u);
    EXPECT_EQ(opened.lending_books[0].protocol, "aave-v2-ethereum"); // the bundled text: named
    EXPECT_EQ(opened.lending_books[1].csv, b);

    // The scenario's books, with their pinned protocols, reproduce the run.
    RunRequest again;
    again.scenario = &read;
    again.scenario_file = file;
    again.params = read.params;
    again.lending_books = {{a, "", ""}, {b, "", ""}};
    const RunInputs in2 = resolve_run_inputs(again);
    EXPECT_EQ(in2.lending_books[1].profile.name, "aave-v3-ethereum");
    EXPECT_EQ(lending_summary_json(run_lending(in2).summary), lending_summary_json(run_lending(in).summary));

    // A changed book, or a different number of books, is refused.
    std::string text = read_text_file(b);
    text.back() = ' ';
    write_text_file(b, text + "\n");
    EXPECT_THROW(resolve_run_inputs(again), DataError);
    again.lending_books.pop_back();
    EXPECT_THROW(resolve_run_inputs(again), DataError);
}

TEST(LendingUseCase, ImportsALendingBookAndRunsTheSnapshot) {
    const auto dir = test::test_folder();
    const auto [a, b] = sample_copies(dir);
    Workspace ws((dir / "w.db").string());
    ImportRequest request;
    request.path = a;
    EXPECT_EQ(key_of([&] { read_importable_book(request); }), "protocol");
    request.protocol = "aave-v2-ethereum";
    const ImportableBook book = read_importable_book(request);
    EXPECT_EQ(book.kind, BookKind::Lending);
    const ImportResult stored = store_importable_book(ws, book);
    EXPECT_EQ(stored.snapshot.kind, BookKind::Lending);
    EXPECT_EQ(stored.snapshot.venue, "aave-v2-ethereum");
    EXPECT_EQ(stored.snapshot.positions, 1309u);

    RunRequest run;
    run.snapshot = stored.snapshot.name;
    run.workspace = &ws;
    run.accept_lending = true;
    run.params.shock = -0.05;
    const RunInputs in = resolve_run_inputs(run);
    ASSERT_EQ(in.lending_books.size(), 1u);
    EXPECT_EQ(in.lending_books[0].protocol, "aave-v2-ethereum"); // the snapshot's
    EXPECT_EQ(in.lending_books[0].label, "snapshot 'v2'");
    EXPECT_EQ(in.lending_books[0].sha256, stored.snapshot.content_hash);
}

TEST(LendingUseCase, SweepsAndMonteCarloRunOnLendingBooks) {
    const auto [a, b] = sample_copies(test::test_folder());
    RunRequest request = two_books(a, b);
    request.params.vol = 0.002;
    request.params.steps = 40;
    const StudyInputs in = study_inputs(resolve_run_inputs(request));
    SweepSpec spec;
    spec.x = parse_axis("shock:-0.2:0:3");
    spec.y = parse_axis("depth-scale:0.5:2:2");
    spec.metric = "collateral_seized";
    const SweepResult whole = run_sweep_study(in, spec);
    ASSERT_EQ(whole.values.size(), 6u);
    EXPECT_GE(whole.values[0], whole.values[2]); // the deeper fall seizes more
    const SweepResult batched = run_sweep_study(
        in, spec, [](std::size_t, const SweepResult&) { return true; }, 1);
    EXPECT_EQ(batched.values, whole.values);
    spec.y = parse_axis("leverage-mult:1:2:2");
    EXPECT_THROW(run_sweep_study(in, spec), UsageError);

    MonteCarloSpec mc;
    mc.paths = 6;
    const MonteCarloResult r = run_monte_carlo_study(in, mc);
    EXPECT_EQ(r.price_fan.size(), 40u);
    EXPECT_NE(std::find(r.metrics.begin(), r.metrics.end(), "bad_debt_base"), r.metrics.end());
    mc.threads = 1;
    EXPECT_EQ(run_monte_carlo_study(in, mc).metric_bands, r.metric_bands);
}

} // namespace
} // namespace levex
