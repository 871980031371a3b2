// SPDX-License-Identifier: GPL-3.0-or-later
// The parallel loops: every item once, results independent of the thread count, cancellation as a
// result, and a failure rethrown on the calling thread.
#include "core/base/Parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using levex::Cancellation;
using levex::parallel_each;
using levex::parallel_for;
using levex::thread_count;

TEST(Parallel, ThreadCountIsBoundedByTheItems) {
    EXPECT_EQ(thread_count(4, 100), 4u);
    EXPECT_EQ(thread_count(8, 3), 3u);
    EXPECT_EQ(thread_count(8, 0), 1u);
    EXPECT_GE(thread_count(0, 1000), 1u);
    EXPECT_LE(thread_count(0, 2), 2u);
}

TEST(Parallel, EachItemRunsOnceAndResultsDoNotDependOnThreads) {
    constexpr std::size_t n = 1000;
    std::vector<std::vector<double>> results;
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        std::vector<int> runs(n, 0);
        std::vector<double> out(n, 0.0);
        Cancellation cancel;
        EXPECT_TRUE(parallel_each(n, threads, cancel, [&](std::size_t i) {
            ++runs[i];
            double x = double(i);
            for (int k = 0; k < 100; ++k)
                x = x * 0.999 + 1.0 / double(k + 1);
            out[i] = x;
        }));
        EXPECT_FALSE(cancel.requested());
        for (std::size_t i = 0; i < n; ++i)
            ASSERT_EQ(runs[i], 1) << "item " << i << " with " << threads << " threads";
        results.push_back(out);
    }
    for (const auto& r : results)
        EXPECT_EQ(r, results.front());
}

TEST(Parallel, NoItemsIsComplete) {
    Cancellation cancel;
    bool ran = false;
    EXPECT_TRUE(parallel_each(0, 4, cancel, [&](std::size_t) { ran = true; }));
    EXPECT_FALSE(ran);
}

// An item asks to stop: the loop reports it and starts no item after that (on one thread, exactly
// the items up to the one that asked have run).
TEST(Parallel, CancellationIsAResult) {
    Cancellation cancel;
    std::vector<int> runs(100, 0);
    const bool complete = parallel_each(100, 1, cancel, [&](std::size_t i) {
        ++runs[i];
        if (i == 9)
            cancel.request();
    });
    EXPECT_FALSE(complete);
    EXPECT_EQ(std::accumulate(runs.begin(), runs.end(), 0), 10);

    Cancellation many;
    std::atomic<int> ran{0};
    EXPECT_FALSE(parallel_each(100000, 4, many, [&](std::size_t i) {
        ++ran;
        if (i == 50)
            many.request();
    }));
    EXPECT_LT(ran.load(), 100000);

    Cancellation before;
    before.request();
    EXPECT_FALSE(parallel_each(10, 2, before, [](std::size_t) { FAIL() << "no item may start"; }));
}

// Two items fail: the caller gets the lowest-numbered one's exception, whatever the thread count.
TEST(Parallel, TheFirstFailureIsRethrownOnTheCallingThread) {
    const std::thread::id caller = std::this_thread::get_id();
    for (unsigned threads : {1u, 2u, 4u}) {
        Cancellation cancel;
        try {
            parallel_each(64, threads, cancel, [&](std::size_t i) {
                if (i == 7 || i == 40)
                    throw std::runtime_error("item " + std::to_string(i));
            });
            ADD_FAILURE() << "no exception with " << threads << " threads";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "item 7") << threads << " threads";
            EXPECT_EQ(std::this_thread::get_id(), caller);
        }
        EXPECT_TRUE(cancel.requested()); // a failure stops the loop
    }
}

TEST(Parallel, ForCoversTheRangeInContiguousChunks) {
    constexpr std::size_t n = 1'000'003;
    std::vector<std::uint8_t> hits(n, 0);
    std::atomic<std::size_t> chunks{0};
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end) {
            ++chunks;
            for (std::size_t i = begin; i < end; ++i)
                ++hits[i];
        },
        1000);
    for (std::size_t i = 0; i < n; ++i)
        ASSERT_EQ(hits[i], 1) << i;
    EXPECT_EQ(chunks.load(), std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), n / 1000));
}

TEST(Parallel, ForRethrowsAChunksException) {
    EXPECT_THROW(parallel_for(
                     200000,
                     [](std::size_t begin, std::size_t end) {
                         if (begin <= 150000 && 150000 < end)
                             throw std::invalid_argument("the chunk holding 150000");
                     },
                     1),
                 std::invalid_argument);
    // A range too small to split runs on the calling thread, exceptions included.
    EXPECT_THROW(parallel_for(10, [](std::size_t, std::size_t) { throw std::out_of_range("small"); }),
                 std::out_of_range);
}
