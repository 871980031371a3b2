// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace levex {

/// One per-step series of a run (docs/model.md §6): its name (a column of the series CSV, a
/// series of the frames CSV), its unit, where RunFrames holds it, and its row in a stored run's
/// `series` matrix. Every writer, reader and copier of the series loops over run_series(), so a
/// new series is added here once.
struct RunSeries {
    const char* name;
    const char* unit;
    std::vector<double> RunFrames::*values;        ///< a series of numbers, or nullptr
    std::vector<std::uint32_t> RunFrames::*counts; ///< a series of counts, or nullptr
    std::size_t stored_row; ///< fixed by the workspace format (docs/formats.md §6), not the order here

    double at(const RunFrames& frames, std::size_t step) const;
    /// Sets step `step` (counts take whole values).
    void set(RunFrames& frames, std::size_t step, double value) const;
    std::size_t size(const RunFrames& frames) const;
    void resize(RunFrames& frames, std::size_t steps) const;
};

/// The scalar series, in the order the CSV files write them.
std::span<const RunSeries> run_series();

/// One price-binned histogram of a run: steps × bins, row-major, in quote.
struct RunHistogram {
    const char* name;
    std::vector<double> RunFrames::*values;
};

/// The histograms, in the order the frames CSV writes them and a stored run's heatmap holds them.
std::span<const RunHistogram> run_histograms();

/// Copies step `step` of every series and histogram row from `from` into `to`, which is already
/// sized for it (`to.bins` == `from.bins`): the app's live view of a run in progress.
void copy_step(const RunFrames& from, RunFrames& to, std::size_t step);

} // namespace levex
