// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/ChartOutput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/engine/Sweep.h"
#include "core/io/SweepReport.h"
#include "core/usecase/RunStudies.h"

#include <iostream>

namespace levex::cli {

namespace {

std::string sweep_summary() {
    std::string metrics;
    for (const std::string& m : sweep_metric_names())
        metrics += (metrics.empty() ? "" : ", ") + m;
    return "Maps a summary metric over a grid of two parameters (shock, leverage-mult,\n"
           "depth-scale, mmr-scale, half-life) on every core. Metrics: " +
           metrics +
           ".\nexhaustion_price and endogenous_move use the fixed point (docs/model.md §5) and "
           "need no full run.";
}

SweepSpec sweep_spec(const CommandLine& cl) {
    SweepSpec spec;
    spec.x = parse_axis(cl.text("x", "shock:-0.3:0:61"));
    spec.y = parse_axis(cl.text("y", "leverage-mult:0.5:3:26"));
    spec.metric = cl.text("metric", spec.metric);
    spec.critical_threshold = cl.number("threshold", spec.critical_threshold);
    if (!(spec.critical_threshold > 0))
        throw UsageError("--threshold: expected a number > 0, found " + cl.text("threshold", ""));
    spec.threads = static_cast<unsigned>(cl.whole("threads", 0));
    return spec;
}

} // namespace

int run_sweep(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli sweep BOOK.csv --x NAME:FROM:TO:COUNT --y NAME:FROM:TO:COUNT --metric KEY [options]\n"
                   "       levex-cli sweep LENDING.csv@PROTOCOL ... --x NAME:FROM:TO:COUNT --y NAME:FROM:TO:COUNT "
                   "--metric KEY [options]",
                   sweep_summary());
    cl.add(run_option_specs());
    cl.add({
        {"x", "NAME:FROM:TO:COUNT", "the columns (default shock:-0.3:0:61)"},
        {"y", "NAME:FROM:TO:COUNT", "the rows (default leverage-mult:0.5:3:26)"},
        {"metric", "KEY", "a summary key or endogenous_move (default amplification)"},
        {"threshold", "F", "endogenous move |ln(P*/S)| that makes a shock critical (default 0.02)"},
        {"threads", "N", "worker threads (default: every core)"},
        {"out", "FILE.csv", "the grid, one row per cell (default: standard output)"},
        {"out-critical", "FILE.csv", "the critical shock per row (when x is the shock)"},
    });
    cl.add(chart_option_specs(false));
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().empty())
        throw UsageError("sweep expects one BOOK.csv, or lending books BOOK.csv@PROTOCOL ... (see levex-cli sweep "
                         "--help)");
    check_chart_options(cl);
    RunRequest request;
    apply_run_options(cl, request.params);
    const SweepSpec spec = sweep_spec(cl);
    set_book_sources(cl.positionals(), request);
    request.venue = cl.text("venue", "");
    request.read.skip_bad_rows = cl.has("skip-bad-rows");
    const RunInputs in = resolve_run_inputs(request);
    report_run_books(in);
    const SweepResult r = run_sweep_study(study_inputs(in), spec);

    write_output(cl.text("out", ""), sweep_grid_csv(spec, r));
    if (const auto out = cl.text("out-critical")) {
        if (spec.x.axis != SweepAxis::Shock)
            throw UsageError("--out-critical needs the shock on the x axis");
        write_output(*out, critical_shock_csv(spec, r));
    }
    // The caption names the venue, or a lending run's (first) protocol.
    const std::string venue = in.kind == BookKind::Lending ? in.lending_books.front().profile.name : in.venue.name;
    write_sweep_chart(cl, spec, r, ChartContext{in.params, in.book_path, in.start.symbol_name, venue});
    return 0;
}

} // namespace levex::cli
