// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SimulationController.h"

#include "ui/workers/BackgroundThread.h"

namespace levex::ui {

SimulationController::SimulationController(QObject* parent) : QObject(parent), worker_(new SimulationWorker) {
    qRegisterMetaType<std::shared_ptr<const LiveRun>>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SimulationWorker::runFailed, this, [this](quint64 generation, const QString& message) {
        if (generation == generation_)
            emit runFailed(generation, message);
    });
    connect(worker_, &SimulationWorker::parameterFailed, this,
            [this](quint64 generation, const QString& key, const QString& message) {
                if (generation == generation_)
                    emit parameterProblem(key, message);
            });
    connect(worker_, &SimulationWorker::bookLoaded, this, &SimulationController::bookLoaded);
    connect(worker_, &SimulationWorker::readProgress, this, &SimulationController::readProgress);
    // A finished run is picked up by the next tick; ticking at once shows short runs without delay.
    connect(worker_, &SimulationWorker::runFinished, this, &SimulationController::tick);
    thread_.setObjectName("levex-simulation");
    start_background_thread(thread_);
    render_.setInterval(16); // about 60 frames a second at most
    connect(&render_, &QTimer::timeout, this, &SimulationController::tick);
    render_.start();
}

SimulationController::~SimulationController() {
    worker_->cancel_all();
    thread_.quit();
    thread_.wait();
}

quint64 SimulationController::request(const QString& book_path, const QString& venue, const RunParameters& params,
                                      const BookReadOptions& read, std::shared_ptr<const PositionBook> book,
                                      const QString& book_venue, std::vector<LendingBookSource> more_books) {
    SimulationRequest r{++generation_, book_path, std::move(book), book_venue,
                        read,          venue,     params,          std::move(more_books)};
    worker_->post(std::move(r));
    QMetaObject::invokeMethod(worker_, &SimulationWorker::wake, Qt::QueuedConnection);
    return generation_;
}

void SimulationController::cancel() {
    ++generation_; // what is in flight is now stale
    worker_->cancel_all();
}

void SimulationController::tick() {
    std::shared_ptr<const LiveRun> run = worker_->current();
    if (!run)
        return;
    if (run != shown_) {
        shown_ = run;
        shown_ready_ = 0;
        shown_finished_ = false;
    }
    const std::size_t ready = run->ready.load(std::memory_order_acquire);
    if (ready > shown_ready_) {
        shown_ready_ = ready;
        emit framesAdvanced(run, ready);
    }
    if (!shown_finished_ && run->finished.load(std::memory_order_acquire)) {
        shown_finished_ = true;
        if (!run->cancelled && run->generation == generation_)
            emit runFinished(run);
    }
}

} // namespace levex::ui
