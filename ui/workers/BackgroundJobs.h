// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace levex::ui {

/// Work that reads, writes or hashes files, kept off the GUI thread: jobs run one after another,
/// in the order submitted, on a thread of their own at the background priority. A job returns
/// what the GUI thread does next; when it throws, `failed` gets its message on the GUI thread.
class BackgroundJobs : public QObject {
    Q_OBJECT
public:
    /// Runs on the jobs' thread; the function it returns (if any) then runs on the GUI thread.
    using Job = std::function<std::function<void()>()>;

    explicit BackgroundJobs(const QString& name, QObject* parent = nullptr);
    /// Finishes the jobs already submitted (files the user asked for are written), then stops.
    ~BackgroundJobs() override;

    void submit(Job job, std::function<void(const QString& message)> failed);
    /// Jobs submitted whose GUI part has not run yet.
    int pending() const { return pending_; }

signals:
    /// The last pending job's GUI part has run.
    void idle();

private:
    QThread thread_;
    QObject* context_; // lives on thread_: queued jobs run there
    int pending_ = 0;  // GUI thread
};

} // namespace levex::ui
