// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/RunStart.h"

#include "core/base/Issue.h"
#include "core/base/NumberFormat.h"
#include "core/model/ParameterError.h"

#include <cmath>

namespace levex {

namespace {

std::string symbol_list(const PositionBook& book) {
    std::string names;
    for (const std::string& n : book.symbol_names)
        names += (names.empty() ? "" : ", ") + n;
    return names;
}

} // namespace

std::size_t resolve_symbol(const PositionBook& book, const std::string& name, UnnamedSymbol unnamed) {
    // A symbol whose rows all netted to zero still runs (only the index moves); no symbol at all
    // means there is nothing to shock.
    if (book.symbols() == 0)
        throw DataError({Severity::Error, book.source, 0, 0, "", "expected at least one position, found none"});
    if (!name.empty()) {
        const std::size_t s = book.find_symbol(name);
        if (s == PositionBook::npos)
            throw ParameterError({"symbol", "one of the book's symbols (" + symbol_list(book) + ")", "'" + name + "'"});
        return s;
    }
    if (book.symbols() > 1 && unnamed == UnnamedSymbol::Largest)
        return book.largest_symbol();
    if (book.symbols() > 1)
        throw ParameterError(
            {"symbol", "one of the book's " + std::to_string(book.symbols()) + " symbols", "none",
             "choose one with {name} (largest open interest: " + book.symbol_names[book.largest_symbol()] + ")"});
    return 0;
}

double resolve_mark(const PositionBook& book, std::size_t symbol, const RunParameters& params) {
    if (!std::isnan(params.mark)) {
        if (!(params.mark > 0) || !std::isfinite(params.mark))
            throw ParameterError({"mark", "a price > 0", format_plain(params.mark)});
        return params.mark;
    }
    const double mark = book.symbol_mark[symbol];
    if (std::isnan(mark))
        throw ParameterError({"mark",
                              "a start price (the book gives no mark_price for " + book.symbol_names[symbol] + ")",
                              "none", "give the start price with {name VALUE}"});
    return mark;
}

RunStart resolve_run_start(const PositionBook& book, const RunParameters& params, UnnamedSymbol unnamed) {
    RunStart start;
    start.symbol = resolve_symbol(book, params.symbol, unnamed);
    start.symbol_name = book.symbol_names[start.symbol];
    start.mark = resolve_mark(book, start.symbol, params);
    return start;
}

} // namespace levex
