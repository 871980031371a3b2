// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace levex {

/// Runs fn(begin, end) over [0, n) in fixed contiguous chunks, one per core (the calling thread
/// takes the first). Chunks depend only on n and the core count and each writes its own range, so
/// results never depend on scheduling. Small ranges run on the calling thread alone.
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn, std::size_t min_chunk = 65536) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::min(cores, std::max<std::size_t>(1, n / min_chunk));
    if (chunks <= 1) {
        fn(std::size_t(0), n);
        return;
    }
    std::vector<std::thread> workers;
    std::vector<std::exception_ptr> errors(chunks);
    const std::size_t step = (n + chunks - 1) / chunks;
    for (std::size_t c = 1; c < chunks; ++c)
        workers.emplace_back([&, c] {
            try {
                fn(c * step, std::min(n, (c + 1) * step));
            } catch (...) {
                errors[c] = std::current_exception();
            }
        });
    try {
        fn(std::size_t(0), std::min(n, step));
    } catch (...) {
        errors[0] = std::current_exception();
    }
    for (std::thread& w : workers)
        w.join();
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace levex
