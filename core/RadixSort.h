// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace levex {

/// The order that sorts `keys` ascending (stable): an LSD radix sort on the keys rounded to float
/// (rounding is monotone, so this is sorted but for keys within float precision of each other),
/// then an insertion pass on the exact keys puts those few neighbours right. O(n) and
/// cache-friendly, unlike a comparison sort through an index on million-row books. NaN keys must
/// be filtered out by the caller.
inline std::vector<std::uint32_t> radix_order(const std::vector<double>& keys) {
    const std::size_t n = keys.size();
    // Floats map to unsigned integers in the same order: flip all bits of negatives, the sign of positives.
    std::vector<std::uint32_t> bits(n), bits_tmp(n), order(n), order_tmp(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float f = static_cast<float>(keys[i]);
        const auto b = std::bit_cast<std::uint32_t>(f == 0.0f ? 0.0f : f);
        bits[i] = (b >> 31) ? ~b : b | (std::uint32_t(1) << 31);
        order[i] = static_cast<std::uint32_t>(i);
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
            order_tmp[slot] = order[i];
        }
        bits.swap(bits_tmp);
        order.swap(order_tmp);
    }
    // Exact order among keys that rounded to the same float (stable: equal keys keep their order).
    for (std::size_t i = 1; i < n; ++i) {
        const std::uint32_t item = order[i];
        const double key = keys[item];
        std::size_t j = i;
        while (j > 0 && keys[order[j - 1]] > key) {
            order[j] = order[j - 1];
            --j;
        }
        order[j] = item;
    }
    return order;
}

} // namespace levex
