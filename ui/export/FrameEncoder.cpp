// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/FrameEncoder.h"

#include "ui/export/GifWriter.h"
#include "ui/workers/BackgroundThread.h"

#include <QThread>

#include <exception>

namespace levex::ui {

FrameEncoder::FrameEncoder(Open open) : open_(std::move(open)) {
    thread_.reset(QThread::create([this] { run(); }));
    thread_->setObjectName(QStringLiteral("levex-encoder"));
    start_background_thread(*thread_);
}

FrameEncoder::~FrameEncoder() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    thread_->wait();
}

bool FrameEncoder::hasRoom() const {
    const std::lock_guard lock(mutex_);
    return queue_.size() < kQueued || !error_.isEmpty() || done_;
}

void FrameEncoder::add(const QImage& frame) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [this] { return queue_.size() < kQueued || !error_.isEmpty() || done_; });
    if (!error_.isEmpty())
        throw AnimationError(error_.toStdString());
    if (done_ || closing_)
        throw AnimationError("the animation is closed already");
    queue_.push_back(frame);
    ready_.notify_one();
}

void FrameEncoder::close(Done done) {
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
        on_done_ = std::move(done);
    }
    ready_.notify_one();
}

void FrameEncoder::wait() {
    thread_->wait();
    const std::lock_guard lock(mutex_);
    if (!error_.isEmpty())
        throw AnimationError(error_.toStdString());
}

void FrameEncoder::attempt(const std::function<void()>& work) {
    {
        const std::lock_guard lock(mutex_);
        if (!error_.isEmpty())
            return; // after a failure the frames are dropped until the end
    }
    try {
        work();
    } catch (const std::exception& e) {
        const std::lock_guard lock(mutex_);
        error_ = QString::fromStdString(e.what());
    }
    space_.notify_all(); // a waiting add() learns of the failure
}

void FrameEncoder::run() {
    std::unique_ptr<FrameSink> sink;
    attempt([&] { sink = open_(); });
    bool stopped = false;
    for (;;) {
        QImage frame;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return !queue_.empty() || closing_ || stopping_; });
            if (stopping_) {
                stopped = true;
                break;
            }
            if (queue_.empty()) // closing, and every frame taken
                break;
            frame = std::move(queue_.front());
            queue_.pop_front();
        }
        space_.notify_all();
        attempt([&] {
            sink->add(frame);
            encoded_.fetch_add(1, std::memory_order_relaxed);
        });
    }
    if (!stopped)
        attempt([&] { sink->finish(); });
    sink.reset(); // unfinished, it removes what it wrote
    Done done;
    QString error;
    {
        const std::lock_guard lock(mutex_);
        done_ = true;
        error = error_;
        if (!stopped)
            done = std::move(on_done_);
    }
    space_.notify_all();
    if (done)
        done(error);
}

} // namespace levex::ui
