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
    // One heap for every thread: what worker threads free (a large book's parsed parts, sort
    // scratch) is then reused by the next columns instead of staying in a heap of their own (25 MB
    // of a 1M-position run). Threads allocate per block of work, never per row, so they barely
    // wait on each other for it.
    mallopt(M_ARENA_MAX, 1);
#endif
}

} // namespace levex
