// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace levex {

/// How a matrix of doubles is laid out in a run's BLOB (the workspace database, docs/formats.md §6).
enum class BlobEncoding : std::uint8_t {
    Dense = 0,    ///< rows × cols little-endian f64
    RowDelta = 1, ///< per row: u32 n, then n × (u32 column, f64 value) where it differs from the row above
};

/// Encodes a row-major rows × cols matrix behind a 16-byte header: "LVXM", u8 format version (1),
/// u8 encoding, u16 0, u32 rows, u32 cols. RowDelta keeps the heatmap frames small: a step's
/// histogram differs from the previous step's in the few bins the cascade swept, and values are
/// stored whole (not as differences), so decoding is bit-exact.
std::vector<std::uint8_t> encode_matrix(std::span<const double> values, std::size_t rows, std::size_t cols,
                                        BlobEncoding encoding);

struct DecodedMatrix {
    std::size_t rows = 0, cols = 0;
    std::vector<double> values; ///< row-major
};

/// Decodes a matrix written by encode_matrix; throws DataError naming `what` for a damaged blob.
DecodedMatrix decode_matrix(std::span<const std::uint8_t> blob, const std::string& what);

} // namespace levex
