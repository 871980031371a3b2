// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>

namespace levex {

/// Counter-based random numbers (Philox4x32-10, Salmon et al. 2011, from Random123): the value at
/// (seed, stream, counter) is a pure function, so runs reproduce across compilers, platforms and
/// thread counts and any path can be generated independently of the others. Distributions are our own code, never
/// std::*_distribution (whose algorithms differ between standard libraries).
class CounterRng {
public:
    CounterRng(std::uint64_t seed, std::uint64_t stream) : key_{lo(seed), hi(seed)}, stream_(stream) {}

    /// Four independent 32-bit words for counter value `counter`.
    std::array<std::uint32_t, 4> block(std::uint64_t counter) const;

    /// Uniform in (0, 1), never 0 or 1 exactly; 53 bits of the next block.
    double uniform();
    /// Standard normal (Box–Muller on two uniforms).
    double normal();
    /// Exponential with mean 1.
    double exponential();
    /// Student-t with `nu` degrees of freedom, scaled to unit variance when nu > 2.
    double student_t(double nu);
    /// Next raw 64 bits.
    std::uint64_t next_u64();

    std::uint64_t counter() const { return counter_; }

private:
    static std::uint32_t lo(std::uint64_t x) { return static_cast<std::uint32_t>(x); }
    static std::uint32_t hi(std::uint64_t x) { return static_cast<std::uint32_t>(x >> 32); }

    std::array<std::uint32_t, 2> key_;
    std::uint64_t stream_;
    std::uint64_t counter_ = 0;
};

} // namespace levex
