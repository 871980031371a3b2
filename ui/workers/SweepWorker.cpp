// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SweepWorker.h"

#include "core/base/ResourcePaths.h"
#include "core/io/MarketInputsReader.h"
#include "core/model/VenueProfile.h"

#include <chrono>
#include <thread>

namespace levex::ui {

void SweepWorker::run(const Request& request) {
    if (request.generation != newest_.load())
        return; // superseded while queued
    const auto t0 = std::chrono::steady_clock::now();
    try {
        const VenueProfile venue = load_venue_profile(request.venue.toStdString(), venue_dir());
        const MarketInputs market = read_market_inputs(request.base);
        const std::vector<double> ys = request.spec.y.values();
        const std::size_t batch = std::max(1u, std::thread::hardware_concurrency());
        for (std::size_t first = 0; first < ys.size(); first += batch) {
            SweepSpec part = request.spec;
            const std::size_t count = std::min(batch, ys.size() - first);
            part.y.from = ys[first];
            part.y.to = ys[first + count - 1];
            part.y.count = count;
            const SweepResult r = run_sweep(*request.book, venue, request.base, part, market,
                                            [this, &request](std::size_t, std::size_t, std::size_t) {
                                                return newest_.load() == request.generation;
                                            });
            if (r.cancelled || newest_.load() != request.generation)
                return;
            const std::size_t nx = r.xs.size();
            for (std::size_t k = 0; k < count; ++k) {
                auto row = std::make_shared<SweepRow>();
                row->generation = request.generation;
                row->row = first + k;
                row->values.assign(r.values.begin() + long(k * nx), r.values.begin() + long((k + 1) * nx));
                row->defined.assign(r.defined.begin() + long(k * nx), r.defined.begin() + long((k + 1) * nx));
                row->critical_shock = r.critical_shock[k];
                emit rowReady(row);
            }
        }
        emit sweepFinished(request.generation,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    } catch (const std::exception& e) {
        emit sweepFailed(request.generation, QString::fromStdString(e.what()));
    }
}

} // namespace levex::ui
