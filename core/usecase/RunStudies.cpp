// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/usecase/RunStudies.h"

#include "core/base/NumberFormat.h"
#include "core/base/ResourcePaths.h"
#include "core/engine/LendingStudies.h"
#include "core/model/ParameterTable.h"
#include "core/usecase/LendingRun.h"

#include <algorithm>

namespace levex {

namespace {

// Appends the rows of `part` to `whole`.
void append_rows(SweepResult& whole, const SweepResult& part) {
    whole.xs = part.xs;
    whole.ys.insert(whole.ys.end(), part.ys.begin(), part.ys.end());
    whole.values.insert(whole.values.end(), part.values.begin(), part.values.end());
    whole.defined.insert(whole.defined.end(), part.defined.begin(), part.defined.end());
    whole.critical_shock.insert(whole.critical_shock.end(), part.critical_shock.begin(), part.critical_shock.end());
}

} // namespace

StudyInputs study_inputs(const RunInputs& inputs) {
    StudyInputs out;
    out.book = inputs.book;
    out.venue = inputs.venue;
    out.params = inputs.params;
    out.market = inputs.market.market;
    out.lending_books = inputs.lending_books;
    return out;
}

StudyInputs lending_study_inputs(std::vector<LendingBookInput> books, const RunParameters& params) {
    require_valid_parameters(params);
    StudyInputs out;
    out.params = params;
    out.market = load_market_files(params).market;
    out.lending_books = std::move(books);
    return out;
}

StudyInputs study_inputs(std::shared_ptr<const PositionBook> book, const std::string& venue,
                         const RunParameters& params) {
    require_valid_parameters(params);
    return {std::move(book), load_venue_profile(venue, venue_dir()), params, load_market_files(params).market, {}};
}

SweepResult run_sweep_study(const StudyInputs& in, const SweepSpec& spec, const SweepRowsReady& on_rows,
                            std::size_t batch_rows, const std::function<bool()>& keep_going) {
    const SweepProgress progress = [&](std::size_t, std::size_t, std::size_t) { return !keep_going || keep_going(); };
    const bool lending = !in.lending_books.empty();
    const PreparedLendingRun prepared =
        lending ? prepare_lending_run(in.lending_books, in.params) : PreparedLendingRun{};
    auto sweep = [&](const SweepSpec& part) {
        return lending ? run_lending_sweep(prepared.pointers(), in.params, part, in.market, progress)
                       : run_sweep(*in.book, in.venue, in.params, part, in.market, progress);
    };
    if (!on_rows || batch_rows == 0 || batch_rows >= spec.y.count) {
        SweepResult whole = sweep(spec);
        if (on_rows && !whole.cancelled && !on_rows(0, whole))
            whole.cancelled = true;
        return whole;
    }
    SweepResult whole;
    const std::vector<double> ys = spec.y.values();
    for (std::size_t first = 0; first < ys.size(); first += batch_rows) {
        SweepSpec part = spec;
        const std::size_t count = std::min(batch_rows, ys.size() - first);
        part.y.from = ys[first];
        part.y.to = ys[first + count - 1];
        part.y.count = count;
        const SweepResult rows = sweep(part);
        if (rows.cancelled || !on_rows(first, rows)) {
            whole.cancelled = true;
            return whole;
        }
        append_rows(whole, rows);
    }
    return whole;
}

MonteCarloResult run_monte_carlo_study(const StudyInputs& in, const MonteCarloSpec& spec,
                                       const MonteCarloProgress& progress) {
    const RunParameters& p = in.params;
    if (!(p.vol > 0) && !(p.jump_rate > 0))
        throw ParameterError(
            {"vol", "a volatility > 0 or jumps (Monte Carlo draws random paths)", format_plain(p.vol)});
    if (!p.price_series_file.empty())
        throw ParameterError({"price_series_file", "none (Monte Carlo draws random paths; a price series replays one)",
                              "'" + p.price_series_file + "'"});
    if (!in.lending_books.empty())
        return run_lending_monte_carlo(prepare_lending_run(in.lending_books, p).pointers(), p, spec, in.market,
                                       progress);
    return run_monte_carlo(*in.book, in.venue, p, spec, in.market, progress);
}

} // namespace levex
