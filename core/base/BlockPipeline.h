// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace levex {

/// Overlaps two halves of a job: a second thread produces blocks of work while the calling thread
/// consumes them, in order. `produce(Block&)` fills a block (a fresh one, or one the consumer is
/// done with, for reuse: clear it first) and returns false after the last; `consume(Block&)` takes
/// each block in turn and returns false to stop early (cancel, or an error that ends the job).
/// At most `depth` blocks wait between the two, which bounds memory. An exception from either side
/// stops both and is rethrown here once the producer has been joined.
template <typename Block, typename Produce, typename Consume>
void run_pipelined(Produce&& produce, Consume&& consume, std::size_t depth = 3) {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Block> full, spare;
    bool stop = false, finished = false;
    std::exception_ptr producer_error;

    std::thread producer([&] {
        try {
            for (bool more = true; more;) {
                Block block;
                {
                    std::lock_guard lock(mutex);
                    if (!spare.empty()) {
                        block = std::move(spare.front());
                        spare.pop_front();
                    }
                }
                more = produce(block);
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return full.size() < depth || stop; });
                if (stop)
                    return;
                full.push_back(std::move(block));
                finished = !more;
                changed.notify_all();
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            producer_error = std::current_exception();
            finished = true;
            changed.notify_all();
        }
    });
    auto stop_producer = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
            changed.notify_all();
        }
        producer.join();
    };
    try {
        for (;;) {
            Block block;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !full.empty() || finished; });
                if (full.empty())
                    break; // finished, or failed
                block = std::move(full.front());
                full.pop_front();
                changed.notify_all();
            }
            if (!consume(block))
                break;
            std::lock_guard lock(mutex);
            spare.push_back(std::move(block));
        }
    } catch (...) {
        stop_producer();
        throw;
    }
    stop_producer();
    if (producer_error)
        std::rethrow_exception(producer_error);
}

} // namespace levex
