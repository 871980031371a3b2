// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"

#include "core/base/Issue.h"
#include "core/io/DepthFitReport.h"
#include "core/io/OrderBookCsvReader.h"
#include "core/market/DepthFit.h"

#include <iostream>

namespace levex::cli {

int run_fit_depth(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli fit-depth L2.csv [--out FILE]",
                   "Fits the power law D(x) = D1 * (x / 1 %)^k to each side of an L2 order book snapshot\n"
                   "(side,price,size rows): the quote resting within each level's distance x from the mid,\n"
                   "least squares in logs. Prints CSV side,depth_within_1pct_quote,exponent,r2, one row per\n"
                   "side; --depth-quote-within-1pct and --depth-exponent take the two numbers, and the\n"
                   "l2-book depth model continues the snapshot past its last level with them.");
    cl.add({"out", "FILE", "write the CSV to FILE (default: standard output)"});
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("fit-depth expects one L2.csv (see levex-cli fit-depth --help)");
    const OrderBook book = read_order_book_csv(cl.positionals()[0]);
    write_output(cl.text("out", "-"), depth_fit_csv(fit_order_book(book)));
    return 0;
}

} // namespace levex::cli
