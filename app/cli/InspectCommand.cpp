// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"

#include "core/base/ResourcePaths.h"
#include "core/io/InspectReport.h"
#include "core/io/PositionCsvReader.h"
#include "core/model/MarginModel.h"
#include "core/model/VenueProfile.h"

#include <iostream>

namespace levex::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"venue", "NAME|FILE", "venue profile: a bundled name or a .json file (default: generic)"},
    {"out", "FILE", "write the table to FILE (default: standard output)"},
    {"leverage-mult", "K", "multiply every position's leverage by K > 0 (default 1)"},
    {"mmr-scale", "S", "scale every maintenance requirement by S > 0 (default 1)"},
    {"skip-bad-rows", "", "skip bad rows (a bad cross row skips its whole account) instead of stopping"},
    {"delimiter", "C", "field delimiter: ',' ';' or 'tab' (default: detected from the header)"},
    {"help", "", "show this help"},
};
} // namespace

int run_inspect(const std::vector<std::string>& args) {
    const CommandLine cl(args, kOptions);
    if (cl.has("help")) {
        std::cout << format_help(
            "levex-cli inspect BOOK.csv [options]",
            "Computes every position's liquidation and bankruptcy price (docs/model.md §1) and writes one CSV\n"
            "row per position: id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,\n"
            "maint_amount,liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,\n"
            "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped.\n"
            "Empty cells mean none (e.g. a position that can never be liquidated).",
            kOptions);
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("inspect expects one BOOK.csv, found " + std::to_string(cl.positionals().size()) +
                         " (see levex-cli inspect --help)");
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
    MarginSettings settings;
    settings.leverage_mult = cl.number("leverage-mult", 1.0);
    settings.mmr_scale = cl.number("mmr-scale", 1.0);
    if (!(settings.leverage_mult > 0))
        throw UsageError("--leverage-mult: expected a number > 0");
    if (!(settings.mmr_scale > 0))
        throw UsageError("--mmr-scale: expected a number > 0");
    const char delimiter = cl.has("delimiter") ? parse_delimiter(cl.text("delimiter", ",")) : '\0';
    const PositionBook book = read_book_or_throw(cl.positionals()[0], venue, cl.has("skip-bad-rows"), delimiter);
    const LiquidationLevels levels = compute_liquidation_levels(book, venue, settings);
    if (levels.margins.capped_count > 0)
        std::cerr << "notice: " << levels.margins.capped_count << " position(s) held at their tier's max leverage\n";
    write_output(cl.text("out", ""), write_inspect_csv(book, venue, levels));
    return 0;
}

} // namespace levex::cli
