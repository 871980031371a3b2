// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/MarginModel.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace levex {

/// Flags of a position the front ends point out before any run.
enum PositionFlag : std::uint8_t {
    kLiquidatableAtStart = 1, ///< its liquidation price is already crossed at the start mark
    kAboveMaxLeverage = 2,    ///< its leverage exceeds its tier's max leverage on the venue
};

/// How far past a tier's max leverage a position may read before it is flagged (a relative share):
/// margins and wallets rounded to the cent put positions opened at the limit slightly past it.
inline constexpr double kLeverageLimitTolerance = 0.01;

/// The leverage multiplier where it acts (docs/model.md §7): per position the margin and leverage
/// a run uses, and the positions that look wrong before any shock, counted. The command line's
/// inspect and the app's positions table both read it.
struct LeverageAudit {
    /// Per position: an isolated position's leverage × given / effective margin; a cross
    /// position's account entry notional / effective wallet (NaN when the file gives neither).
    std::vector<double> effective_leverage;
    /// Per position: the isolated margin the run uses, or its cross account's effective wallet.
    std::vector<double> effective_margin;
    std::vector<std::uint8_t> flags; ///< per position: PositionFlag bits
    std::size_t liquidatable_at_start = 0;
    std::size_t above_max_leverage = 0;
};

/// Audits every position of `book` from its computed levels. `marks` holds each symbol's start
/// mark (NaN: unknown, no position of it is judged liquidatable at start).
LeverageAudit audit_leverage(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels,
                             const std::vector<double>& marks);

} // namespace levex
