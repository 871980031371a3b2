// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/CascadeEngine.h"
#include "core/engine/LendingCascade.h"
#include "core/market/L2Depth.h"
#include "core/model/LeverageAudit.h"
#include "core/model/PositionBook.h"
#include "core/model/RunParameters.h"
#include "core/usecase/LendingBookInput.h"
#include "ui/models/LendingAccounts.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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
    std::string venue;         ///< the venue profile's name
    bool fund_assumed = false; ///< the fund is the venue profile's unsourced default, not a published size
    /// What the core says about where the market starts (market_start_notice(): an L2 snapshot
    /// re-based to the start price, a pool priced away from the book's mark); empty when nothing.
    std::string market_notice;
    /// An L2 snapshot's last level on each side at the start price, where its fitted tail begins
    /// (market_start()); the charts mark them. None for the other depth models.
    std::optional<SnapshotEnds> snapshot_ends;
    std::size_t capacity = 0; ///< steps the run may take
    std::size_t bins = 0;

    /// Every series and histogram of the run (core/engine/RunSeries.h lists them), sized for
    /// `capacity` steps; the worker copies each step in with copy_step().
    RunFrames live;
    // The names the views read the series by.
    std::vector<double>& edges = live.edges;
    std::vector<double>& index = live.index;
    std::vector<double>& book = live.book;
    std::vector<double>& mark = live.mark;
    std::vector<double>& liquidated_long = live.liquidated_notional_long;   ///< quote per step
    std::vector<double>& liquidated_short = live.liquidated_notional_short; ///< quote per step
    std::vector<double>& open_long = live.open_long;                        ///< capacity × bins
    std::vector<double>& open_short = live.open_short;
    std::vector<double>& executed_long = live.executed_long;
    std::vector<double>& executed_short = live.executed_short;

    std::atomic<std::size_t> ready{0};
    std::atomic<bool> finished{false};
    bool cancelled = false; ///< set before `finished`
    RunSummary summary;     ///< valid once finished and not cancelled
    std::vector<LiquidationEvent> log;
    std::shared_ptr<const PositionBook> position_book; ///< the book the run read (immutable)
    std::vector<double> liquidation_by_row;            ///< per book row, once finished; NaN = never
    std::vector<std::uint32_t> first_step_by_row;      ///< per book row, once finished; kNever = not liquidated
    /// Per book row: the margin and leverage the run used and the flags (liquidatable before any
    /// shock, above the venue's max leverage), once finished.
    std::shared_ptr<const LeverageAudit> audit;
    static constexpr std::uint32_t kNever = 0xFFFFFFFFu;
    std::shared_ptr<const RunFrames> frames; ///< the engine's complete frames, once finished (for saving)
    std::string started_at;                  ///< ISO 8601 UTC
    double prepare_ms = 0.0, run_ms = 0.0;
    bool reused_prepared_book = false; ///< only the shock, depth or path changed since the last run

    /// A run of lending books (docs/lending.md §8): `position_book` is then null, the frames' levels
    /// are the collateral at stake by liquidation price, `summary` holds only the market's price keys
    /// (start, final, lowest, highest, drawdown, amplification, duration, P*, steps) and the lending
    /// figures are below. `symbol` is the shocked asset.
    BookKind kind = BookKind::Positions;
    std::shared_ptr<const std::vector<LendingBookInput>> lending_books; ///< the run's books (immutable)
    LendingSummary lending_summary;                                     ///< valid once finished
    std::vector<LendingEvent> lending_log;
    /// Every account of the books with what the run did to it, once finished.
    std::shared_ptr<const std::vector<LendingAccountRow>> lending_accounts;
    bool lending() const { return kind == BookKind::Lending; }

    LiveRun() = default;
    LiveRun(const LiveRun&) = delete; // the names above refer to this object's own buffers
    LiveRun& operator=(const LiveRun&) = delete;

    /// Sizes the buffers for `steps` steps of `bin_count` bins, zero-filled.
    void allocate(std::size_t steps, std::size_t bin_count);
    /// The first step each book row was liquidated in, from the log (kNever when not).
    void index_first_steps(std::size_t book_rows);

    const double* row(const std::vector<double>& histogram, std::size_t step) const {
        return histogram.data() + step * bins;
    }
};

} // namespace levex::ui
