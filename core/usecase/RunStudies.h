// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/MonteCarlo.h"
#include "core/engine/Sweep.h"
#include "core/usecase/RunInputs.h"

#include <functional>
#include <memory>
#include <string>

namespace levex {

/// What a sweep or a Monte Carlo study runs on: a book already read, a venue, the base
/// parameters and the market files they name, loaded; or, for lending books, the books with their
/// protocols (then `book` is null and the venue unused).
struct StudyInputs {
    std::shared_ptr<const PositionBook> book;
    VenueProfile venue;
    RunParameters params;
    MarketInputs market;
    std::vector<LendingBookInput> lending_books;
};

/// From resolved run inputs (the command line).
StudyInputs study_inputs(const RunInputs& inputs);
/// From a book in memory and a venue name (the app: the book of the shown run). Checks the
/// parameters (ParameterError) and loads the venue and the market files.
StudyInputs study_inputs(std::shared_ptr<const PositionBook> book, const std::string& venue,
                         const RunParameters& params);

/// Rows [first, first + rows.ys.size()) of a sweep, as they finish; return false to stop.
using SweepRowsReady = std::function<bool(std::size_t first, const SweepResult& rows)>;

/// A lending study (docs/lending.md §9) of books in memory (the app: the books of the shown run):
/// checks the parameters (params.symbol must name the shocked asset) and loads the market files.
StudyInputs lending_study_inputs(std::vector<LendingBookInput> books, const RunParameters& params);

/// Runs the grid of `spec` (lending books: over shock, depth-scale and half-life, their metrics). With `on_rows`, in
/// batches of `batch_rows` rows (each batch on every core), handing each over as it finishes so a front end can show
/// the grid filling; the result is the same for any batch size (every cell is computed on its own). `keep_going` is
/// asked between cells; the result says `cancelled` when it said stop.
SweepResult run_sweep_study(const StudyInputs& inputs, const SweepSpec& spec, const SweepRowsReady& on_rows = {},
                            std::size_t batch_rows = 0, const std::function<bool()>& keep_going = {});

/// Runs a Monte Carlo study. It draws random paths: throws ParameterError (key "vol") when the
/// parameters have no randomness, (key "price_series_file") when they replay one fixed path.
MonteCarloResult run_monte_carlo_study(const StudyInputs& inputs, const MonteCarloSpec& spec,
                                       const MonteCarloProgress& progress = {});

} // namespace levex
