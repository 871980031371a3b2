// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include "core/store/Workspace.h"

#include <memory>
#include <string>

namespace levex::ui {

/// A stored run as the views show a live one: every step ready, finished, with its summary and
/// log, and per book row the liquidation price (margin arithmetic on the stored book, no cascade).
/// Runs on the database thread.
std::shared_ptr<LiveRun> live_run_from_stored(const StoredRun& stored, std::shared_ptr<const PositionBook> book);

/// A finished run's result, to store it.
RunResult run_result_of(const LiveRun& run);

} // namespace levex::ui
