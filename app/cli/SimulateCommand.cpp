// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/ChartOutput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/Issue.h"
#include "core/ResourcePaths.h"
#include "core/RunReport.h"
#include "core/ScenarioFile.h"
#include "core/Sha256.h"
#include "core/Simulation.h"
#include "core/TextFile.h"

#include <iostream>

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
                 });
    const std::vector<OptionSpec> charts = chart_option_specs(true);
    specs.insert(specs.end(), charts.begin(), charts.end());
    specs.push_back({"help", "", "show this help"});
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::cout << format_help(
            "levex-cli simulate BOOK.csv [options]",
            "Runs the liquidation cascade (DESIGN 4.4) after a price shock and prints the summary as\n"
            "JSON. Infinite values are written inf on the command line and \"inf\" in JSON.",
            specs);
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("simulate expects one BOOK.csv (see levex-cli simulate --help)");
    const std::string book_path = cl.positionals()[0];
    check_chart_options(cl);

    // A scenario pins the parameters and the venue; explicit options override them.
    std::optional<Scenario> scenario;
    if (const auto file = cl.text("scenario"))
        scenario = parse_scenario_json(read_text_file(*file), *file);
    RunParameters params = scenario ? scenario->params : RunParameters{};
    apply_run_options(cl, params);
    const VenueProfile venue = cl.has("venue") || !scenario
                                   ? load_venue_profile(cl.text("venue", "generic"), venue_dir())
                                   : parse_venue_profile(scenario->venue_json, *cl.text("scenario") + ": venue");

    const MappedFile file(book_path);
    const std::string_view bytes = file.bytes();
    // The book's identity, only when a scenario pins it or is being written (hashing costs a pass).
    const std::string book_sha = scenario || cl.has("save-scenario") ? sha256_hex(bytes) : std::string();
    if (scenario && !scenario->book_sha256.empty() && scenario->book_sha256 != book_sha)
        throw DataError({Severity::Error, book_path, 0, 0, "",
                         "expected the book of scenario " + *cl.text("scenario") + " (sha256 " +
                             scenario->book_sha256.substr(0, 12) + "…), found a different file (sha256 " +
                             book_sha.substr(0, 12) + "…)"});
    const PositionBook book = read_book_or_throw(book_path, venue, cl.has("skip-bad-rows"), '\0', bytes);
    RunInputs inputs = load_run_inputs(params);
    if (scenario) {
        check_pinned_hash("L2 book", params.book_file, scenario->l2_sha256, inputs.l2_sha256);
        check_pinned_hash("price series", params.price_series_file, scenario->series_sha256, inputs.series_sha256);
    }

    // Histograms and the log only when they are written: the summary needs neither.
    const RunOutputs outputs{cl.has("frames") || charts_need_histograms(cl), cl.has("log") || cl.has("liquidated")};
    RunResult result = simulate(book, venue, params, inputs.series, {}, outputs);
    if (const auto out = cl.text("save-scenario")) {
        Scenario saved{params, venue.json, book_path, book_sha, inputs.l2_sha256, inputs.series_sha256, version()};
        write_text_file(*out, write_scenario_json(saved));
    }
    if (const auto out = cl.text("frames"))
        write_text_file(*out, frames_csv(result.frames));
    if (const auto out = cl.text("log"))
        write_text_file(*out, liquidation_log_csv(result.log, book));
    if (const auto out = cl.text("series"))
        write_text_file(*out, series_csv(result.frames, params.step_seconds));
    if (const auto out = cl.text("liquidated"))
        write_text_file(*out, liquidated_positions_csv(result.log, book));
    write_output(cl.text("json", ""), summary_json(result.summary));
    const std::string symbol = book.symbol_names[resolve_symbol(book, params.symbol)];
    write_run_charts(cl, std::move(result), ChartContext{params, book_path, symbol, venue.name});
    return 0;
}

} // namespace levex::cli
