// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Workspace.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace levex::ui {

/// The app's side of the workspace database. The connection lives on its own thread (one
/// connection per thread) and every read or write runs there, so a million-position import or a
/// run's frames never block the GUI. A job runs on the database thread and returns what the GUI
/// thread does next; failures come back as `failed(message)`.
class WorkspaceService : public QObject {
    Q_OBJECT
public:
    /// Runs on the database thread; the function it returns then runs on the GUI thread.
    using Job = std::function<std::function<void()>(Workspace&)>;

    explicit WorkspaceService(QObject* parent = nullptr);
    ~WorkspaceService() override;

    /// Opens (creating) the database at `path`; `opened` or `openFailed` follows.
    void open(const QString& path);
    /// Moves the unreadable file at `path` aside (kept, renamed) and opens a fresh database there.
    void moveAsideAndOpen(const QString& path);
    bool isOpen() const { return open_; }
    QString path() const { return path_; }

    /// Queues `job`; without an open database it fails at once.
    void submit(Job job);

signals:
    void opened(const QString& path);
    /// `reason` is WorkspaceOpenError::Reason as an int; the file is unchanged.
    void openFailed(const QString& path, int reason, const QString& message);
    void failed(const QString& message);
    /// An unreadable database was kept under a new name before a fresh one was started.
    void movedAside(const QString& path, const QString& moved_to);

private:
    void runOnDatabaseThread(std::function<void()> work);
    void openHere(const QString& path, bool move_aside); // on the database thread

    QThread thread_;
    QObject* context_;                     // lives on thread_: queued work runs there
    std::unique_ptr<Workspace> workspace_; // touched on thread_ only
    bool open_ = false;                    // GUI thread
    QString path_;                         // GUI thread
};

} // namespace levex::ui
