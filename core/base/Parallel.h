// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace levex {

/// A stop request shared by the items of one parallel_each: any item may make it (its progress
/// callback said stop), and long items poll it between their own pieces of work.
class Cancellation {
public:
    void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
    bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> requested_{false};
};

/// Threads for a loop over `items`: `requested` (0 = one per core), never more than the items, at least one.
inline unsigned thread_count(unsigned requested, std::size_t items) {
    const unsigned wanted = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, items)));
}

/// Runs item(i) for every i in [0, n) on `threads` threads (see thread_count; the calling thread
/// is one of them). Items are handed out one at a time in increasing order, so uneven items
/// balance; each item writes only its own results, so the outcome never depends on the thread
/// count or the scheduling.
///
/// No item starts once `cancel` is requested. When items throw, the loop requests `cancel`, waits
/// for the items already running, and rethrows on the calling thread the exception of the
/// lowest-numbered item that failed (the one a single thread would have met first).
/// Returns true when every item ran, false when the loop was cancelled.
template <typename Item>
bool parallel_each(std::size_t n, unsigned threads, Cancellation& cancel, Item&& item) {
    std::atomic<std::size_t> next{0};
    std::mutex failure_lock;
    std::exception_ptr failure;
    std::size_t failed_item = n;
    auto worker = [&] {
        for (std::size_t i; !cancel.requested() && (i = next.fetch_add(1)) < n;) {
            try {
                item(i);
            } catch (...) {
                const std::lock_guard lock(failure_lock);
                if (i < failed_item) {
                    failed_item = i;
                    failure = std::current_exception();
                }
                cancel.request();
            }
        }
    };
    std::vector<std::thread> pool;
    try {
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(worker);
    } catch (...) { // no thread could be started: stop the ones that were, then report it
        cancel.request();
        for (std::thread& t : pool)
            t.join();
        throw;
    }
    worker();
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    return !cancel.requested();
}

/// Runs fn(begin, end) over [0, n) in fixed contiguous chunks, one per core. Chunks depend only on
/// n and the core count and each writes its own range, so results never depend on scheduling.
/// Small ranges run on the calling thread alone. An exception from a chunk is rethrown on the
/// calling thread (the lowest chunk's, as parallel_each does).
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn, std::size_t min_chunk = 65536) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::min(cores, std::max<std::size_t>(1, n / min_chunk));
    if (chunks <= 1) {
        fn(std::size_t(0), n);
        return;
    }
    const std::size_t step = (n + chunks - 1) / chunks;
    Cancellation never;
    parallel_each(chunks, static_cast<unsigned>(chunks), never,
                  [&](std::size_t c) { fn(std::min(n, c * step), std::min(n, (c + 1) * step)); });
}

} // namespace levex
