// SPDX-License-Identifier: GPL-3.0-or-later
// Background jobs: the work runs off the GUI thread, in order; what follows runs on the GUI
// thread; a failure arrives as a message; jobs already submitted finish before the object goes.
#include "ui/workers/BackgroundJobs.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace levex::ui {
namespace {

TEST(BackgroundJobs, WorkRunsOffTheGuiThreadAndItsSequelOnIt) {
    BackgroundJobs jobs(QStringLiteral("test-jobs"));
    QSignalSpy idle(&jobs, &BackgroundJobs::idle);
    std::vector<int> order;
    QThread* worked_on = nullptr;
    QThread* followed_on = nullptr;
    for (int i = 0; i < 5; ++i)
        jobs.submit(
            [&, i]() -> std::function<void()> {
                worked_on = QThread::currentThread();
                order.push_back(i); // jobs run one after another: no lock needed
                return [&] { followed_on = QThread::currentThread(); };
            },
            {});
    EXPECT_EQ(jobs.pending(), 5);
    ASSERT_TRUE(idle.wait(10000));
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_NE(worked_on, QThread::currentThread());
    EXPECT_EQ(followed_on, QThread::currentThread());
    EXPECT_EQ(jobs.pending(), 0);
}

TEST(BackgroundJobs, AFailureArrivesAsAMessageOnTheGuiThread) {
    BackgroundJobs jobs(QStringLiteral("test-jobs"));
    QSignalSpy idle(&jobs, &BackgroundJobs::idle);
    QString message;
    QThread* told_on = nullptr;
    jobs.submit([]() -> std::function<void()> { throw std::runtime_error("cannot write x.csv: disk full"); },
                [&](const QString& m) {
                    message = m;
                    told_on = QThread::currentThread();
                });
    ASSERT_TRUE(idle.wait(10000));
    EXPECT_EQ(message, QStringLiteral("cannot write x.csv: disk full"));
    EXPECT_EQ(told_on, QThread::currentThread());
}

TEST(BackgroundJobs, SubmittedJobsFinishBeforeItGoes) {
    std::atomic<int> done{0};
    {
        BackgroundJobs jobs(QStringLiteral("test-jobs"));
        for (int i = 0; i < 3; ++i)
            jobs.submit(
                [&done]() -> std::function<void()> {
                    QThread::msleep(20);
                    ++done;
                    return {};
                },
                {});
    }
    EXPECT_EQ(done.load(), 3);
}

} // namespace
} // namespace levex::ui
