// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/ChartOutput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"
#include "app/cli/WorkspaceInput.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/TextFile.h"
#include "core/engine/MarketFactory.h"
#include "core/engine/Simulation.h"
#include "core/io/LendingRunReport.h"
#include "core/io/RunReport.h"
#include "core/io/ScenarioFile.h"
#include "core/usecase/LendingRun.h"
#include "core/usecase/RunInputs.h"
#include "core/usecase/ScenarioOfRun.h"

#include <chrono>
#include <iostream>
#include <memory>

namespace levex::cli {

namespace {

void add_simulate_options(CommandLine& cl) {
    cl.add(run_option_specs());
    cl.add({
        {"scenario", "FILE.json", "start from a scenario file; explicit options override it"},
        {"save-scenario", "FILE.json", "write the run's scenario (parameters, venue, hashes)"},
        {"json", "OUT.json", "write the summary to OUT.json (default: standard output)"},
        {"frames", "OUT.csv", "write the frames, long format: step,series,bin_low,bin_high,value"},
        {"series", "OUT.csv", "write the per-step series, one row per step (wide format)"},
        {"log", "OUT.csv", "write the liquidation log"},
        {"liquidated", "OUT.csv", "write the liquidated positions, one row each"},
        db_option_spec(),
        {"snapshot", "NAME", "simulate the workspace snapshot NAME instead of a BOOK.csv"},
        {"save-run", "", "store the scenario and the run (summary, series, frames, log) in the workspace"},
        {"run-name", "N", "name of the saved scenario (default: venue and shock)"},
    });
    cl.add(chart_option_specs(true));
}

void check_book_arguments(const CommandLine& cl) {
    const bool from_workspace = cl.has("snapshot");
    if (from_workspace ? !cl.positionals().empty() : cl.positionals().empty())
        throw UsageError("simulate expects one BOOK.csv, lending books BOOK.csv@PROTOCOL ..., or --snapshot NAME "
                         "without one (see levex-cli simulate --help)");
    if (cl.has("save-run") && !from_workspace)
        throw UsageError("--save-run stores the run with its snapshot: import the book (levex-cli import) and use "
                         "--snapshot NAME");
    check_chart_options(cl);
}

// The run the command line asks for; `scenario` and `workspace` must outlive the request.
RunRequest run_request(const CommandLine& cl, const std::optional<Scenario>& scenario, Workspace* workspace) {
    RunRequest request;
    request.params = scenario ? scenario->params : RunParameters{};
    apply_run_options(cl, request.params); // explicit options override the scenario
    request.venue = cl.text("venue", "");
    request.scenario = scenario ? &*scenario : nullptr;
    request.scenario_file = cl.text("scenario", "");
    request.read.skip_bad_rows = cl.has("skip-bad-rows");
    // The book's identity costs a pass over it: only when a scenario is written (or pins it).
    request.hash_book = cl.has("save-scenario");
    if (cl.has("snapshot")) {
        request.accept_lending = true; // a lending snapshot runs as one
        request.snapshot = cl.text("snapshot", "");
        request.workspace = workspace;
    } else {
        set_book_sources(cl.positionals(), request);
    }
    return request;
}

void save_run(const CommandLine& cl, Workspace& workspace, const RunInputs& in, const Scenario& scenario,
              const std::string& started_at, double duration_ms, const RunResult& result) {
    const std::string name =
        cl.text("run-name", in.venue.name + ", shock " + format_plain(in.params.shock * 100) + " %");
    const auto [scenario_id, run_id] = workspace.save_scenario_with_run(in.snapshot->id, name, scenario, started_at,
                                                                        duration_ms, in.start.symbol_name, result);
    std::cerr << "saved run " << run_id << " (scenario '" << name << "') with snapshot '" << in.snapshot->name
              << "' in " << workspace.path() << '\n';
}

void write_run_files(const CommandLine& cl, const RunInputs& in, const RunResult& result) {
    if (const auto out = cl.text("frames"))
        write_text_file(*out, frames_csv(result.frames));
    if (const auto out = cl.text("series"))
        write_text_file(*out, series_csv(result.frames, in.params.step_seconds));
    if (const auto out = cl.text("log"))
        write_text_file(*out, liquidation_log_csv(result.log, *in.book));
    if (const auto out = cl.text("liquidated"))
        write_text_file(*out, liquidated_positions_csv(result.log, *in.book));
    write_output(cl.text("json", ""), summary_json(result.summary));
}

// Stores a lending run with its scenario and the snapshot it ran.
void save_lending_run(const CommandLine& cl, Workspace& workspace, const RunInputs& in, const Scenario& scenario,
                      const std::string& started_at, double duration_ms, const LendingRunResult& result) {
    std::vector<std::int64_t> ids;
    for (const LendingBookInput& b : in.lending_books)
        ids.push_back(b.snapshot->id); // --save-run needs --snapshot: one stored book
    const std::string name = cl.text("run-name", in.lending_books.front().profile.name + ", " + in.params.symbol +
                                                     " shock " + format_plain(in.params.shock * 100) + " %");
    const auto [scenario_id, run_id] = workspace.save_scenario_with_lending_run(ids, name, scenario, started_at,
                                                                                duration_ms, in.params.symbol, result);
    std::cerr << "saved run " << run_id << " (scenario '" << name << "') with snapshot '" << in.snapshot->name
              << "' in " << workspace.path() << '\n';
}

// A run of lending books (docs/lending.md §7–§9): the summary and the log are the lending ones; the
// frames and series have a position book's shape.
int simulate_lending_books(const CommandLine& cl, const RunInputs& in, Workspace* workspace) {
    if (cl.has("liquidated") || cl.has("chart-out") || cl.has("animation"))
        throw UsageError("--liquidated, --chart-out and --animation are for position books; a lending run writes "
                         "--json, --log, --frames and --series");
    report_run_books(in);
    const bool save = cl.has("save-run");
    const RunOutputs outputs{save || cl.has("frames"), save || cl.has("log")};
    const std::string started_at = utc_now_iso8601();
    const auto t0 = std::chrono::steady_clock::now();
    const LendingRunResult result = run_lending(in, {}, outputs);
    const double duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const Scenario saved = scenario_of_run(in);
    if (const auto out = cl.text("save-scenario"))
        write_text_file(*out, write_scenario_json(saved));
    if (save)
        save_lending_run(cl, *workspace, in, saved, started_at, duration_ms, result);
    if (const auto out = cl.text("frames"))
        write_text_file(*out, frames_csv(result.frames));
    if (const auto out = cl.text("series"))
        write_text_file(*out, series_csv(result.frames, in.params.step_seconds));
    if (const auto out = cl.text("log"))
        write_text_file(*out, lending_log_csv(result.log, named_lending_books(in.lending_books)));
    write_output(cl.text("json", ""), lending_summary_json(result.summary));
    return 0;
}

} // namespace

int run_simulate(const std::vector<std::string>& args) {
    CommandLine cl(
        "levex-cli simulate BOOK.csv [options]\n       levex-cli simulate LENDING.csv@PROTOCOL ... [--symbol "
        "ASSET] [options]\n       levex-cli simulate --snapshot NAME [--db FILE] [--save-run] [options]",
        "Runs the liquidation cascade (docs/model.md §4) after a price shock and prints the summary as\n"
        "JSON. Lending books (docs/lending.md §7) share one market of the shocked asset, each under its\n"
        "own protocol. Infinite values are written inf on the command line and \"inf\" in JSON.");
    add_simulate_options(cl);
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    check_book_arguments(cl);
    std::optional<Scenario> scenario;
    if (const auto file = cl.text("scenario"))
        scenario = parse_scenario_json(read_text_file(*file), *file);
    RunRequest request = run_request(cl, scenario, nullptr);
    std::unique_ptr<Workspace> workspace;
    if (cl.has("snapshot"))
        request.workspace = (workspace = open_workspace(workspace_path(cl))).get();
    const RunInputs in = resolve_run_inputs(request);
    if (in.kind == BookKind::Lending)
        return simulate_lending_books(cl, in, workspace.get());
    report_book_reading(in.book_label, in.notices, in.skipped, in.book->positions());
    if (const auto notice = market_start_notice(in.params, market_start(in.params, in.start.mark, in.market.market)))
        std::cerr << "notice: " << *notice << '\n';

    // Histograms and the log only when they are written or stored: the summary needs neither.
    const bool save = cl.has("save-run");
    const RunOutputs outputs{save || cl.has("frames") || charts_need_histograms(cl),
                             save || cl.has("log") || cl.has("liquidated")};
    const std::string started_at = utc_now_iso8601();
    const auto t0 = std::chrono::steady_clock::now();
    RunResult result = simulate(*in.book, in.venue, in.params, in.market.market, {}, outputs);
    const double duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const Scenario saved = scenario_of_run(in);
    if (const auto out = cl.text("save-scenario"))
        write_text_file(*out, write_scenario_json(saved));
    if (save)
        save_run(cl, *workspace, in, saved, started_at, duration_ms, result);
    write_run_files(cl, in, result);
    write_run_charts(cl, std::move(result), ChartContext{in.params, in.book_path, in.start.symbol_name, in.venue.name});
    return 0;
}

} // namespace levex::cli
