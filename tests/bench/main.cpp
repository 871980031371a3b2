// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmarks run with the memory settings the programs use (core/MemoryReuse.h).
#include "core/base/MemoryReuse.h"

#include <benchmark/benchmark.h>

int main(int argc, char** argv) {
    levex::keep_freed_memory_for_reuse();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
