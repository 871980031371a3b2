// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include "core/engine/PreparedBook.h"
#include "core/model/PositionBook.h"
#include "core/model/VenueProfile.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <string>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace levex::ui {

/// What the GUI asks for: a book (path), a venue and every run parameter.
/// How the book file is read (the import dialog's choices).
struct BookReadOptions {
    char delimiter = 0; ///< 0 = detect
    bool skip_bad_rows = false;
    std::map<std::string, std::string> column_overrides;
    bool operator==(const BookReadOptions&) const = default;
};

struct SimulationRequest {
    std::uint64_t generation = 0;
    QString book_path;                        ///< the CSV to read, or only a label when `book` is given
    std::shared_ptr<const PositionBook> book; ///< a book already in memory (a workspace snapshot)
    QString book_venue;                       ///< the venue whose contract units `book` was read in
    BookReadOptions read;
    QString venue = "generic";
    RunParameters params;
};

/// Runs simulations on its own thread. Requests go through a one-slot mailbox: a newer request
/// replaces a pending one and cancels the run in progress (the engine's step callback sees the
/// newer generation), so dragging a slider only ever computes the newest setting. The book and
/// its prepared form are cached: changing only the shock, depth, half-life or path reuses them.
class SimulationWorker : public QObject {
    Q_OBJECT
public:
    explicit SimulationWorker(QObject* parent = nullptr);

    /// Thread-safe: replaces the pending request; the caller then invokes wake() (queued).
    void post(SimulationRequest request);
    /// Thread-safe: the run the GUI should show (the newest started), or null.
    std::shared_ptr<const LiveRun> current() const;
    /// Thread-safe: makes any run in progress stop at its next step.
    void cancel_all() { newest_.store(UINT64_MAX); }

public slots:
    /// Runs the pending requests, newest first, until the mailbox is empty.
    void wake();

signals:
    void runStarted(quint64 generation);
    void runFinished(quint64 generation);
    void runFailed(quint64 generation, const QString& message);
    /// The book was (re)read: its size and the rows skipped, for the status bar.
    void bookLoaded(const QString& path, qulonglong positions, qulonglong skipped);
    /// Reading a large book: the fraction read so far.
    void readProgress(double fraction);

private:
    void run(const SimulationRequest& request);
    const PositionBook& book_for(const SimulationRequest& request, const VenueProfile& venue);

    mutable std::mutex mutex_;
    std::optional<SimulationRequest> pending_;
    std::shared_ptr<LiveRun> current_;
    std::atomic<std::uint64_t> newest_{0};

    // Worker-thread state.
    QString book_path_;
    std::shared_ptr<const PositionBook> book_given_;
    BookReadOptions book_read_;
    ContractSpec book_contract_;
    std::shared_ptr<const PositionBook> book_; // shared with the runs the GUI shows
    std::optional<PreparedBook> prepared_;
    QString prepared_venue_;
    MarginSettings prepared_settings_;
    std::size_t prepared_symbol_ = 0;
    double prepared_mark_ = 0.0;
};

} // namespace levex::ui
