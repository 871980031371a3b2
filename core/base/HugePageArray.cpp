// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/HugePageArray.h"

#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace levex {
namespace {
constexpr std::size_t kHugePage = std::size_t(2) << 20;
} // namespace

HugePageStorage::HugePageStorage(std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kHugePage) {
        // Map one huge page more than needed and start at a 2 MB boundary inside it.
        const std::size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage + kHugePage;
        void* map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (map != MAP_FAILED) {
            const std::size_t start = (reinterpret_cast<std::size_t>(map) + kHugePage - 1) / kHugePage * kHugePage;
            const std::size_t head = start - reinterpret_cast<std::size_t>(map);
            if (head > 0)
                munmap(map, head);
            const std::size_t tail = size - head - (size - kHugePage);
            if (tail > 0)
                munmap(reinterpret_cast<char*>(start) + (size - kHugePage), tail);
            data_ = reinterpret_cast<void*>(start);
            mapped_ = size - kHugePage;
            madvise(data_, mapped_, MADV_HUGEPAGE); // a hint: without huge pages it stays correct
            return;
        }
    }
#endif
    data_ = std::malloc(bytes > 0 ? bytes : 1);
    if (!data_)
        throw std::bad_alloc();
}

HugePageStorage::~HugePageStorage() {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (mapped_ > 0) {
        munmap(data_, mapped_);
        return;
    }
#endif
    std::free(data_);
}

} // namespace levex
