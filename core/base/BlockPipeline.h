// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace levex {

/// Overlaps two halves of a job over numbered blocks: `workers` threads produce blocks 0, 1, 2, …
/// (each takes the next unclaimed one) while the calling thread consumes them strictly in order.
/// `produce(i, Block&)` fills block i (a fresh Block, or one the consumer is done with, for reuse:
/// clear it first); `consume(i, Block&)` takes each block in turn and returns false to stop early
/// (cancel, or an error that ends the job). Producers run at most `window` blocks ahead of the
/// consumer, which bounds memory. Whatever the number of workers, the consumer sees the same
/// blocks in the same order, so results do not depend on it. An exception on either side stops
/// both and is rethrown here once the workers have been joined.
template <typename Block, typename Produce, typename Consume>
void run_in_order(std::size_t blocks, Produce&& produce, Consume&& consume, std::size_t workers = 1,
                  std::size_t window = 4) {
    workers = std::max<std::size_t>(1, std::min(workers, blocks));
    window = std::max(window, workers);
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Block> slots(window); // block i lives in slots[i % window]
    std::vector<char> ready(window, 0);
    std::size_t next_claim = 0, consumed = 0;
    bool stop = false;
    std::exception_ptr error;

    auto work = [&] {
        for (;;) {
            std::size_t i = 0;
            Block block;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || next_claim >= blocks || next_claim < consumed + window; });
                if (stop || next_claim >= blocks)
                    return;
                i = next_claim++;
                block = std::move(slots[i % window]);
            }
            try {
                produce(i, block);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
                changed.notify_all();
                return;
            }
            std::lock_guard lock(mutex);
            slots[i % window] = std::move(block);
            ready[i % window] = 1;
            changed.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back(work);
    auto finish = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
            changed.notify_all();
        }
        for (std::thread& t : threads)
            t.join();
    };
    try {
        for (std::size_t i = 0; i < blocks; ++i) {
            Block block;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return ready[i % window] || stop; });
                if (!ready[i % window])
                    break; // a worker failed
                block = std::move(slots[i % window]);
            }
            const bool go_on = consume(i, block);
            std::lock_guard lock(mutex);
            slots[i % window] = std::move(block);
            ready[i % window] = 0;
            consumed = i + 1;
            changed.notify_all();
            if (!go_on)
                break;
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
    if (error)
        std::rethrow_exception(error);
}

} // namespace levex
