// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/engine/PreparedBook.h"
#include "core/engine/Simulation.h"
#include "core/io/PositionCsvReader.h"
#include "core/market/IndexPath.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <fstream>

using levex::RunParameters;
using levex::ui::LiveRun;
using levex::ui::SimulationController;

namespace {

QString sample() {
    return QString::fromStdString(levex::sample_book_path());
}

std::shared_ptr<const LiveRun> wait_finished(QSignalSpy& spy, int ms = 30000) {
    if (spy.isEmpty() && !spy.wait(ms))
        return nullptr;
    return spy.takeLast().at(0).value<std::shared_ptr<const LiveRun>>();
}

RunParameters shock(double s) {
    RunParameters p;
    p.shock = s;
    p.steps = 200;
    p.bins = 128;
    return p;
}

} // namespace

// What the GUI receives is exactly what the core computes for the same parameters.
TEST(SimulationController, FramesEqualTheCoreRun) {
    SimulationController controller;
    QSignalSpy finished(&controller, &SimulationController::runFinished);
    controller.request(sample(), "generic", shock(-0.06));
    const auto run = wait_finished(finished);
    ASSERT_NE(run, nullptr);
    const std::size_t ready = run->ready.load();

    const auto venue = levex::load_venue_profile("generic", levex::venue_dir());
    const auto book = levex::read_positions_csv(levex::sample_book_path()).book;
    const levex::RunResult core = levex::simulate(book, venue, shock(-0.06));
    ASSERT_EQ(ready, core.frames.steps);
    EXPECT_EQ(run->edges, core.frames.edges);
    for (std::size_t t = 0; t < ready; ++t) {
        for (std::size_t b = 0; b < run->bins; ++b) {
            ASSERT_EQ(run->row(run->open_long, t)[b], core.frames.row(core.frames.open_long, t)[b]) << t << " " << b;
            ASSERT_EQ(run->row(run->executed_short, t)[b], core.frames.row(core.frames.executed_short, t)[b]);
        }
        ASSERT_EQ(run->book[t], core.frames.book[t]);
    }
    EXPECT_EQ(run->summary.liquidated_count, core.summary.liquidated_count);
    EXPECT_EQ(run->log.size(), core.log.size());
}

// Requests made faster than runs complete: only the newest one is finished and shown.
TEST(SimulationController, TheNewestRequestWins) {
    SimulationController controller;
    QSignalSpy finished(&controller, &SimulationController::runFinished);
    quint64 last = 0;
    for (int i = 1; i <= 6; ++i)
        last = controller.request(sample(), "generic", shock(-0.01 * i));
    const auto run = wait_finished(finished);
    ASSERT_NE(run, nullptr);
    // Earlier runs may have finished before the newest was posted, but the last signal is the newest.
    QCoreApplication::processEvents();
    while (!finished.isEmpty())
        ASSERT_NE(wait_finished(finished), nullptr);
    EXPECT_EQ(controller.currentRun()->generation, last);
    EXPECT_DOUBLE_EQ(controller.currentRun()->params.shock, -0.06);
}

// Only the shock changed: the prepared book is reused; a leverage change prepares anew.
TEST(SimulationController, ShockChangesReuseThePreparedBook) {
    SimulationController controller;
    QSignalSpy finished(&controller, &SimulationController::runFinished);
    controller.request(sample(), "generic", shock(-0.03));
    auto first = wait_finished(finished);
    ASSERT_NE(first, nullptr);
    EXPECT_FALSE(first->reused_prepared_book);
    controller.request(sample(), "generic", shock(-0.05));
    auto second = wait_finished(finished);
    ASSERT_NE(second, nullptr);
    EXPECT_TRUE(second->reused_prepared_book);
    RunParameters levered = shock(-0.05);
    levered.leverage_mult = 2.0;
    controller.request(sample(), "generic", levered);
    auto third = wait_finished(finished);
    ASSERT_NE(third, nullptr);
    EXPECT_FALSE(third->reused_prepared_book);
    EXPECT_GT(third->summary.liquidated_count, second->summary.liquidated_count);
}

TEST(SimulationController, ReportsBadBooksWithTheirLocation) {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    std::ofstream(path.toStdString())
        << "id,side,size,entry_price,leverage,mark_price\n1,long,1,100,10,100\n2,up,1,100,10,100\n";
    SimulationController controller;
    QSignalSpy failed(&controller, &SimulationController::runFailed);
    controller.request(path, "generic", shock(-0.05));
    ASSERT_TRUE(failed.wait(20000));
    const QString message = failed.takeFirst().at(1).toString();
    EXPECT_TRUE(message.startsWith(path + ":3:3: expected side long, short")) << message.toStdString();
}
