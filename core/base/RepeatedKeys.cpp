// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/RepeatedKeys.h"

#include "core/base/Parallel.h"

#include <atomic>
#include <bit>

namespace levex {
namespace {

constexpr std::size_t kBuckets = 256;
std::size_t bucket_of(std::uint64_t key) {
    return static_cast<std::size_t>(key >> 56);
}

// Whether bucket [begin, end) holds a key twice. `table` is reused scratch; 0 marks an empty
// slot, so a key of 0 is counted aside.
bool bucket_has_repeat(const std::uint64_t* begin, const std::uint64_t* end, std::vector<std::uint64_t>& table) {
    const std::size_t slots = std::bit_ceil(2 * static_cast<std::size_t>(end - begin) + 2);
    table.assign(slots, 0);
    const std::size_t mask = slots - 1;
    bool zero = false;
    for (const std::uint64_t* k = begin; k != end; ++k) {
        if (*k == 0) {
            if (zero)
                return true;
            zero = true;
            continue;
        }
        // The low bits index the table: the top byte is the same in the whole bucket.
        for (std::size_t s = static_cast<std::size_t>(*k) & mask;; s = (s + 1) & mask) {
            if (table[s] == 0) {
                table[s] = *k;
                break;
            }
            if (table[s] == *k)
                return true;
        }
    }
    return false;
}

} // namespace

bool any_repeated(const std::vector<std::uint64_t>& keys) {
    if (keys.size() < 2)
        return false;
    std::vector<std::size_t> start(kBuckets + 1, 0);
    for (const std::uint64_t key : keys)
        ++start[bucket_of(key) + 1];
    for (std::size_t b = 0; b < kBuckets; ++b)
        start[b + 1] += start[b];
    std::vector<std::uint64_t> bucketed(keys.size());
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const std::uint64_t key : keys)
        bucketed[next[bucket_of(key)]++] = key;
    std::atomic<bool> repeated{false};
    parallel_for(
        kBuckets,
        [&](std::size_t first, std::size_t last) {
            std::vector<std::uint64_t> table;
            for (std::size_t b = first; b < last && !repeated.load(std::memory_order_relaxed); ++b)
                if (bucket_has_repeat(bucketed.data() + start[b], bucketed.data() + start[b + 1], table))
                    repeated.store(true, std::memory_order_relaxed);
        },
        1);
    return repeated.load();
}

} // namespace levex
