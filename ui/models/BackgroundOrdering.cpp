// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/BackgroundOrdering.h"

#include <QMetaObject>
#include <QPointer>

#include <chrono>

namespace levex::ui {

BackgroundOrdering::~BackgroundOrdering() {
    for (std::future<void>& f : running_)
        f.wait();
}

void BackgroundOrdering::request(std::function<Rows()> compute, std::function<void(Rows)> apply) {
    const std::uint64_t id = ++newest_;
    std::erase_if(running_, [](std::future<void>& f) {
        return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
    QPointer<BackgroundOrdering> guard(this);
    running_.push_back(
        std::async(std::launch::async, [guard, id, compute = std::move(compute), apply = std::move(apply)]() mutable {
            Rows rows = compute();
            // The destructor waits for this thread, so the object is alive while the result is posted.
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, id, apply = std::move(apply), rows = std::move(rows)]() mutable {
                    if (guard && guard->newest_ == id)
                        apply(std::move(rows));
                },
                Qt::QueuedConnection);
        }));
}

} // namespace levex::ui
