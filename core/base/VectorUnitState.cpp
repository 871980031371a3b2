// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/VectorUnitState.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LEVEX_X86_AVX_CHECK 1
#endif

namespace levex {

#if LEVEX_X86_AVX_CHECK
namespace {
// Built for AVX in this one function only; called only where the CPU has AVX.
__attribute__((target("avx"))) void zero_upper() {
    _mm256_zeroupper();
}
} // namespace

void clear_vector_upper_state() {
    static const bool has_avx = __builtin_cpu_supports("avx");
    if (has_avx)
        zero_upper();
}
#else
void clear_vector_upper_state() {}
#endif

} // namespace levex
