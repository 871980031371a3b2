// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BookInput.h"
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/RunOptions.h"

#include "core/base/ResourcePaths.h"
#include "core/io/InspectReport.h"
#include "core/io/LendingInspectReport.h"
#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"
#include "core/model/ParameterTable.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/BookInput.h"
#include "core/usecase/LendingBookInput.h"

#include <filesystem>
#include <iostream>

namespace levex::cli {

namespace {

// The inspect table of a lending book (docs/lending.md §4) under the protocol `--protocol` or
// BOOK.csv@PROTOCOL names.
int inspect_lending_book(const CommandLine& cl, const LendingBookSource& source, const BookReadOptions& read,
                         const RunParameters& params) {
    const std::string protocol = source.protocol.empty() ? cl.text("protocol", "") : source.protocol;
    if (protocol.empty())
        throw UsageError(source.csv + " is a lending book: name its protocol profile with --protocol NAME|FILE or " +
                         source.csv + "@NAME (bundled: aave-v2-ethereum, aave-v3-ethereum)");
    const ProtocolProfile profile = load_protocol(protocol);
    const LendingBookFile file = read_lending_book_file(source.csv, &profile, read, false);
    report_book_reading(source.csv, file.notices, file.skipped, file.book->accounts(), "account(s)");
    LendingInspectOptions options;
    options.symbol = cl.text("symbol", "");
    options.protocol_base_per_book_unit = params.protocol_base_value;
    write_output(cl.text("out", ""), write_lending_inspect_csv(*file.book, profile, options));
    return 0;
}

} // namespace

int run_inspect(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli inspect BOOK.csv [options]\n       levex-cli inspect LENDING.csv --protocol NAME|FILE "
                   "[--symbol ASSET] [options]",
                   "Computes every position's liquidation and bankruptcy price (docs/model.md §1) and writes one CSV\n"
                   "row per position: id,account,symbol,side,size,entry_price,margin,leverage,maint_margin_rate,\n"
                   "maint_amount,liquidation_price,bankruptcy_price,exchange_liquidation_price,difference,\n"
                   "margin_mode,collateral,mark_price,distance_to_liquidation,leverage_capped.\n"
                   "Empty cells mean none (e.g. a position that can never be liquidated).\n"
                   "A lending book (docs/lending.md §4) gets one row per account: account,emode,collateral_base,\n"
                   "debt_base,health_factor,protocol_health_factor,difference,liquidation_asset,liquidation_price,\n"
                   "price,distance_to_liquidation,max_repay_base.");
    cl.add({{"venue", "NAME|FILE", "venue profile: a bundled name or a .json file (default: generic)"},
            {"out", "FILE", "write the table to FILE (default: standard output)"}});
    // The margin settings are run parameters: the table's options, docs and ranges.
    for (const OptionSpec& spec : parameter_option_specs())
        if (spec.name == "leverage-mult" || spec.name == "mmr-scale" || spec.name == "protocol-base-value")
            cl.add(spec);
    cl.add({{"protocol", "NAME|FILE", "lending books: the protocol profile (or name it as BOOK.csv@NAME)"},
            {"symbol", "ASSET",
             "lending books: the asset whose liquidation price each row shows (default: each "
             "account's largest collateral)"}});
    cl.add({{"skip-bad-rows", "", "skip bad rows (a bad cross row skips its whole account) instead of stopping"},
            {"delimiter", "C", "field delimiter: ',' ';' or 'tab' (default: detected from the header)"}});
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (cl.positionals().size() != 1)
        throw UsageError("inspect expects one BOOK.csv, found " + std::to_string(cl.positionals().size()) +
                         " (see levex-cli inspect --help)");
    RunParameters margins;
    apply_run_options(cl, margins);
    BookReadOptions read;
    read.skip_bad_rows = cl.has("skip-bad-rows");
    read.delimiter = cl.has("delimiter") ? parse_delimiter(cl.text("delimiter", ",")) : '\0';
    const std::string& path = cl.positionals()[0];
    if (!std::filesystem::exists(path) && !parse_lending_book_argument(path).protocol.empty())
        return inspect_lending_book(cl, parse_lending_book_argument(path), read, margins);
    if (cl.has("protocol") || book_file_kind(path) == BookKind::Lending)
        return inspect_lending_book(cl, {path, "", ""}, read, margins);
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
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
    write_output(cl.text("out", ""),
                 [&](const TextSink& sink) { stream_inspect_csv(*file.book, levels, audit, sink); });
    return 0;
}

} // namespace levex::cli
