// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/model/PositionBook.h"

#include <string>

namespace levex {

/// The summary as a JSON object with the keys of docs/model.md §6 (units in the key names or in that
/// section); `amplification` is null at zero shock and an unlimited fund is written "inf".
std::string summary_json(const RunSummary& summary);

/// Reads a summary written by summary_json() back (the workspace stores runs that way); keys it
/// does not know are ignored, missing ones keep their defaults. Throws DataError naming `what`.
RunSummary parse_summary_json(const std::string& text, const std::string& what);

/// Frames in long format, one row per step and series: `step,series,bin_low,bin_high,value`.
/// The scalar series (run_series()) leave the bin columns empty; the histograms (run_histograms():
/// open_long, open_short, executed_long, executed_short) write their non-zero bins only.
std::string frames_csv(const RunFrames& frames);

/// The scalar series in wide format, one row per step (for spreadsheets): `step,time_s` and a
/// column per series of run_series(): `index,book,mark,liquidated_notional_long,
/// liquidated_notional_short,liquidated_count_long,liquidated_count_short,backstop_notional,
/// adl_notional,open_interest,fund_balance` (an unlimited fund is written inf).
std::string series_csv(const RunFrames& frames, double step_seconds);

/// The liquidation log (docs/model.md §6), one row per event.
std::string liquidation_log_csv(const std::vector<LiquidationEvent>& log, const PositionBook& book);

/// The positions the run liquidated (docs/model.md §6), one row each in order of their first
/// liquidation: `id,account,symbol,side,size,entry_price,trigger,first_step,last_step,
/// liquidated_size,average_fill_price,fee,fund_pnl,paths,fully_liquidated` (sizes as in the book;
/// paths joined with '+', e.g. `book+takeover`).
std::string liquidated_positions_csv(const std::vector<LiquidationEvent>& log, const PositionBook& book);

} // namespace levex
