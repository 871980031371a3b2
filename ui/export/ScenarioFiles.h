// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/ScenarioFile.h"
#include "core/usecase/OpenScenario.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace levex::ui {

/// The suffix of scenario files the app saves (MIME type application/x-levex-scenario).
inline constexpr const char* kScenarioSuffix = ".levex.json";

/// Opens and saves scenario files off the GUI thread: opening reads and hashes every file the
/// scenario pins, saving hashes the book and the market files (books run to hundreds of MB). The
/// work is the core's (core/usecase/OpenScenario.h, ScenarioOfRun.h) on a pooled worker thread;
/// the result comes back as a signal on the GUI thread.
class ScenarioFiles : public QObject {
    Q_OBJECT
public:
    explicit ScenarioFiles(QObject* parent = nullptr);
    /// Waits for the job in flight (it reports to this object).
    ~ScenarioFiles() override;

    /// Reads the scenario at `path`, finds its book, checks its pins and names its venue (an
    /// embedded profile is written to `profile_folder`); `opened` or `openFailed` follows.
    void open(const QString& path, const QString& profile_folder);
    /// Writes the scenario of a run (every parameter, the venue profile itself, the SHA-256 of the
    /// book, L2 and price-series files, the program version) to `path`; `saved` or `saveFailed` follows.
    void save(const QString& path, const RunParameters& params, const QString& venue, const QString& book_path);

signals:
    void opened(const QString& path, std::shared_ptr<const levex::OpenedScenario> scenario);
    void openFailed(const QString& path, const QString& message);
    void saved(const QString& path);
    void saveFailed(const QString& path, const QString& message);

private:
    using Failure = void (ScenarioFiles::*)(const QString&, const QString&);
    /// Runs `work` on the pool; what it returns then runs on the GUI thread. A failure is emitted
    /// as `failure(path, reason)`.
    void inBackground(const QString& path, Failure failure, std::function<std::function<void()>()> work);

    QThreadPool pool_;
};

/// True for a scenario file: the .levex.json suffix, or JSON holding the "levex_scenario" key
/// (reads at most its first 4 KB).
bool looks_like_scenario(const QString& path);

} // namespace levex::ui

Q_DECLARE_METATYPE(std::shared_ptr<const levex::OpenedScenario>)
