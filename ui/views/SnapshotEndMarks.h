// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/market/L2Depth.h"

#include <QString>

#include <optional>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace levex::ui {

/// Where an L2 snapshot ends and its fitted power-law tail begins (docs/liquidity.md §2), marked on
/// a chart whose y axis is log price: a dashed horizontal line per side at the price of its last
/// level, labelled. Hidden for the other depth models. The prices come from the core with the run
/// (LiveRun::snapshot_ends); nothing is computed here.
class SnapshotEndMarks {
public:
    /// Items on `plot`'s first axis rect (x: any axis, y: log price).
    explicit SnapshotEndMarks(QCustomPlot* plot);

    /// Shows the marks at `ends`, or hides them when there are none.
    void show(const std::optional<SnapshotEnds>& ends);
    bool visible() const;
    /// The label of the bid side's (`bids`) or the ask side's mark, as drawn.
    QString label(bool bids) const;
    /// The log price the mark of a side is drawn at.
    double logPrice(bool bids) const;

private:
    QCPItemStraightLine* lines_[2]; // bids, asks
    QCPItemText* labels_[2];
};

} // namespace levex::ui
