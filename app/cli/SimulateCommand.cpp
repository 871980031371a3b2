// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/ChartOutput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"
#include "app/cli/WorkspaceInput.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/ResourcePaths.h"
#include "core/base/Sha256.h"
#include "core/base/TextFile.h"
#include "core/engine/Simulation.h"
#include "core/io/RunReport.h"
#include "core/io/ScenarioFile.h"

#include <chrono>
#include <iostream>
#include <memory>

namespace levex::cli {

int run_simulate(const std::vector<std::string>& args) {
    std::vector<OptionSpec> specs = run_option_specs();
    specs.insert(specs.end(),
                 {
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
    const std::vector<OptionSpec> charts = chart_option_specs(true);
    specs.insert(specs.end(), charts.begin(), charts.end());
    specs.push_back({"help", "", "show this help"});
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::cout << format_help(
            "levex-cli simulate BOOK.csv [options]\n       levex-cli simulate --snapshot NAME [--db FILE] "
            "[--save-run] [options]",
            "Runs the liquidation cascade (docs/model.md §4) after a price shock and prints the summary as\n"
            "JSON. Infinite values are written inf on the command line and \"inf\" in JSON.",
            specs);
        return 0;
    }
    const bool from_workspace = cl.has("snapshot");
    if (from_workspace ? !cl.positionals().empty() : cl.positionals().size() != 1)
        throw UsageError(
            "simulate expects one BOOK.csv, or --snapshot NAME without one (see levex-cli simulate --help)");
    if (cl.has("save-run") && !from_workspace)
        throw UsageError("--save-run stores the run with its snapshot: import the book (levex-cli import) and use "
                         "--snapshot NAME");
    check_chart_options(cl);

    // A scenario pins the parameters and the venue; explicit options override them.
    std::optional<Scenario> scenario;
    if (const auto file = cl.text("scenario"))
        scenario = parse_scenario_json(read_text_file(*file), *file);
    RunParameters params = scenario ? scenario->params : RunParameters{};
    apply_run_options(cl, params);

    std::unique_ptr<Workspace> workspace;
    std::optional<SnapshotInfo> snapshot;
    if (from_workspace) {
        workspace = open_workspace(workspace_path(cl));
        snapshot = find_snapshot_or_throw(*workspace, cl.text("snapshot", ""));
    }
    // The venue: --venue, else the scenario's, else the one the snapshot was read with.
    const std::string default_venue = snapshot ? snapshot->venue : "generic";
    const VenueProfile venue = cl.has("venue") || !scenario
                                   ? load_venue_profile(cl.text("venue", default_venue), venue_dir())
                                   : parse_venue_profile(scenario->venue_json, *cl.text("scenario") + ": venue");

    std::unique_ptr<MappedFile> file;
    std::string book_path, book_sha;
    PositionBook book;
    if (snapshot) {
        const ContractSpec read_as = contract_of(load_venue_profile(snapshot->venue, venue_dir()));
        const ContractSpec run_as = contract_of(venue);
        if (read_as.inverse != run_as.inverse || read_as.contract_size != run_as.contract_size)
            throw UsageError("snapshot '" + snapshot->name + "' was read with venue '" + snapshot->venue +
                             "', whose contract units differ from '" + venue.name +
                             "': import the file again with --venue " + venue.name);
        book_path = snapshot->source_path;
        book_sha = snapshot->content_hash;
        book = workspace->load_book(snapshot->id);
    } else {
        book_path = cl.positionals()[0];
        file = std::make_unique<MappedFile>(book_path);
        // The book's identity, only when a scenario pins it or is being written (hashing costs a pass).
        if (scenario || cl.has("save-scenario"))
            book_sha = sha256_hex(file->bytes());
    }
    const std::string book_name = snapshot ? "snapshot '" + snapshot->name + "'" : book_path;
    if (scenario && !scenario->book_sha256.empty() && scenario->book_sha256 != book_sha)
        throw DataError({Severity::Error, book_path, 0, 0, "",
                         "expected the book of scenario " + *cl.text("scenario") + " (sha256 " +
                             scenario->book_sha256.substr(0, 12) + "…), found a different one in " + book_name +
                             " (sha256 " + book_sha.substr(0, 12) + "…)"});
    if (!snapshot)
        book = read_book_or_throw(book_path, venue, cl.has("skip-bad-rows"), '\0', file->bytes());
    RunInputs inputs = load_run_inputs(params);
    if (scenario) {
        check_pinned_hash("L2 book", params.book_file, scenario->l2_sha256, inputs.l2_sha256);
        check_pinned_hash("price series", params.price_series_file, scenario->series_sha256, inputs.series_sha256);
    }

    // Histograms and the log only when they are written or stored: the summary needs neither.
    const bool save_run = cl.has("save-run");
    const RunOutputs outputs{save_run || cl.has("frames") || charts_need_histograms(cl),
                             save_run || cl.has("log") || cl.has("liquidated")};
    const std::string started_at = utc_now_iso8601();
    const auto t0 = std::chrono::steady_clock::now();
    RunResult result = simulate(book, venue, params, inputs.market, {}, outputs);
    const double duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const Scenario saved{params, venue.json, book_path, book_sha, inputs.l2_sha256, inputs.series_sha256, version()};
    if (const auto out = cl.text("save-scenario"))
        write_text_file(*out, write_scenario_json(saved));
    const std::string symbol = book.symbol_names[resolve_symbol(book, params.symbol)];
    if (save_run) {
        const std::string name = cl.text("run-name", venue.name + ", shock " + format_plain(params.shock * 100) + " %");
        const auto [scenario_id, run_id] =
            workspace->save_scenario_with_run(snapshot->id, name, saved, started_at, duration_ms, symbol, result);
        std::cerr << "saved run " << run_id << " (scenario '" << name << "') with snapshot '" << snapshot->name
                  << "' in " << workspace->path() << '\n';
    }
    if (const auto out = cl.text("frames"))
        write_text_file(*out, frames_csv(result.frames));
    if (const auto out = cl.text("series"))
        write_text_file(*out, series_csv(result.frames, params.step_seconds));
    if (const auto out = cl.text("log"))
        write_text_file(*out, liquidation_log_csv(result.log, book));
    if (const auto out = cl.text("liquidated"))
        write_text_file(*out, liquidated_positions_csv(result.log, book));
    write_output(cl.text("json", ""), summary_json(result.summary));
    write_run_charts(cl, std::move(result), ChartContext{params, book_path, symbol, venue.name});
    return 0;
}

} // namespace levex::cli
