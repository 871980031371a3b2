// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/MemoryReuse.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace levex {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
    constexpr int kOneGiB = 1 << 30;
    mallopt(M_MMAP_THRESHOLD, kOneGiB); // large blocks from the heap, reusable after free
    mallopt(M_TRIM_THRESHOLD, kOneGiB); // and the heap's top not returned to the kernel
#endif
}

} // namespace levex
