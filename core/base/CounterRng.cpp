// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/CounterRng.h"

#include <cmath>
#include <numbers>

namespace levex {
namespace {

inline void mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& high, std::uint32_t& low) {
    const std::uint64_t product = std::uint64_t(a) * b;
    high = static_cast<std::uint32_t>(product >> 32);
    low = static_cast<std::uint32_t>(product);
}

} // namespace

std::array<std::uint32_t, 4> CounterRng::block(std::uint64_t counter) const {
    constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
    constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
    std::array<std::uint32_t, 4> c = {lo(counter), hi(counter), lo(stream_), hi(stream_)};
    std::uint32_t k0 = key_[0], k1 = key_[1];
    for (int round = 0; round < 10; ++round) {
        std::uint32_t hi0, lo0, hi1, lo1;
        mulhilo(kM0, c[0], hi0, lo0);
        mulhilo(kM1, c[2], hi1, lo1);
        c = {hi1 ^ c[1] ^ k0, lo1, hi0 ^ c[3] ^ k1, lo0};
        k0 += kW0;
        k1 += kW1;
    }
    return c;
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
