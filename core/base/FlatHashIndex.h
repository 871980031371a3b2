// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/HugePageArray.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

namespace levex {

/// Open-addressing hash index from a key to a dense element index, for million-entry lookups
/// (ids, accounts, account×symbol pairs) without one heap node per entry. A slot is 8 bytes: a
/// 32-bit digest of the key's hash and the element's index; the keys stay in the caller's own
/// arrays and are compared through the `equal(index)` callback, so the caller decides what a key is.
class FlatHashIndex {
public:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    explicit FlatHashIndex(std::size_t expected = 16) { rebuild(capacity_for(expected)); }

    /// The index already stored under an equal key, or kNone.
    template <typename Equal>
    std::uint32_t find(std::uint64_t hash, Equal&& equal) const {
        const std::uint32_t digest = digest_of(hash);
        for (std::size_t s = home(digest);; s = (s + 1) & mask_) {
            const Slot& slot = slots_[s];
            if (slot.index == kNone)
                return kNone;
            if (slot.digest == digest && equal(slot.index))
                return slot.index;
        }
    }

    /// Starts loading the slot a lookup of `hash` will read first, so that a lookup a little later
    /// finds it in cache (the index is far larger than the caches for million-row books).
    void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[home(digest_of(hash))]); }

    /// Stores `index` under `hash`; the caller has checked with find() that no equal key is present.
    void insert(std::uint64_t hash, std::uint32_t index) {
        if ((size_ + 1) * 4 > slots_.size() * 3)
            grow();
        place(digest_of(hash), index);
        ++size_;
    }

    std::size_t size() const { return size_; }

    /// A 64-bit mix for integer keys (splitmix64's finaliser).
    static std::uint64_t mix(std::uint64_t x) {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }

    /// A hash for short texts (ids, account names): mixing whole 8-byte words is several times
    /// faster than the standard library's byte-wise hash, and the index needs only well-spread bits.
    static std::uint64_t hash_text(std::string_view s) {
        std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
        const char* p = s.data();
        std::size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            h = mix(h ^ word);
        }
        if (n > 0) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, n);
            h = mix(h ^ word);
        }
        return mix(h);
    }

private:
    struct Slot {
        std::uint32_t digest;
        std::uint32_t index;
    };

    static std::uint32_t digest_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash ^ (hash >> 32)); }
    // Fibonacci hashing spreads the digest's bits over the slot range.
    std::size_t home(std::uint32_t digest) const { return (digest * 0x9E3779B9u) >> shift_; }

    static std::size_t capacity_for(std::size_t n) {
        std::size_t c = 16;
        while (c * 3 < n * 4 + 4)
            c *= 2;
        return c;
    }
    void rebuild(std::size_t capacity) {
        slots_ = HugePageArray<Slot>(capacity, Slot{0, kNone});
        mask_ = capacity - 1;
        shift_ = 32;
        for (std::size_t c = capacity; c > 1; c >>= 1)
            --shift_;
    }
    void place(std::uint32_t digest, std::uint32_t index) {
        std::size_t s = home(digest);
        while (slots_[s].index != kNone)
            s = (s + 1) & mask_;
        slots_[s] = {digest, index};
    }
    void grow() {
        HugePageArray<Slot> old = std::move(slots_);
        rebuild(old.size() * 2);
        for (std::size_t s = 0; s < old.size(); ++s)
            if (old[s].index != kNone)
                place(old[s].digest, old[s].index);
    }

    HugePageArray<Slot> slots_; // huge pages: lookups land anywhere in it
    std::size_t mask_ = 0;
    unsigned shift_ = 32;
    std::size_t size_ = 0;
};

} // namespace levex
