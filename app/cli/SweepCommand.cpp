// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/ChartOutput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/ResourcePaths.h"
#include "core/engine/Simulation.h"
#include "core/engine/Sweep.h"
#include "core/io/SweepReport.h"

#include <iostream>

namespace levex::cli {

int run_sweep(const std::vector<std::string>& args) {
    std::vector<OptionSpec> specs = run_option_specs();
    specs.insert(specs.end(),
                 {
                     {"x", "NAME:FROM:TO:COUNT", "the columns (default shock:-0.3:0:61)"},
                     {"y", "NAME:FROM:TO:COUNT", "the rows (default leverage-mult:0.5:3:26)"},
                     {"metric", "KEY", "a summary key or endogenous_move (default amplification)"},
                     {"threshold", "F", "endogenous move |ln(P*/S)| that makes a shock critical (default 0.02)"},
                     {"threads", "N", "worker threads (default: every core)"},
                     {"out", "FILE.csv", "the grid, one row per cell (default: standard output)"},
                     {"out-critical", "FILE.csv", "the critical shock per row (when x is the shock)"},
                 });
    const std::vector<OptionSpec> charts = chart_option_specs(false);
    specs.insert(specs.end(), charts.begin(), charts.end());
    specs.push_back({"help", "", "show this help"});
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::string metrics;
        for (const std::string& m : sweep_metric_names())
            metrics += (metrics.empty() ? "" : ", ") + m;
        std::cout << format_help(
            "levex-cli sweep BOOK.csv --x NAME:FROM:TO:COUNT --y NAME:FROM:TO:COUNT "
            "--metric KEY [options]",
            "Maps a summary metric over a grid of two parameters (shock, leverage-mult,\n"
            "depth-scale, mmr-scale, half-life) on every core. Metrics: " +
                metrics +
                ".\nexhaustion_price and endogenous_move use the fixed point (docs/model.md §5) and "
                "need no full run.",
            specs);
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("sweep expects one BOOK.csv (see levex-cli sweep --help)");
    check_chart_options(cl);
    RunParameters params;
    apply_run_options(cl, params);
    SweepSpec spec;
    spec.x = parse_axis(cl.text("x", "shock:-0.3:0:61"));
    spec.y = parse_axis(cl.text("y", "leverage-mult:0.5:3:26"));
    spec.metric = cl.text("metric", spec.metric);
    spec.critical_threshold = cl.number("threshold", spec.critical_threshold);
    if (!(spec.critical_threshold > 0))
        throw UsageError("--threshold: expected a number > 0");
    spec.threads = static_cast<unsigned>(cl.whole("threads", 0));
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
    const PositionBook book = read_book_or_throw(cl.positionals()[0], venue, cl.has("skip-bad-rows"), '\0');
    const RunInputs inputs = load_run_inputs(params);
    const SweepResult r = levex::run_sweep(book, venue, params, spec, inputs.market);

    write_output(cl.text("out", ""), sweep_grid_csv(spec, r));
    if (const auto out = cl.text("out-critical")) {
        if (spec.x.axis != SweepAxis::Shock)
            throw UsageError("--out-critical needs the shock on the x axis");
        write_output(*out, critical_shock_csv(spec, r));
    }
    const std::string symbol = book.symbol_names[resolve_symbol(book, params.symbol)];
    write_sweep_chart(cl, spec, r, ChartContext{params, cl.positionals()[0], symbol, venue.name});
    return 0;
}

} // namespace levex::cli
