// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include "core/engine/MarketFactory.h"
#include "core/engine/PreparedBook.h"
#include "core/model/PositionBook.h"
#include "core/model/RunStart.h"
#include "core/model/VenueProfile.h"
#include "core/usecase/BookInput.h"
#include "core/usecase/LendingBookInput.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace levex::ui {

/// How the book file is read (the import dialog's choices): the use case's options.
using BookReadOptions = levex::BookReadOptions;

/// What the GUI asks for: a book (path), a venue and every run parameter.
struct SimulationRequest {
    std::uint64_t generation = 0;
    QString book_path;                        ///< the CSV to read, or only a label when `book` is given
    std::shared_ptr<const PositionBook> book; ///< a book already in memory (a workspace snapshot)
    QString book_venue;                       ///< the venue whose contract units `book` was read in
    BookReadOptions read;
    QString venue = "generic";
    RunParameters params;
    /// A lending book (docs/lending.md §9) is judged by params.protocol ("": the default of
    /// default_protocol_of()); these books, each with its protocol, share its market.
    std::vector<LendingBookSource> more_books;
};

/// The protocol a lending book is opened with until the user picks one: a book with an `emode`
/// column is an Aave v3 book (v2 has no e-mode), else v2. Reads the file's first line only.
std::string default_protocol_of(const std::string& path);

/// Runs simulations on its own thread. Requests go through a one-slot mailbox: a newer request
/// replaces a pending one and cancels the run in progress (the engine's step callback sees the
/// newer generation), so dragging a slider only ever computes the newest setting. The book and
/// its prepared form are cached: changing only the shock, depth, half-life or path reuses them.
/// Reading, checking and resolving the inputs are the core's use cases (core/usecase); this class
/// adds the mailbox, the caches and the live view.
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
    /// A run that cannot start or failed: the reason as the app says it.
    void runFailed(quint64 generation, const QString& message);
    /// The failure was a parameter's: its key (the control that holds it) and the reason.
    void parameterFailed(quint64 generation, const QString& key, const QString& message);
    /// Reading the book or running was stopped by a newer request or cancel_all(): not a failure.
    void runCancelled(quint64 generation);
    /// The book was (re)read: its size and the rows skipped, for the status bar.
    void bookLoaded(const QString& path, qulonglong positions, qulonglong skipped);
    /// Reading a large book: the fraction read so far.
    void readProgress(double fraction);

private:
    enum class Outcome { Finished, Cancelled };
    Outcome run(const SimulationRequest& request);
    /// The run of a lending book and the books added to it, through the use cases.
    Outcome run_lending_books(const SimulationRequest& request);
    /// Whether the request's file is a lending book (its header; cached per path).
    bool is_lending(const SimulationRequest& request);
    /// Publishes `live` as current and says the run has started.
    void publish(const std::shared_ptr<LiveRun>& live);
    /// The request's book: the one given (checked against the venue's contract units) or the CSV,
    /// read unless the cached one is the same file read the same way; null when reading was cancelled.
    std::shared_ptr<const PositionBook> book_for(const SimulationRequest& request, const VenueProfile& venue);
    /// Prepares the book for the request's symbol and settings into prepared_, unless they have not
    /// changed since the last run; true when it was reused.
    bool prepare(const SimulationRequest& request, const VenueProfile& venue, const PositionBook& book,
                 const RunStart& start);
    /// A LiveRun sized for `capacity` steps, with what the core says of the market's start,
    /// published as current.
    std::shared_ptr<LiveRun> start_live_run(const SimulationRequest& request, const RunStart& start,
                                            const MarketStart& market, std::size_t capacity, bool reused,
                                            double prepare_ms);
    /// Hands the finished run's summary, log and per-row columns to `live`.
    void finish_live_run(LiveRun& live, RunResult result, const PositionBook& book);

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
    std::shared_ptr<const LeverageAudit> audit_; ///< of the whole book, with prepared_'s settings
    QString prepared_venue_;
    MarginSettings prepared_settings_;
    std::size_t prepared_symbol_ = 0;
    double prepared_mark_ = 0.0;
    QString kind_path_; // the file whose kind kind_ holds
    BookKind kind_ = BookKind::Positions;
    std::vector<LendingBookSource> lending_loaded_; // the lending books last read (bookLoaded once per set)
};

} // namespace levex::ui
