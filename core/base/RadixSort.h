// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace levex {

namespace radix_detail {

// Each element travels as one 64-bit word: its float-rounded key's order-preserving bits above its
// index. Floats map to unsigned integers in order by flipping all bits of negatives and the sign
// of positives.
inline std::vector<std::uint64_t> tagged_items(const std::vector<double>& keys) {
    std::vector<std::uint64_t> items(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const float f = static_cast<float>(keys[i]);
        const auto b = std::bit_cast<std::uint32_t>(f == 0.0f ? 0.0f : f);
        const std::uint32_t ordered = (b >> 31) ? ~b : b | (std::uint32_t(1) << 31);
        items[i] = (std::uint64_t(ordered) << 32) | i;
    }
    return items;
}

// LSD passes over the upper 32 bits. 11-bit digits keep the scatter's 2,048 destinations in cache;
// a digit every key shares (the sign and exponent of prices in one range) needs no pass.
inline void sort_by_upper_bits(std::vector<std::uint64_t>& items) {
    const std::size_t n = items.size();
    std::vector<std::uint64_t> items_tmp(n);
    constexpr int kBits = 11;
    constexpr std::uint64_t kMask = (1u << kBits) - 1;
    std::vector<std::uint32_t> count(std::size_t(1) << kBits);
    for (int shift = 32; shift < 64; shift += kBits) {
        std::fill(count.begin(), count.end(), 0u);
        for (std::size_t i = 0; i < n; ++i)
            ++count[(items[i] >> shift) & kMask];
        if (n == 0 || count[(items[0] >> shift) & kMask] == n)
            continue;
        std::uint32_t sum = 0;
        for (std::uint32_t& c : count) {
            const std::uint32_t here = c;
            c = sum;
            sum += here;
        }
        for (std::size_t i = 0; i < n; ++i)
            items_tmp[count[(items[i] >> shift) & kMask]++] = items[i];
        items.swap(items_tmp);
    }
}

// Exact order within each run of keys that rounded to the same float (equal keys keep their
// order). Runs can be long — many prices a rounding error apart — so each is sorted, not walked.
template <typename Payload>
void sort_float_ties(const std::vector<std::uint64_t>& items, std::vector<double>& keys,
                     std::vector<Payload>& payload) {
    const std::size_t n = items.size();
    std::vector<std::pair<double, Payload>> run;
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin + 1;
        bool ordered = true;
        while (end < n && (items[end] >> 32) == (items[begin] >> 32)) {
            ordered &= !(keys[end] < keys[end - 1]);
            ++end;
        }
        if (!ordered) {
            run.clear();
            for (std::size_t i = begin; i < end; ++i)
                run.emplace_back(keys[i], payload[i]);
            std::stable_sort(run.begin(), run.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = begin; i < end; ++i) {
                keys[i] = run[i - begin].first;
                payload[i] = run[i - begin].second;
            }
        }
        begin = end;
    }
}

} // namespace radix_detail

/// Sorts `keys` ascending in place and permutes `payload` alongside (stable): an LSD radix sort on
/// the keys rounded to float (rounding is monotone, so the result is sorted but for keys within
/// float precision of each other), then each run of such keys is sorted on the exact keys. O(n)
/// with sequential passes, unlike a comparison sort through an index on million-row books. NaN
/// keys must be filtered out by the caller.
template <typename Payload>
void radix_sort(std::vector<double>& keys, std::vector<Payload>& payload) {
    const std::size_t n = keys.size();
    std::vector<std::uint64_t> items = radix_detail::tagged_items(keys);
    radix_detail::sort_by_upper_bits(items);
    std::vector<double> sorted_keys(n);
    std::vector<Payload> sorted_payload(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto from = static_cast<std::uint32_t>(items[i]);
        sorted_keys[i] = keys[from];
        sorted_payload[i] = payload[from];
    }
    radix_detail::sort_float_ties(items, sorted_keys, sorted_payload);
    keys.swap(sorted_keys);
    payload.swap(sorted_payload);
}

/// The stable order that sorts `keys` ascending.
inline std::vector<std::uint32_t> radix_order(std::vector<double> keys) {
    std::vector<std::uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    radix_sort(keys, order);
    return order;
}

} // namespace levex
