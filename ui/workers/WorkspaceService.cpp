// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/WorkspaceService.h"

#include "ui/models/ParameterNames.h"

namespace levex::ui {

WorkspaceService::WorkspaceService(QObject* parent) : QObject(parent), context_(new QObject) {
    context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.setObjectName("levex-workspace");
    thread_.start();
}

WorkspaceService::~WorkspaceService() {
    // Close the connection on its own thread, after the jobs already queued.
    runOnDatabaseThread([this] { workspace_.reset(); });
    thread_.quit();
    thread_.wait();
}

void WorkspaceService::runOnDatabaseThread(std::function<void()> work) {
    QMetaObject::invokeMethod(context_, std::move(work), Qt::QueuedConnection);
}

void WorkspaceService::open(const QString& path) {
    open_ = false;
    path_ = path;
    runOnDatabaseThread([this, path] { openHere(path, false); });
}

void WorkspaceService::moveAsideAndOpen(const QString& path) {
    open_ = false;
    path_ = path;
    runOnDatabaseThread([this, path] { openHere(path, true); });
}

void WorkspaceService::openHere(const QString& path, bool move_aside) {
    workspace_.reset();
    std::function<void()> then;
    try {
        QString moved;
        if (move_aside)
            moved = QString::fromStdString(move_database_aside(path.toStdString()));
        workspace_ = std::make_unique<Workspace>(path.toStdString());
        then = [this, path, moved] {
            open_ = true;
            if (!moved.isEmpty())
                emit movedAside(path, moved);
            emit opened(path);
        };
    } catch (const WorkspaceOpenError& e) {
        then = [this, path, reason = int(e.reason()), message = QString::fromStdString(e.what())] {
            emit openFailed(path, reason, message);
        };
    } catch (const std::exception& e) {
        then = [this, path, message = QString::fromStdString(e.what())] {
            emit openFailed(path, int(WorkspaceOpenError::Reason::CannotOpen), message);
        };
    }
    QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
}

void WorkspaceService::submit(Job job) {
    if (!open_) {
        emit failed(tr("The library's database is not open."));
        return;
    }
    runOnDatabaseThread([this, job = std::move(job)] {
        std::function<void()> then;
        try {
            if (!workspace_)
                throw std::runtime_error("the library's database is not open");
            then = job(*workspace_);
        } catch (const std::exception& e) {
            then = [this, message = phrase_for_app(e)] { emit failed(message); };
        }
        if (then)
            QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
    });
}

} // namespace levex::ui
