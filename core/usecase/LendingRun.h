// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/LendingCascade.h"
#include "core/io/LendingRunReport.h"
#include "core/usecase/RunInputs.h"

#include <vector>

namespace levex {

/// The lending books of a run prepared for its parameters (the shocked asset, the liquidators'
/// settings): built once, shared by every run of a study.
struct PreparedLendingRun {
    std::vector<PreparedLendingBook> books;
    std::vector<const PreparedLendingBook*> pointers() const;
};

/// Prepares `books` for runs of `params` (params.symbol names the shocked asset). Throws DataError
/// when a profile cannot price a book's row.
PreparedLendingRun prepare_lending_run(const std::vector<LendingBookInput>& books, const RunParameters& params);

/// One lending run of resolved inputs (kind Lending), on the market its parameters describe.
LendingRunResult run_lending(const RunInputs& inputs, const StepCallback& on_step = {}, RunOutputs outputs = {});

/// The books as the lending reports name them.
std::vector<NamedLendingBook> named_lending_books(const std::vector<LendingBookInput>& books);

} // namespace levex
