// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"

#include <cstddef>
#include <string>

namespace levex {

/// What a book's run needs besides its parameters: the symbol it shocks and the mark it starts from.
struct RunStart {
    std::size_t symbol = 0;
    std::string symbol_name;
    double mark = 0.0;
};

/// When the book holds several symbols and none is named: refuse (the command line, where a
/// script should say what it means) or take the one with the largest open interest (the app,
/// which shows the choice in its Symbol box).
enum class UnnamedSymbol { Refuse, Largest };

/// The symbol a run shocks: `name`, or the book's only symbol. Throws ParameterError (key
/// "symbol") for an unknown name, or for several symbols and none named under Refuse; DataError
/// when the book holds no position at all.
std::size_t resolve_symbol(const PositionBook& book, const std::string& name,
                           UnnamedSymbol unnamed = UnnamedSymbol::Refuse);

/// The start mark: `params.mark` when given, else the book's mark_price of the symbol. Throws
/// ParameterError (key "mark") when neither is a price > 0.
double resolve_mark(const PositionBook& book, std::size_t symbol, const RunParameters& params);

/// Both, for a run of `params` on `book`.
RunStart resolve_run_start(const PositionBook& book, const RunParameters& params,
                           UnnamedSymbol unnamed = UnnamedSymbol::Refuse);

} // namespace levex
