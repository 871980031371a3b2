// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/usecase/RunStudies.h"

#include <iostream>

namespace levex::cli {

namespace {

std::string summary_csv(const MonteCarloResult& r) {
    std::string out = "metric,p5,p25,p50,p75,p95\n";
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
        out += r.metrics[m];
        for (double v : r.metric_bands[m]) {
            out += ',';
            append_plain(out, v);
        }
        out += '\n';
    }
    return out;
}

std::string fan_csv(const MonteCarloResult& r) {
    std::string out = "step,time_s,p5,p25,p50,p75,p95\n";
    for (std::size_t t = 0; t < r.price_fan.size(); ++t) {
        out += std::to_string(t);
        out += ',';
        append_plain(out, double(t) * r.step_seconds);
        for (double v : r.price_fan[t]) {
            out += ',';
            append_plain(out, v);
        }
        out += '\n';
    }
    return out;
}

} // namespace

int run_montecarlo(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli montecarlo BOOK.csv --paths N --vol V --seed S --out-summary S.csv --out-fan F.csv "
                   "[options]",
                   "Runs N cascades whose index follows seeded random returns (path i uses stream i of\n"
                   "the seed) and reports the 5/25/50/75/95th percentiles of the summary metrics and of\n"
                   "the price at every step. Reproducible from the seed for any thread count.");
    cl.add(run_option_specs());
    cl.add({
        {"paths", "N", "number of random paths (default 100)"},
        {"threads", "N", "worker threads (default: every core)"},
        {"out-summary", "FILE.csv", "percentiles of the summary metrics (default: stdout)"},
        {"out-fan", "FILE.csv", "percentiles of the book price per step"},
    });
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().empty())
        throw UsageError("montecarlo expects one BOOK.csv, or lending books BOOK.csv@PROTOCOL ... (see levex-cli "
                         "montecarlo --help)");
    RunRequest request;
    apply_run_options(cl, request.params);
    MonteCarloSpec spec;
    spec.paths = cl.whole("paths", spec.paths, 1);
    spec.threads = static_cast<unsigned>(cl.whole("threads", 0));
    set_book_sources(cl.positionals(), request);
    request.venue = cl.text("venue", "");
    request.read.skip_bad_rows = cl.has("skip-bad-rows");
    const RunInputs in = resolve_run_inputs(request);
    report_run_books(in);
    const MonteCarloResult r = run_monte_carlo_study(study_inputs(in), spec);
    write_output(cl.text("out-summary", ""), summary_csv(r));
    if (const auto out = cl.text("out-fan"))
        write_output(*out, fan_csv(r));
    return 0;
}

} // namespace levex::cli
