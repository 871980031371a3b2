// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace levex::ui {

/// One cascade run as the GUI sees it while the worker produces it. The worker writes step t's
/// row of every series, then publishes `ready = t + 1` (release); the GUI reads rows below
/// `ready` (acquire) without a lock. Buffers are sized for the whole run when it starts, so they
/// never move; the summary and log are valid once `finished` is set.
struct LiveRun {
    std::uint64_t generation = 0;
    RunParameters params;
    std::string symbol;
    std::string venue;        ///< the venue profile's name
    std::size_t capacity = 0; ///< steps the run may take
    std::size_t bins = 0;
    std::vector<double> edges;

    std::vector<double> index, book, mark;
    std::vector<double> liquidated_long, liquidated_short;                    ///< quote per step
    std::vector<double> open_long, open_short, executed_long, executed_short; ///< capacity × bins

    std::atomic<std::size_t> ready{0};
    std::atomic<bool> finished{false};
    bool cancelled = false; ///< set before `finished`
    RunSummary summary;     ///< valid once finished and not cancelled
    std::vector<LiquidationEvent> log;
    std::shared_ptr<const PositionBook> position_book; ///< the book the run read (immutable)
    std::vector<double> liquidation_by_row;            ///< per book row, once finished; NaN = never
    std::vector<std::uint32_t> first_step_by_row;      ///< per book row, once finished; kNever = not liquidated
    static constexpr std::uint32_t kNever = 0xFFFFFFFFu;
    std::shared_ptr<const RunFrames> frames; ///< the engine's complete frames, once finished (for saving)
    std::string started_at;                  ///< ISO 8601 UTC
    double prepare_ms = 0.0, run_ms = 0.0;
    bool reused_prepared_book = false; ///< only the shock, depth or path changed since the last run

    const double* row(const std::vector<double>& histogram, std::size_t step) const {
        return histogram.data() + step * bins;
    }
};

} // namespace levex::ui
