// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace levex {

/// Raw storage for a large table read at random places (hash indexes over a million rows): mapped
/// on its own and, where the system offers transparent huge pages, backed by 2 MB pages. With 4 KB
/// pages nearly every lookup in a 16 MB table also misses the address-translation cache, which
/// costs more than the cache miss itself (most of all under a hypervisor). Small tables come from
/// the ordinary heap. The memory goes back to the system when the array is destroyed.
class HugePageStorage {
public:
    HugePageStorage() = default;
    explicit HugePageStorage(std::size_t bytes);
    ~HugePageStorage();
    HugePageStorage(HugePageStorage&& other) noexcept { swap(other); }
    HugePageStorage& operator=(HugePageStorage&& other) noexcept {
        HugePageStorage(std::move(other)).swap(*this);
        return *this;
    }
    HugePageStorage(const HugePageStorage&) = delete;
    HugePageStorage& operator=(const HugePageStorage&) = delete;

    void* data() const { return data_; }
    void swap(HugePageStorage& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(mapped_, other.mapped_);
    }

private:
    void* data_ = nullptr;
    std::size_t mapped_ = 0; // bytes mapped, or 0 when data_ came from the heap
};

/// A fixed-size array of trivially copyable T on HugePageStorage, every element set to `fill`.
template <typename T>
class HugePageArray {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    HugePageArray() = default;
    HugePageArray(std::size_t n, const T& fill) : storage_(n * sizeof(T)), size_(n) {
        T* p = data();
        for (std::size_t i = 0; i < n; ++i)
            p[i] = fill;
    }
    T* data() const { return static_cast<T*>(storage_.data()); }
    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return data()[i]; }
    const T& operator[](std::size_t i) const { return data()[i]; }

private:
    HugePageStorage storage_;
    std::size_t size_ = 0;
};

} // namespace levex
