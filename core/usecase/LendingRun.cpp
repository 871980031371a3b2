// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/LendingRun.h"

#include "core/engine/LendingSimulation.h"

namespace levex {

std::vector<const PreparedLendingBook*> PreparedLendingRun::pointers() const {
    std::vector<const PreparedLendingBook*> out;
    for (const PreparedLendingBook& b : books)
        out.push_back(&b);
    return out;
}

PreparedLendingRun prepare_lending_run(const std::vector<LendingBookInput>& books, const RunParameters& params) {
    PreparedLendingRun run;
    run.books.reserve(books.size());
    for (const LendingBookInput& b : books)
        run.books.push_back(
            prepare_lending_book(b.book, b.profile, b.label, params.symbol, LiquidatorSettings::of(params)));
    return run;
}

LendingRunResult run_lending(const RunInputs& inputs, const StepCallback& on_step, RunOutputs outputs) {
    const PreparedLendingRun prepared = prepare_lending_run(inputs.lending_books, inputs.params);
    return simulate_lending(prepared.pointers(), inputs.params, inputs.market.market, on_step, outputs);
}

std::vector<NamedLendingBook> named_lending_books(const std::vector<LendingBookInput>& books) {
    std::vector<NamedLendingBook> out;
    for (const LendingBookInput& b : books)
        out.push_back({b.label, b.book.get()});
    return out;
}

} // namespace levex
