// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/BackgroundJobs.h"

#include "ui/workers/BackgroundThread.h"

#include <exception>

namespace levex::ui {

BackgroundJobs::BackgroundJobs(const QString& name, QObject* parent) : QObject(parent), context_(new QObject) {
    context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.setObjectName(name);
    start_background_thread(thread_);
}

BackgroundJobs::~BackgroundJobs() {
    // Queued behind the jobs already submitted: they run to the end, their GUI parts are dropped.
    QMetaObject::invokeMethod(
        context_, [this] { thread_.quit(); }, Qt::QueuedConnection);
    thread_.wait();
}

void BackgroundJobs::submit(Job job, std::function<void(const QString& message)> failed) {
    ++pending_;
    QMetaObject::invokeMethod(
        context_,
        [this, job = std::move(job), failed = std::move(failed)] {
            std::function<void()> then;
            try {
                then = job();
            } catch (const std::exception& e) {
                then = [failed, message = QString::fromStdString(e.what())] {
                    if (failed)
                        failed(message);
                };
            }
            QMetaObject::invokeMethod(
                this,
                [this, then = std::move(then)] {
                    if (then)
                        then();
                    if (--pending_ == 0)
                        emit idle();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace levex::ui
