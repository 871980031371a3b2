// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/TextSink.h"
#include "core/model/LeverageAudit.h"
#include "core/model/MarginModel.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <cstddef>
#include <string>

namespace levex {

/// The `levex-cli inspect` table (docs/command-line.md): one CSV row per position with its computed
/// liquidation and bankruptcy prices beside the exchange's own figure. Empty cells mean "none".
std::string write_inspect_csv(const PositionBook& book, const VenueProfile& venue, const LiquidationLevels& levels);
/// The same table from an audit already made (its effective leverage is the leverage column).
std::string write_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit);

/// How stream_inspect_csv shares out its work. The text is the same whatever they are.
struct InspectStreamOptions {
    unsigned threads = 0;          // threads formatting rows; 0 = one per core
    std::size_t block_rows = 8192; // rows formatted as one piece (about 1.2 MB of text)
};

/// The same table passed to `sink` piece by piece, in order, as it is made: blocks of rows are
/// formatted on worker threads while the calling thread hands the finished ones to the sink, so a
/// slow sink (the kernel copying into a file) overlaps the formatting and only a few blocks are
/// held at once, never the whole text. What the sink throws stops the work and is rethrown.
void stream_inspect_csv(const PositionBook& book, const LiquidationLevels& levels, const LeverageAudit& audit,
                        const TextSink& sink, const InspectStreamOptions& options = {});

} // namespace levex
