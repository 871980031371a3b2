// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/workers/SimulationWorker.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace levex::ui {

/// The GUI side of the simulation: posts requests to the worker thread (the newest wins) and, on a
/// render timer, hands the views whatever the running simulation has produced since the last tick.
/// The GUI thread never computes; it only reads rows the worker has published.
class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override;

    /// Asks for a run; a newer call replaces this one and cancels it if it has started.
    /// `book`, when given, is simulated instead of reading `book_path` (then only a label); it was
    /// read in the contract units of `book_venue`. A lending book at `book_path` is run with
    /// params.protocol and `more_books` sharing its market.
    quint64 request(const QString& book_path, const QString& venue, const RunParameters& params,
                    const BookReadOptions& read = {}, std::shared_ptr<const PositionBook> book = {},
                    const QString& book_venue = {}, std::vector<LendingBookSource> more_books = {});
    /// Stops whatever is being read or run (a large import the user cancelled).
    void cancel();
    std::shared_ptr<const LiveRun> currentRun() const { return shown_; }
    /// The newest request's generation: runs of older ones are stale.
    quint64 generation() const { return generation_; }

signals:
    /// New steps of `run` are ready: rows [0, ready) may be drawn.
    void framesAdvanced(std::shared_ptr<const levex::ui::LiveRun> run, std::size_t ready);
    /// The newest requested run has finished (its summary and log are valid).
    void runFinished(std::shared_ptr<const levex::ui::LiveRun> run);
    void runFailed(quint64 generation, const QString& message);
    /// The newest run failed on a parameter: its key (core/model/ParameterTable.h) and the reason,
    /// for the controls to show beside the control that holds it.
    void parameterProblem(const QString& key, const QString& message);
    void bookLoaded(const QString& path, qulonglong positions, qulonglong skipped);
    void readProgress(double fraction);

private:
    void tick();

    QThread thread_;
    SimulationWorker* worker_;
    QTimer render_;
    quint64 generation_ = 0;
    std::shared_ptr<const LiveRun> shown_;
    std::size_t shown_ready_ = 0;
    bool shown_finished_ = false;
};

} // namespace levex::ui

Q_DECLARE_METATYPE(std::shared_ptr<const levex::ui::LiveRun>)
