// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/Simulation.h"

#include "core/base/Issue.h"
#include "core/engine/PreparedBook.h"
#include "core/market/DepthFromParameters.h"
#include "core/market/IndexPath.h"

#include <cmath>

namespace levex {

std::size_t resolve_symbol(const PositionBook& book, const std::string& name) {
    // A symbol whose rows all netted to zero still runs (only the index moves); no symbol at all
    // means there is nothing to shock.
    if (book.symbols() == 0)
        throw DataError({Severity::Error, book.source, 0, 0, "", "expected at least one position, found none"});
    if (!name.empty()) {
        const std::size_t s = book.find_symbol(name);
        if (s == PositionBook::npos) {
            std::string names;
            for (const std::string& n : book.symbol_names)
                names += (names.empty() ? "" : ", ") + n;
            throw UsageError("unknown symbol '" + name + "'; the book holds: " + names);
        }
        return s;
    }
    if (book.symbols() > 1)
        throw UsageError("the book holds " + std::to_string(book.symbols()) +
                         " symbols; choose one with --symbol (largest open interest: " +
                         book.symbol_names[book.largest_symbol()] + ")");
    return 0;
}

double resolve_mark(const PositionBook& book, std::size_t symbol, const RunParameters& params) {
    if (!std::isnan(params.mark)) {
        if (!(params.mark > 0) || !std::isfinite(params.mark))
            throw UsageError("--mark: expected a price > 0");
        return params.mark;
    }
    const double mark = book.symbol_mark[symbol];
    if (std::isnan(mark))
        throw UsageError("the book gives no mark_price for " + book.symbol_names[symbol] +
                         "; give the start price with --mark P");
    return mark;
}

RunResult simulate(const PositionBook& book, const VenueProfile& venue, const RunParameters& params,
                   const MarketInputs& market, const StepCallback& on_step, RunOutputs outputs) {
    const std::size_t symbol = resolve_symbol(book, params.symbol);
    const double mark = resolve_mark(book, symbol, params);
    const PreparedBook prepared = prepare_book(book, venue, {params.leverage_mult, params.mmr_scale}, symbol, mark);
    const BookDepth depth = build_depth(params, mark, market.l2_book ? &*market.l2_book : nullptr);
    return run_cascade(prepared, depth, build_index_path(params, market.price_series), params, on_step, outputs);
}

} // namespace levex
