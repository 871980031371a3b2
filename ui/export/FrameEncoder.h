// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/AnimationSinks.h"

#include <QImage>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace levex::ui {

/// Encodes and writes an animation's frames on a thread of its own (background priority), a few
/// frames behind the GUI thread that draws them: quantising and LZW coding a GIF, compressing PNGs
/// and feeding ffmpeg never hold the window up. The sink is opened, fed, finished and destroyed
/// on that thread (it may own a process).
class FrameEncoder {
public:
    using Open = std::function<std::unique_ptr<FrameSink>()>;
    /// Called on the encoder thread once the sink finished or failed: empty on success, else why.
    using Done = std::function<void(const QString& error)>;

    /// Starts the thread, which calls `open` first.
    explicit FrameEncoder(Open open);
    /// Unfinished: stops after the frame under way; the sink then removes what it wrote.
    ~FrameEncoder();
    FrameEncoder(const FrameEncoder&) = delete;
    FrameEncoder& operator=(const FrameEncoder&) = delete;

    /// True when add() would not wait (or the encoder has failed: add() then throws at once).
    bool hasRoom() const;
    /// Queues a frame (implicitly shared: no copy of the pixels); waits while the queue is full.
    /// Throws AnimationError when the encoder has failed.
    void add(const QImage& frame);
    /// No more frames: the sink finishes after the queued ones; `done` follows on the encoder thread.
    void close(Done done = {});
    /// After close(): waits for the thread; throws AnimationError when it failed.
    void wait();
    std::size_t encoded() const { return encoded_.load(std::memory_order_relaxed); }

private:
    void run();
    void attempt(const std::function<void()>& work); // records the first failure

    static constexpr std::size_t kQueued = 4;
    Open open_;
    mutable std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<QImage> queue_;
    bool closing_ = false, stopping_ = false, done_ = false;
    QString error_;
    Done on_done_;
    std::atomic<std::size_t> encoded_{0};
    std::unique_ptr<QThread> thread_; ///< last: starts once everything it uses exists
};

} // namespace levex::ui
