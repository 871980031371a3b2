// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/ResourcePaths.h"
#include "core/engine/MonteCarlo.h"
#include "core/io/MarketInputsReader.h"

#include <iostream>

namespace levex::cli {

int run_montecarlo(const std::vector<std::string>& args) {
    std::vector<OptionSpec> specs = run_option_specs();
    specs.insert(specs.end(), {
                                  {"paths", "N", "number of random paths (default 100)"},
                                  {"threads", "N", "worker threads (default: every core)"},
                                  {"out-summary", "FILE.csv", "percentiles of the summary metrics (default: stdout)"},
                                  {"out-fan", "FILE.csv", "percentiles of the book price per step"},
                                  {"help", "", "show this help"},
                              });
    const CommandLine cl(args, specs);
    if (cl.has("help")) {
        std::cout << format_help("levex-cli montecarlo BOOK.csv --paths N --vol V --seed S --out-summary S.csv "
                                 "--out-fan F.csv [options]",
                                 "Runs N cascades whose index follows seeded random returns (path i uses stream i of\n"
                                 "the seed) and reports the 5/25/50/75/95th percentiles of the summary metrics and of\n"
                                 "the price at every step. Reproducible from the seed for any thread count.",
                                 specs);
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("montecarlo expects one BOOK.csv (see levex-cli montecarlo --help)");
    RunParameters params;
    apply_run_options(cl, params);
    if (!(params.vol > 0) && !(params.jump_rate > 0))
        throw UsageError("montecarlo needs randomness: give --vol V (and/or --jumps)");
    if (!params.price_series_file.empty())
        throw UsageError("montecarlo draws random paths; --price-series replays one path (use simulate)");
    MonteCarloSpec spec;
    spec.paths = cl.whole("paths", spec.paths, 1);
    spec.threads = static_cast<unsigned>(cl.whole("threads", 0));
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
    const PositionBook book = read_book_or_throw(cl.positionals()[0], venue, cl.has("skip-bad-rows"), '\0');
    const MonteCarloResult r = run_monte_carlo(book, venue, params, spec, read_market_inputs(params));

    std::string summary = "metric,p5,p25,p50,p75,p95\n";
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
        summary += r.metrics[m];
        for (double v : r.metric_bands[m]) {
            summary += ',';
            append_plain(summary, v);
        }
        summary += '\n';
    }
    write_output(cl.text("out-summary", ""), summary);
    if (const auto out = cl.text("out-fan")) {
        std::string fan = "step,time_s,p5,p25,p50,p75,p95\n";
        for (std::size_t t = 0; t < r.price_fan.size(); ++t) {
            fan += std::to_string(t);
            fan += ',';
            append_plain(fan, double(t) * r.step_seconds);
            for (double v : r.price_fan[t]) {
                fan += ',';
                append_plain(fan, v);
            }
            fan += '\n';
        }
        write_output(*out, fan);
    }
    return 0;
}

} // namespace levex::cli
