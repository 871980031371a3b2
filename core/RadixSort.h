// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <vector>

namespace levex {

/// Sorts `keys` ascending in place and permutes `payload` alongside (stable): an LSD radix sort on
/// the keys rounded to float (rounding is monotone, so the result is sorted but for keys within
/// float precision of each other), then an insertion pass on the exact keys puts those few
/// neighbours right. O(n) with sequential passes, unlike a comparison sort through an index on
/// million-row books. NaN keys must be filtered out by the caller.
template <typename Payload>
void radix_sort(std::vector<double>& keys, std::vector<Payload>& payload) {
    const std::size_t n = keys.size();
    // Floats map to unsigned integers in the same order: flip all bits of negatives, the sign of positives.
    std::vector<std::uint32_t> bits(n), bits_tmp(n);
    std::vector<double> keys_tmp(n);
    std::vector<Payload> payload_tmp(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float f = static_cast<float>(keys[i]);
        const auto b = std::bit_cast<std::uint32_t>(f == 0.0f ? 0.0f : f);
        bits[i] = (b >> 31) ? ~b : b | (std::uint32_t(1) << 31);
    }
    // 11-bit digits keep the scatter's 2,048 destinations in cache; a digit every key shares (the
    // sign and exponent of prices in one range) needs no pass.
    constexpr int kBits = 11;
    constexpr std::uint32_t kMask = (1u << kBits) - 1;
    std::vector<std::uint32_t> count(std::size_t(1) << kBits);
    for (int shift = 0; shift < 32; shift += kBits) {
        std::fill(count.begin(), count.end(), 0u);
        for (std::size_t i = 0; i < n; ++i)
            ++count[(bits[i] >> shift) & kMask];
        if (n == 0 || count[(bits[0] >> shift) & kMask] == n)
            continue;
        std::uint32_t sum = 0;
        for (std::uint32_t& c : count) {
            const std::uint32_t here = c;
            c = sum;
            sum += here;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t slot = count[(bits[i] >> shift) & kMask]++;
            bits_tmp[slot] = bits[i];
            keys_tmp[slot] = keys[i];
            payload_tmp[slot] = payload[i];
        }
        bits.swap(bits_tmp);
        keys.swap(keys_tmp);
        payload.swap(payload_tmp);
    }
    // Exact order among keys that rounded to the same float (equal keys keep their order).
    for (std::size_t i = 1; i < n; ++i) {
        if (!(keys[i] < keys[i - 1]))
            continue;
        const double key = keys[i];
        const Payload item = payload[i];
        std::size_t j = i;
        for (; j > 0 && keys[j - 1] > key; --j) {
            keys[j] = keys[j - 1];
            payload[j] = payload[j - 1];
        }
        keys[j] = key;
        payload[j] = item;
    }
}

/// The stable order that sorts `keys` ascending.
inline std::vector<std::uint32_t> radix_order(std::vector<double> keys) {
    std::vector<std::uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    radix_sort(keys, order);
    return order;
}

} // namespace levex
