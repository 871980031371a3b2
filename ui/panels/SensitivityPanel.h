// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/models/StudyBasis.h"
#include "ui/views/StaleMark.h"
#include "ui/workers/SweepWorker.h"

#include <QThread>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QCPColorMap;
class QDoubleSpinBox;
class QSpinBox;
class QCPCurve;
class QCPItemText;
class QLayout;
class QCustomPlot;
class QCPTextElement;
class QLabel;
class QPushButton;

namespace levex::ui {

/// The editors of one sweep axis: which parameter and its range (the shock in per cent).
struct AxisEditor {
    QComboBox* parameter = nullptr;
    QDoubleSpinBox* from = nullptr;
    QDoubleSpinBox* to = nullptr;
    QSpinBox* count = nullptr;
};

/// The sensitivity map: a grid of any summary metric over two of the parameters the command line
/// sweeps (shock × leverage by default; ranges editable, up moves too) for the shown book and
/// settings, filled row by row while the sweep runs on its own thread, with the critical-shock
/// curve over it (or a note saying why there is none). Clicking a cell of a shock × leverage map
/// asks for that scenario.
class SensitivityPanel : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityPanel(QWidget* parent = nullptr);
    ~SensitivityPanel() override;

    /// The run whose book and settings the next sweep uses (`book_name`: its file or snapshot). A
    /// sweep computed on another book or other settings is marked stale.
    void setContext(std::shared_ptr<const LiveRun> run, const QString& venue, const QString& book_name);
    /// Starts a sweep (cancelling one in progress).
    void compute();
    /// Shows a finished sweep of any two axes (the command line's chart).
    void showSweep(const SweepSpec& spec, const SweepResult& result);
    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }
    QCPCurve* criticalCurve() const { return critical_; }
    std::size_t rowsFilled() const { return rows_filled_; }
    /// True when the shown sweep was computed on another book or other settings than the shown run's.
    bool isStale() const { return stale_->visible(); }
    /// The line saying what the shown sweep was computed on (and, when stale, what changed since).
    QLabel* basisLabel() const { return basis_; }
    QComboBox* metricBox() const { return metric_; }
    /// The editors of the x and y axes and of the critical threshold (in per cent).
    const AxisEditor& xEditor() const { return x_; }
    const AxisEditor& yEditor() const { return y_; }
    QDoubleSpinBox* thresholdBox() const { return threshold_; }
    /// Why the critical-shock curve is absent, or empty when it is drawn (or nothing is computed).
    QString criticalNote() const { return critical_note_; }
    /// The grid shown (rows not yet computed are undefined) and its axes, for data export.
    const SweepSpec& spec() const { return spec_; }
    const SweepResult& result() const { return result_; }

signals:
    void cellChosen(double shock, double leverage_mult);
    void progress(int rows_done, int rows_total);
    void finished();

private:
    /// Lists the metrics and axes of a lending run's sweeps (docs/lending.md §9) or a position book's.
    void useMetricsOf(bool lending);
    void onRow(const std::shared_ptr<const SweepRow>& row);
    QLayout* buildEditors();
    AxisEditor axisEditor(SweepAxis initial);
    /// The grid the editors describe.
    SweepSpec editedSpec() const;
    /// Says on the chart why there is no critical-shock curve (x is not the shock, or no shock in
    /// range moves the price by more than the threshold beyond itself).
    void explainCritical();
    /// Says what the shown sweep was computed on, and marks it stale when the shown run differs.
    void showBasis();
    /// The parameter keys the sweep sets itself (its axes): changing them leaves it current.
    std::vector<std::string> sweptKeys() const;

    QThread thread_;
    SweepWorker* worker_;
    QComboBox* metric_;
    bool lending_metrics_ = false; // the metric box lists a lending run's metrics
    AxisEditor x_, y_;
    QDoubleSpinBox* threshold_;
    bool range_edited_ = false; ///< the user chose a range: a run's shock direction no longer sets it
    QString critical_note_;
    QCPItemText* critical_text_;
    QPushButton* compute_;
    QLabel* status_;
    QCustomPlot* plot_;
    QCPTextElement* title_; // the chart's title, in the heading row beside the legend
    QCPColorMap* map_;
    QCPCurve* critical_;
    QLabel* basis_;
    std::unique_ptr<StaleMark> stale_;
    std::shared_ptr<const LiveRun> run_;
    StudyBasis now_;                     ///< the shown run's
    std::optional<StudyBasis> computed_; ///< the shown sweep's (none for a command line's chart)
    SweepSpec spec_;
    SweepResult result_;
    quint64 generation_ = 0;
    std::size_t rows_filled_ = 0;
};

} // namespace levex::ui
