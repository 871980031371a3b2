// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <string>

namespace levex {

/// The `levex-cli inspect` table (docs/command-line.md): one CSV row per position with its computed
/// liquidation and bankruptcy prices beside the exchange's own figure. Empty cells mean "none".
std::string write_inspect_csv(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels);
/// The same table from an audit already made (its effective leverage is the leverage column).
std::string write_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit);

} // namespace levex
