// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/base/ResourcePaths.h"
#include "core/io/LendingCsvWriter.h"
#include "core/io/PositionCsvWriter.h"
#include "core/model/BookGenerator.h"
#include "core/model/LendingBookGenerator.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/LendingBookInput.h"

#include <iostream>

namespace levex::cli {

namespace {

// A synthetic lending book (docs/lending.md §6) judged by the protocol --protocol names.
int generate_lending(const CommandLine& cl) {
    for (const char* option : {"positions", "mark", "symbol", "venue", "mix", "oi"})
        if (cl.has(option))
            throw UsageError(std::string("--") + option + " is for position books; --lending writes a lending book");
    LendingGeneratorSettings settings;
    settings.accounts = cl.whole("lending", settings.accounts, 1);
    settings.seed = cl.whole("seed", settings.seed);
    const ProtocolProfile profile = load_protocol(cl.text("protocol", "aave-v3-ethereum"));
    write_output(cl.text("out", ""), write_lending_csv(generate_lending_book(settings, profile)));
    return 0;
}

} // namespace

int run_generate(const std::vector<std::string>& args) {
    CommandLine cl("levex-cli generate --positions N --seed S [--mark P] [--symbol S] [--mix M] [--oi Q] --out FILE\n"
                   "       levex-cli generate --lending N --seed S [--protocol NAME|FILE] --out FILE",
                   "Writes a synthetic BTC-perp-like position book (the distribution is described in the\n"
                   "README): 60 % longs, leverage 5x-125x with median 20x (or a published mix, --mix),\n"
                   "lognormal sizes with a Pareto tail, 30 % cross accounts, entries along a simulated past\n"
                   "price path.\n"
                   "With --lending, a lending book in ETH (docs/lending.md §6): stETH collateral, ETH and dollar\n"
                   "debt, health factors spread as in the bundled Aave samples.");
    // The generator's own settings, not run parameters: its mark and symbol have defaults of their own.
    cl.add({
        {"positions", "N", "number of positions (default 30000)"},
        {"seed", "S", "random seed; the same seed gives the same file everywhere (default 1)"},
        {"mark", "P", "mark price (default 100000)"},
        {"symbol", "S", "symbol name (default BTCUSDT)"},
        {"venue", "NAME|FILE", "venue profile whose tiers cap leverage (default generic)"},
        {"mix", "retail|hyperliquid-2025|bitmex-2019",
         "leverage distribution by open interest: retail (the generator's own, a user assumption), hyperliquid-2025 "
         "(Hyperliquid, 15 Dec 2025) or bitmex-2019 (BitMEX, 2019); see the README (default retail)"},
        {"oi", "Q",
         "scale every size so that the open interest, both sides at the mark, is Q quote (default: as drawn)"},
        {"out", "FILE", "write the CSV to FILE (default: standard output)"},
        {"lending", "N", "write a lending book of N accounts instead of positions"},
        {"protocol", "NAME|FILE",
         "with --lending: the protocol profile the health factors are drawn under "
         "(default aave-v3-ethereum)"},
    });
    if (!cl.parse(args)) {
        std::cout << cl.help();
        return 0;
    }
    if (!cl.positionals().empty())
        throw UsageError("generate takes no file argument; use --out FILE");
    if (cl.has("lending"))
        return generate_lending(cl);
    if (cl.has("protocol"))
        throw UsageError("--protocol is for lending books: add --lending N");
    GeneratorSettings settings;
    settings.positions = cl.whole("positions", settings.positions, 1);
    settings.seed = cl.whole("seed", settings.seed);
    settings.mark = cl.number("mark", settings.mark);
    settings.symbol = cl.text("symbol", settings.symbol);
    if (!(settings.mark > 0))
        throw UsageError("--mark: expected a price > 0, found " + cl.text("mark", ""));
    if (settings.symbol.empty())
        throw UsageError("--symbol: expected a name, found nothing");
    if (const auto mix = cl.text("mix")) {
        const auto chosen = leverage_mix_from_name(*mix);
        if (!chosen)
            throw UsageError("--mix: expected retail, hyperliquid-2025 or bitmex-2019, found '" + *mix + "'");
        settings.mix = *chosen;
    }
    if (const auto oi = cl.text("oi")) {
        const auto q = parse_finite(*oi);
        if (!q || !(*q > 0))
            throw UsageError("--oi: expected an open interest > 0 (quote), found '" + *oi + "'");
        settings.open_interest = *q;
    }
    const VenueProfile venue = load_venue_profile(cl.text("venue", "generic"), venue_dir());
    if (venue.contract != ContractKind::Linear)
        throw UsageError("--venue: the generator writes linear books; '" + venue.name + "' is inverse");
    write_output(cl.text("out", ""), write_positions_csv(generate_book(settings, venue)));
    return 0;
}

} // namespace levex::cli
