// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace levex {

/// The key of a snapshot's row in `positions`, `lending_accounts` and `lending_rows` (docs/formats.md §6):
/// snapshot_id · 2^32 + row, so a snapshot's rows are one contiguous, append-only key range (bulk
/// inserts take SQLite's append path; loads are one range scan).
inline std::int64_t row_key(std::int64_t snapshot_id, std::size_t row) {
    return snapshot_id * (std::int64_t(1) << 32) + static_cast<std::int64_t>(row);
}

} // namespace levex
