// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SweepWorker.h"

#include "ui/models/ParameterNames.h"

#include "core/usecase/RunStudies.h"

#include <chrono>
#include <thread>

namespace levex::ui {

void SweepWorker::run(const Request& request) {
    if (request.generation != newest_.load())
        return; // superseded while queued
    const auto t0 = std::chrono::steady_clock::now();
    const auto current = [this, &request] { return newest_.load() == request.generation; };
    // Rows as they finish, a batch of one row per core at a time, so the map fills while it runs.
    const auto publish = [this, &request, &current](std::size_t first, const SweepResult& rows) {
        if (!current())
            return false;
        const std::size_t nx = rows.xs.size();
        for (std::size_t k = 0; k < rows.ys.size(); ++k) {
            auto row = std::make_shared<SweepRow>();
            row->generation = request.generation;
            row->row = first + k;
            row->values.assign(rows.values.begin() + long(k * nx), rows.values.begin() + long((k + 1) * nx));
            row->defined.assign(rows.defined.begin() + long(k * nx), rows.defined.begin() + long((k + 1) * nx));
            row->critical_shock = rows.critical_shock[k];
            emit rowReady(row);
        }
        return true;
    };
    try {
        const StudyInputs inputs = request.lending_books
                                       ? lending_study_inputs(*request.lending_books, request.base)
                                       : study_inputs(request.book, request.venue.toStdString(), request.base);
        const std::size_t batch = std::max(1u, std::thread::hardware_concurrency());
        const SweepResult r = run_sweep_study(inputs, request.spec, publish, batch, current);
        if (r.cancelled)
            return; // a newer sweep (or none) replaces it: nothing to report
        emit sweepFinished(request.generation,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    } catch (const std::exception& e) {
        emit sweepFailed(request.generation, phrase_for_app(e));
    }
}

} // namespace levex::ui
