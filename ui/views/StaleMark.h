// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCPItemText;
class QCustomPlot;

namespace levex::ui {

/// A note across the middle of a chart whose data no longer matches the shown run ("Stale: …"):
/// drawn on the plot itself, so an exported image carries it too. Hidden until shown.
class StaleMark {
public:
    explicit StaleMark(QCustomPlot* plot);
    void show(const QString& text);
    void hide();
    bool visible() const;
    QString text() const;

private:
    QCustomPlot* plot_;
    QCPItemText* item_;
};

} // namespace levex::ui
