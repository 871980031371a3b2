// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/market/IndexPath.h"

#include "core/base/CounterRng.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace levex {

std::vector<double> build_index_path(const RunParameters& p, const std::optional<PriceSeries>& series,
                                     std::uint64_t stream) {
    if (!(p.shock > -1.0) || !std::isfinite(p.shock))
        throw std::invalid_argument("shock must be a fraction above -1 (-0.10 = -10 %)");
    if (!(p.step_seconds > 0))
        throw std::invalid_argument("step length must be > 0 seconds");
    std::vector<double> path(p.steps, 0.0);
    if (series) {
        const double t0 = series->time_s.front(), p0 = series->price.front();
        for (std::size_t t = 0; t < p.steps; ++t)
            path[t] = std::log(series->at(t0 + double(t) * p.step_seconds) / p0);
        return path;
    }
    const double total = std::log1p(p.shock);
    const std::size_t ramp = std::max<std::size_t>(p.shock_steps, 1);
    CounterRng rng(p.seed, stream);
    double walk = 0.0;
    for (std::size_t t = 0; t < p.steps; ++t) {
        if (t > 0 && (p.vol > 0 || p.jump_rate > 0)) {
            double r = p.vol > 0 ? p.vol * (p.student_nu > 0 ? rng.student_t(p.student_nu) : rng.normal()) : 0.0;
            // Jumps: Poisson count per step (inversion; rates are small), each a normal log move.
            if (p.jump_rate > 0) {
                const double u = rng.uniform();
                double prob = std::exp(-p.jump_rate), cumulative = prob;
                int jumps = 0;
                while (u > cumulative && jumps < 50) {
                    ++jumps;
                    prob *= p.jump_rate / jumps;
                    cumulative += prob;
                }
                for (int j = 0; j < jumps; ++j)
                    r += p.jump_mean + p.jump_stdev * rng.normal();
            }
            walk += r;
        }
        path[t] = total * double(std::min(t + 1, ramp)) / double(ramp) + walk;
    }
    return path;
}

} // namespace levex
