// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QThread;

namespace levex::ui {

/// Starts a thread that computes in the background (simulation, sweep, Monte Carlo). On Linux it
/// runs at a lower priority (nice + 10), and so do the core's worker threads it spawns, which
/// inherit it: when every core is busy the scheduler still gives the GUI thread its turn, so the
/// window keeps answering during a 1M-position sweep.
void start_background_thread(QThread& thread);

} // namespace levex::ui
