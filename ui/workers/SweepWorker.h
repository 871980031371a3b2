// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/Sweep.h"
#include "core/usecase/LendingBookInput.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace levex::ui {

/// One row of a sweep grid, as the worker finishes it.
struct SweepRow {
    quint64 generation = 0;
    std::size_t row = 0;
    std::vector<double> values;
    std::vector<std::uint8_t> defined;
    std::optional<double> critical_shock;
};

/// Runs sensitivity sweeps on its own thread, a couple of rows at a time (each batch on every
/// core), publishing each finished row so the map fills while the sweep runs. A newer request or
/// cancel() stops the current sweep at the next cell.
class SweepWorker : public QObject {
    Q_OBJECT
public:
    struct Request {
        quint64 generation = 0;
        std::shared_ptr<const PositionBook> book;
        QString venue;
        RunParameters base;
        /// A lending run's books: swept instead of `book` (docs/lending.md §9).
        std::shared_ptr<const std::vector<LendingBookInput>> lending_books;
        SweepSpec spec;
    };

    void cancel() { newest_.store(UINT64_MAX); }
    void supersede(quint64 generation) { newest_.store(generation); }

public slots:
    void run(const levex::ui::SweepWorker::Request& request);

signals:
    void rowReady(std::shared_ptr<const levex::ui::SweepRow> row);
    void sweepFinished(quint64 generation, double seconds);
    void sweepFailed(quint64 generation, const QString& message);

private:
    std::atomic<quint64> newest_{0};
};

} // namespace levex::ui

Q_DECLARE_METATYPE(levex::ui::SweepWorker::Request)
Q_DECLARE_METATYPE(std::shared_ptr<const levex::ui::SweepRow>)
