// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace levex {

/// The fields of a positions CSV row (docs/formats.md §1), in the order of position_columns().
enum class PositionField : unsigned char {
    Id,
    Account,
    Symbol,
    Side,
    Size,
    Entry,
    Leverage,
    Margin,
    MarginMode,
    Collateral,
    Equity,
    Mmr,
    MaintAmount,
    Mark,
    Liquidation,
};
inline constexpr std::size_t kPositionFields = 15;

/// A canonical column of docs/formats.md §1 with its aliases.
struct PositionColumn {
    const char* name;
    std::vector<const char*> aliases;
    bool required;
    const char* meaning;
};
const std::vector<PositionColumn>& position_columns();

/// The canonical name of a field ("entry_price").
const char* position_field_name(PositionField field);

} // namespace levex
