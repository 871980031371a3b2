// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/CounterRng.h"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

namespace levex {

// Philox4x32-10 from Random123: the counter holds (counter, stream) as four 32-bit words, low
// halves first; the key is the seed.
std::array<std::uint32_t, 4> CounterRng::block(std::uint64_t counter) const {
    const r123::Philox4x32::ctr_type c = {{lo(counter), hi(counter), lo(stream_), hi(stream_)}};
    const r123::Philox4x32::key_type k = {{key_[0], key_[1]}};
    const r123::Philox4x32::ctr_type r = r123::Philox4x32()(c, k);
    return {r.v[0], r.v[1], r.v[2], r.v[3]};
}

std::uint64_t CounterRng::next_u64() {
    const auto b = block(counter_++);
    return (std::uint64_t(b[0]) << 32) | b[1];
}

double CounterRng::uniform() {
    // (k + 0.5) / 2^53: strictly inside (0, 1).
    return (double(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double CounterRng::normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double CounterRng::exponential() {
    return -std::log(uniform());
}

double CounterRng::student_t(double nu) {
    // t = Z / sqrt(chi2_nu / nu); chi2 via the Marsaglia–Tsang gamma sampler (shape nu/2, scale 2).
    const double z = normal();
    const double shape = nu / 2.0;
    double gamma;
    {
        const double a = shape < 1.0 ? shape + 1.0 : shape;
        const double d = a - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) {
                gamma = d * v;
                break;
            }
        }
        if (shape < 1.0)
            gamma *= std::pow(uniform(), 1.0 / shape);
    }
    const double chi2 = 2.0 * gamma;
    double t = z / std::sqrt(chi2 / nu);
    if (nu > 2.0)
        t *= std::sqrt((nu - 2.0) / nu);
    return t;
}

} // namespace levex
