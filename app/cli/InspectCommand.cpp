// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/ResourcePaths.h"
#include "core/io/InspectReport.h"
#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"
#include "core/model/ParameterTable.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/BookInput.h"

#include <iostream>

namespace levex::cli {

int run_inspect(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli inspect BOOK.csv [options]",
                   "Computes every position's liquidation and bankruptcy price (docs/model.md §1) and writes one CSV\n"
                   "row per position: id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,\n"
                   "maint_amount,liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,\n"
                   "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped.\n"
                   "Empty cells mean none (e.g. a position that can never be liquidated).");
    cl.add({{"venue", "NAME|FILE", "venue profile: a bundled name or a .json file (default: generic)"},
            {"out", "FILE", "write the table to FILE (default: standard output)"}});
    // The margin settings are run parameters: the table's options, docs and ranges.
    for (const OptionSpec& spec : parameter_option_specs())
        if (spec.name == "leverage-mult" || spec.name == "mmr-scale")
            cl.add(spec);
    cl.add({{"skip-bad-rows", "", "skip bad rows (a bad cross row skips its whole account) instead of stopping"},
            {"delimiter", "C", "field delimiter: ',' ';' or 'tab' (default: detected from the header)"}});
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("inspect expects one BOOK.csv, found " + std::to_string(cl.positionals().size()) +
                         " (see levex-cli inspect --help)");
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
    RunParameters margins;
    apply_run_options(cl, margins);
    BookReadOptions read;
    read.skip_bad_rows = cl.has("skip-bad-rows");
    read.delimiter = cl.has("delimiter") ? parse_delimiter(cl.text("delimiter", ",")) : '\0';
    const std::string& path = cl.positionals()[0];
    const BookFile file = read_book_file(path, contract_of(venue), read, false);
    report_book_reading(path, file.notices, file.skipped, file.book->positions());
    const LiquidationLevels levels =
        compute_liquidation_levels(*file.book, venue, MarginSettings{margins.leverage_mult, margins.mmr_scale});
    if (levels.margins.capped_count > 0)
        std::cerr << "notice: " << levels.margins.capped_count << " position(s) held at their tier's max leverage\n";
    const LeverageAudit audit = audit_leverage(*file.book, venue, levels, file.book->symbol_mark);
    if (audit.liquidatable_at_start > 0)
        std::cerr << "notice: " << audit.liquidatable_at_start
                  << " position(s) liquidatable before any shock (liquidation price already crossed at the mark)\n";
    if (audit.above_max_leverage > 0)
        std::cerr << "notice: " << audit.above_max_leverage
                  << " position(s) above the venue's max leverage for their tier\n";
    write_output(cl.text("out", ""), write_inspect_csv(*file.book, levels, audit));
    return 0;
}

} // namespace levex::cli
