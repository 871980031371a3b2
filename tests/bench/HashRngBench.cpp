// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 over a 100 MB buffer (a large book's identity is its hash) and the counter-based random
// numbers Monte Carlo draws its paths from.
#include "core/base/CounterRng.h"
#include "core/base/Sha256.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace {

// 100 MB of bytes that look like a positions CSV, made once.
const std::string& hundred_megabytes() {
    static const std::string bytes = [] {
        const std::string row = "p0000001,a0000001,BTCUSDT,long,0.125,98765.4,isolated,20,,\n";
        std::string out;
        out.reserve(100'000'000 + row.size());
        while (out.size() < 100'000'000)
            out += row;
        out.resize(100'000'000);
        return out;
    }();
    return bytes;
}

void BM_Sha256_100MB(benchmark::State& state) {
    const std::string& bytes = hundred_megabytes();
    for (auto _ : state) {
        const std::string digest = levex::sha256_hex(bytes);
        benchmark::DoNotOptimize(digest.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(bytes.size()));
}
BENCHMARK(BM_Sha256_100MB)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_CounterRngNormal(benchmark::State& state) {
    levex::CounterRng rng(42, 7);
    for (auto _ : state)
        benchmark::DoNotOptimize(rng.normal());
}
BENCHMARK(BM_CounterRngNormal);

} // namespace
