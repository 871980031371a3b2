// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/RunBlob.h"

#include "core/base/Issue.h"
#include "core/model/ParameterTable.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace levex {

// The blobs are written in the machine's byte order; every platform LevEx targets is little-endian.
static_assert(std::endian::native == std::endian::little, "the run blob format is little-endian");

namespace {

constexpr char kMagic[4] = {'L', 'V', 'X', 'M'};
constexpr std::uint8_t kFormatVersion = 1;
constexpr std::size_t kHeaderBytes = 16;

template <typename T>
void put(std::vector<std::uint8_t>& out, T value) {
    const std::size_t at = out.size();
    out.resize(at + sizeof(T));
    std::memcpy(out.data() + at, &value, sizeof(T));
}

template <typename T>
T get(std::span<const std::uint8_t> in, std::size_t at) {
    T value;
    std::memcpy(&value, in.data() + at, sizeof(T));
    return value;
}

[[noreturn]] void damaged(const std::string& what, const std::string& expected, const std::string& found) {
    throw DataError({Severity::Error, "", 0, 0, what, what + ": expected " + expected + ", found " + found});
}

} // namespace

std::vector<std::uint8_t> encode_matrix(std::span<const double> values, std::size_t rows, std::size_t cols,
                                        BlobEncoding encoding) {
    if (values.size() != rows * cols || rows > UINT32_MAX || cols > UINT32_MAX)
        throw std::invalid_argument("encode_matrix: " + std::to_string(values.size()) + " values for a " +
                                    std::to_string(rows) + " × " + std::to_string(cols) + " matrix");
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderBytes + (encoding == BlobEncoding::Dense ? values.size() * sizeof(double) : rows * 4));
    out.resize(4);
    std::memcpy(out.data(), kMagic, 4);
    put<std::uint8_t>(out, kFormatVersion);
    put<std::uint8_t>(out, static_cast<std::uint8_t>(encoding));
    put<std::uint16_t>(out, 0);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(rows));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(cols));
    if (encoding == BlobEncoding::Dense) {
        const std::size_t at = out.size();
        out.resize(at + rows * cols * sizeof(double));
        if (rows * cols > 0)
            std::memcpy(out.data() + at, values.data(), rows * cols * sizeof(double));
        return out;
    }
    std::vector<double> previous(cols, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
        const double* row = values.data() + r * cols;
        const std::size_t count_at = out.size();
        put<std::uint32_t>(out, 0);
        std::uint32_t changed = 0;
        for (std::size_t c = 0; c < cols; ++c) {
            // Compared bit for bit, so -0.0 and NaN payloads survive.
            if (std::bit_cast<std::uint64_t>(row[c]) == std::bit_cast<std::uint64_t>(previous[c]))
                continue;
            put<std::uint32_t>(out, static_cast<std::uint32_t>(c));
            put<double>(out, row[c]);
            previous[c] = row[c];
            ++changed;
        }
        std::memcpy(out.data() + count_at, &changed, sizeof changed);
    }
    return out;
}

DecodedMatrix decode_matrix(std::span<const std::uint8_t> blob, const std::string& what) {
    if (blob.size() < kHeaderBytes || std::memcmp(blob.data(), kMagic, 4) != 0)
        damaged(what, "a LevEx matrix blob (header LVXM)", std::to_string(blob.size()) + " bytes without it");
    if (blob[4] != kFormatVersion)
        damaged(what, "blob format version 1", "version " + std::to_string(blob[4]) + " (written by a newer LevEx?)");
    DecodedMatrix m;
    m.rows = get<std::uint32_t>(blob, 8);
    m.cols = get<std::uint32_t>(blob, 12);
    // The shape comes from the file: bound it before allocating (a run's four heatmaps at most).
    constexpr std::size_t kMaxCells = 4 * kMaxHeatmapCells;
    if (m.cols > 0 && m.rows > kMaxCells / m.cols)
        damaged(what, "at most " + std::to_string(kMaxCells) + " cells",
                std::to_string(m.rows) + " × " + std::to_string(m.cols));
    const auto encoding = static_cast<BlobEncoding>(blob[5]);
    if (encoding == BlobEncoding::Dense) {
        const std::size_t bytes = m.rows * m.cols * sizeof(double);
        if (blob.size() != kHeaderBytes + bytes)
            damaged(what, std::to_string(kHeaderBytes + bytes) + " bytes", std::to_string(blob.size()));
        m.values.resize(m.rows * m.cols);
        if (bytes > 0)
            std::memcpy(m.values.data(), blob.data() + kHeaderBytes, bytes);
        return m;
    }
    if (encoding != BlobEncoding::RowDelta)
        damaged(what, "encoding 0 or 1", std::to_string(blob[5]));
    if (m.rows > (blob.size() - kHeaderBytes) / 4) // every row holds at least its count
        damaged(what, std::to_string(m.rows) + " rows of at least 4 bytes", std::to_string(blob.size()) + " bytes");
    m.values.assign(m.rows * m.cols, 0.0);
    std::size_t at = kHeaderBytes;
    for (std::size_t r = 0; r < m.rows; ++r) {
        double* row = m.values.data() + r * m.cols;
        if (r > 0)
            std::memcpy(row, row - m.cols, m.cols * sizeof(double));
        if (at + 4 > blob.size())
            damaged(what, "row " + std::to_string(r) + " of " + std::to_string(m.rows), "the end of the blob");
        const std::uint32_t n = get<std::uint32_t>(blob, at);
        at += 4;
        if (n > m.cols || at + n * 12ull > blob.size())
            damaged(what, "at most " + std::to_string(m.cols) + " changed columns in row " + std::to_string(r),
                    std::to_string(n));
        for (std::uint32_t k = 0; k < n; ++k, at += 12) {
            const std::uint32_t c = get<std::uint32_t>(blob, at);
            if (c >= m.cols)
                damaged(what, "a column below " + std::to_string(m.cols), std::to_string(c));
            row[c] = get<double>(blob, at + 4);
        }
    }
    if (at != blob.size())
        damaged(what, std::to_string(at) + " bytes", std::to_string(blob.size()));
    return m;
}

} // namespace levex
