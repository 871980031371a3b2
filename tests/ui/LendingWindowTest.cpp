// SPDX-License-Identifier: GPL-3.0-or-later
// The app with lending books (docs/lending.md §8–9): the bundled Aave stETH samples opened in the
// main window, their figures checked against the core's own run of the same inputs.
#include "ui/models/LendingAccountModel.h"
#include "ui/models/LendingLogModel.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/HealthFactorHistogramView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/RunSummaryView.h"
#include "ui/window/MainWindow.h"
#include "ui/workers/SimulationController.h"

#include "core/base/ResourcePaths.h"
#include "core/usecase/LendingRun.h"
#include "core/usecase/RunInputs.h"
#include "core/usecase/RunStudies.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <array>
#include <cmath>

using levex::ui::MainWindow;

namespace {

QString lending_sample(const char* name) {
    return QString::fromStdString(levex::resource_dir() + "/samples/" + name);
}

// Opens `path` and waits until its run is shown.
bool open_and_wait(MainWindow& window, const QString& path) {
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.openBook(path);
    if (finished.count() == 0 && !finished.wait(60000))
        return false;
    QTest::qWait(50);
    return true;
}

// Runs the controls' new settings and waits for their run.
bool rerun(MainWindow& window, double shock) {
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.controls()->setShockAndLeverage(shock, 1.0);
    if (finished.count() == 0 && !finished.wait(60000))
        return false;
    QTest::qWait(50);
    return true;
}

// The core's run of the same book, protocol and parameters.
levex::LendingRunResult core_run(const QString& path, const std::string& protocol, const levex::RunParameters& params) {
    levex::RunRequest request;
    request.params = params;
    request.lending_books.push_back({path.toStdString(), "", protocol});
    return levex::run_lending(levex::resolve_run_inputs(request));
}

// The summary's amounts: grouped thousands (4.1k), a few decimals below.
QString amount_text(double x, const QLocale& locale) {
    const double a = std::abs(x);
    return a >= 1000 ? levex::ui::format_money(x, locale) : locale.toString(x, 'f', a == 0 ? 0 : a < 10 ? 3 : 1);
}

} // namespace

TEST(LendingWindow, OpensTheV2SampleWithItsProtocolAndAssets) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, lending_sample("aave-v2-steth-2023-06.csv")));
    const auto run = window.shownRun();
    ASSERT_NE(run, nullptr);
    ASSERT_TRUE(run->lending());
    EXPECT_EQ(run->position_book, nullptr);
    ASSERT_EQ(run->lending_books->size(), 1u);
    EXPECT_EQ(run->lending_books->front().book->accounts(), 1309u); // docs/lending.md §5
    // No e-mode column: an Aave v2 book, and the controls say so.
    EXPECT_EQ(run->lending_books->front().protocol, "aave-v2-ethereum");
    EXPECT_TRUE(window.controls()->lendingBook());
    EXPECT_EQ(window.controls()->protocol(), QStringLiteral("aave-v2-ethereum"));
    // The shocked asset defaults to the largest collateral; the box lists the book's assets.
    EXPECT_EQ(run->symbol, "STETH");
    auto* symbol = window.controls()->findChild<QComboBox*>("symbol");
    ASSERT_NE(symbol, nullptr);
    EXPECT_EQ(symbol->currentText(), QStringLiteral("STETH"));
    EXPECT_GE(symbol->findText(QStringLiteral("OTHER")), 0);
    // What only a position book uses is disabled, and says why.
    auto* venue = window.controls()->findChild<QComboBox*>("venue");
    ASSERT_NE(venue, nullptr);
    EXPECT_FALSE(venue->isEnabled());
    EXPECT_TRUE(venue->toolTip().contains(QStringLiteral("lending book")));
    // The frames are the run's: levels (collateral at stake) were drawn, not a position book's.
    EXPECT_GT(run->ready.load(), 0u);
    double at_stake = 0;
    for (std::size_t b = 0; b < run->bins; ++b)
        at_stake += run->live.open_long[b];
    EXPECT_GT(at_stake, 0.0);
    // The charts are in the books' base currency, their prices near 1 with decimals.
    EXPECT_EQ(window.heatmap()->plot()->yAxis->label(), QStringLiteral("Price (ETH, log scale)"));
    EXPECT_EQ(window.liquidationMap()->plot()->xAxis2->label(), QStringLiteral("Cumulative from the mark (ETH)"));
    // The sides are collateral at stake on a fall or a rise, not longs and shorts.
    const auto names = [&window] {
        QStringList all;
        QCustomPlot* map = window.liquidationMap()->plot();
        for (int i = 0; i < map->plottableCount(); ++i)
            all << map->plottable(i)->name();
        return all;
    };
    EXPECT_TRUE(names().contains(QStringLiteral("At stake on a fall"))) << names().join(", ").toStdString();
    EXPECT_TRUE(window.liquidationMap()->plot()->xAxis->label().contains(QStringLiteral("◀ on a fall | on a rise ▶")));
    auto* depth = window.controls()->findChild<QDoubleSpinBox*>("depth_quote_within_1pct");
    ASSERT_NE(depth, nullptr);
    EXPECT_EQ(depth->suffix(), QStringLiteral(" M ETH")); // the depth is in the market's quote
    // Back to a position book: USD again.
    ASSERT_TRUE(open_and_wait(window, QString::fromStdString(levex::sample_book_path())));
    EXPECT_EQ(window.heatmap()->plot()->yAxis->label(), QStringLiteral("Price (USD, log scale)"));
    EXPECT_EQ(depth->suffix(), QStringLiteral(" M USD"));
    EXPECT_TRUE(names().contains(QStringLiteral("Longs: open levels")));
}

TEST(LendingWindow, SummaryAndHeadlineMatchTheCoreRun) {
    MainWindow window;
    window.show();
    const QString path = lending_sample("aave-v2-steth-2023-06.csv");
    ASSERT_TRUE(open_and_wait(window, path));
    ASSERT_TRUE(rerun(window, -0.3));
    const auto run = window.shownRun();
    ASSERT_TRUE(run && run->lending());
    EXPECT_DOUBLE_EQ(run->params.shock, -0.3);
    const levex::LendingRunResult core = core_run(path, "aave-v2-ethereum", run->params);
    const levex::LendingTotals& t = core.summary.totals;
    EXPECT_EQ(run->lending_summary.totals.accounts_liquidated, t.accounts_liquidated);
    EXPECT_EQ(run->lending_summary.totals.liquidations, t.liquidations);
    EXPECT_DOUBLE_EQ(run->lending_summary.totals.bad_debt_base, t.bad_debt_base);
    EXPECT_EQ(run->lending_log.size(), core.log.size());
    EXPECT_GT(t.accounts_liquidated, 4u); // more than the 4 already below 1 (docs/lending.md §7)
    EXPECT_GT(t.bad_debt_base, 0.0);
    const QLocale locale = levex::ui::grouped_locale();
    const QLabel* bad_debt = window.summary()->valueOf(QStringLiteral("Bad debt"));
    ASSERT_NE(bad_debt, nullptr);
    EXPECT_EQ(bad_debt->text(),
              QStringLiteral("%1 ETH (%2 accounts)")
                  .arg(amount_text(t.bad_debt_base, locale), locale.toString(qulonglong(t.accounts_with_bad_debt))));
    EXPECT_FALSE(bad_debt->toolTip().isEmpty());
    const QLabel* liquidated = window.summary()->valueOf(QStringLiteral("Accounts liquidated"));
    ASSERT_NE(liquidated, nullptr);
    EXPECT_EQ(liquidated->text(),
              QStringLiteral("%1 of 1,309").arg(locale.toString(qulonglong(t.accounts_liquidated))));
    for (const char* row : {"Collateral seized", "Debt repaid", "Liquidation bonus", "Protocol fee"})
        EXPECT_NE(window.summary()->valueOf(QString::fromLatin1(row)), nullptr) << row;
    const QString headline = window.headline()->text();
    EXPECT_TRUE(headline.contains(QStringLiteral("STETH"))) << headline.toStdString();
    EXPECT_TRUE(headline.contains(
        QStringLiteral("%1 of 1,309 accounts liquidated, %2 ETH bad debt")
            .arg(locale.toString(qulonglong(t.accounts_liquidated)), amount_text(t.bad_debt_base, locale))))
        << headline.toStdString();
}

TEST(LendingWindow, APositionBookAfterALendingBookEnablesTheVenueAgain) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, lending_sample("aave-v3-steth-2023-06.csv")));
    EXPECT_EQ(window.shownRun()->lending_books->front().protocol, "aave-v3-ethereum"); // it has an emode column
    EXPECT_EQ(window.shownRun()->lending_books->front().book->accounts(), 502u);
    ASSERT_TRUE(open_and_wait(window, QString::fromStdString(levex::sample_book_path())));
    EXPECT_FALSE(window.shownRun()->lending());
    EXPECT_FALSE(window.controls()->lendingBook());
    EXPECT_TRUE(window.controls()->findChild<QComboBox*>("venue")->isEnabled());
    EXPECT_TRUE(window.runParameters().protocol.empty());
}

TEST(LendingWindow, AccountsAndLogTablesListTheRun) {
    MainWindow window;
    window.show();
    const QString path = lending_sample("aave-v2-steth-2023-06.csv");
    ASSERT_TRUE(open_and_wait(window, path));
    ASSERT_TRUE(rerun(window, -0.3));
    const auto run = window.shownRun();
    auto* accounts = window.lendingAccounts();
    auto* log = window.lendingLog();
    QSignalSpy accounts_ordered(accounts, &levex::ui::LendingAccountModel::orderingFinished);
    QTest::qWait(100);
    ASSERT_EQ(accounts->rowCount(), 1309);
    ASSERT_EQ(std::size_t(log->rowCount()), run->lending_log.size());
    // The first account of the file, as the book gives it (docs/lending.md §5).
    EXPECT_EQ(accounts->index(0, levex::ui::LendingAccountModel::Account).data().toString(),
              QStringLiteral("0x777777c9898d384f785ee44acfe945efdff5f3e0"));
    EXPECT_EQ(accounts->index(0, levex::ui::LendingAccountModel::ProtocolHealthFactor).data().toString(),
              QLocale().toString(3.53260903550868, 'f', 4));
    // The "liquidated only" filter keeps exactly the accounts the core's summary counts.
    window.findChild<QCheckBox*>("accountsLiquidated")->setChecked(true);
    ASSERT_TRUE(accounts_ordered.wait(10000));
    EXPECT_EQ(std::size_t(accounts->rowCount()), run->lending_summary.totals.accounts_liquidated);
    double bad_debt = 0;
    for (int r = 0; r < accounts->rowCount(); ++r)
        bad_debt += accounts->account(r).bad_debt_base;
    EXPECT_NEAR(bad_debt, run->lending_summary.totals.bad_debt_base, 1e-6 * (1 + bad_debt));
    // Sorted by health factor, the lowest first.
    accounts->sort(levex::ui::LendingAccountModel::HealthFactor, Qt::AscendingOrder);
    ASSERT_TRUE(accounts_ordered.wait(10000));
    for (int r = 1; r < accounts->rowCount(); ++r)
        EXPECT_LE(accounts->account(r - 1).health_factor, accounts->account(r).health_factor);
    EXPECT_LT(accounts->account(0).health_factor, 1.0); // some were below 1 before any shock
    // The tabs name what they list.
    auto* tabs = window.findChild<QTabWidget*>();
    ASSERT_NE(tabs, nullptr);
    EXPECT_EQ(tabs->tabText(0), QStringLiteral("Accounts"));
}

TEST(LendingWindow, HealthFactorHistogramCountsTheAccountsByBucket) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, lending_sample("aave-v2-steth-2023-06.csv")));
    ASSERT_TRUE(rerun(window, -0.3));
    const auto run = window.shownRun();
    auto* view = window.healthFactors();
    // The legend sits above the bars, never over the tallest one.
    view->plot()->resize(900, 300);
    view->plot()->replot();
    EXPECT_FALSE(view->plot()->legend->outerRect().intersects(view->plot()->axisRect()->rect()));
    using Buckets = levex::ui::HealthFactorBuckets;
    // Counted the plain way: each account with debt in the bucket its health factor falls in.
    std::array<double, Buckets::kCount> expected{}, liquidated{};
    std::size_t without_debt = 0, below_one = 0;
    for (const levex::ui::LendingAccountRow& a : *run->lending_accounts) {
        if (std::isinf(a.health_factor)) {
            ++without_debt;
            continue;
        }
        below_one += a.health_factor < 1.0;
        std::size_t b = 0;
        while (b + 1 < Buckets::kCount && a.health_factor >= Buckets::kLow + double(b) * Buckets::kWidth)
            ++b;
        expected[b] += 1;
        if (a.first_step != levex::ui::LendingAccountRow::kNever)
            liquidated[b] += 1;
    }
    const Buckets& shown = view->buckets();
    double total = 0, below = 0;
    for (std::size_t b = 0; b < Buckets::kCount; ++b) {
        EXPECT_DOUBLE_EQ(shown.kept[b] + shown.liquidated[b], expected[b]) << b;
        EXPECT_DOUBLE_EQ(shown.liquidated[b], liquidated[b]) << b;
        total += expected[b];
        if (Buckets::centre(b) < 1.0)
            below += shown.kept[b] + shown.liquidated[b];
    }
    EXPECT_EQ(shown.without_debt, without_debt);
    EXPECT_DOUBLE_EQ(total + double(without_debt), 1309.0);
    EXPECT_DOUBLE_EQ(below, double(below_one)); // HF = 1 is a bucket edge
    // Every account below 1 before the run is liquidated by it.
    for (std::size_t b = 0; Buckets::centre(b) < 1.0; ++b)
        EXPECT_DOUBLE_EQ(shown.kept[b], 0.0) << b;
    // The bars drawn are the buckets.
    auto* bars = qobject_cast<QCPBars*>(view->plot()->plottable(1));
    ASSERT_NE(bars, nullptr);
    EXPECT_EQ(bars->data()->size(), int(Buckets::kCount));
    for (std::size_t b = 0; b < Buckets::kCount; ++b)
        EXPECT_DOUBLE_EQ((bars->data()->constBegin() + int(b))->value, shown.liquidated[b]);
    // By debt: the bars add up to the debt of the accounts that have some.
    view->setByDebt(true);
    double debt = 0, shown_debt = 0;
    for (const levex::ui::LendingAccountRow& a : *run->lending_accounts)
        debt += a.debt_base;
    for (std::size_t b = 0; b < Buckets::kCount; ++b)
        shown_debt += view->buckets().kept[b] + view->buckets().liquidated[b];
    EXPECT_NEAR(shown_debt, debt, 1e-9 * debt);
}

TEST(LendingWindow, SensitivitySweepsALendingRunAsTheCoreDoes) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, lending_sample("aave-v2-steth-2023-06.csv")));
    levex::ui::SensitivityPanel* panel = window.sensitivity();
    // A lending sweep's metrics and axes: the leverage multiplier does not apply.
    EXPECT_GE(panel->metricBox()->findData("bad_debt_base"), 0);
    EXPECT_LT(panel->metricBox()->findData("liquidated_share_of_oi"), 0);
    EXPECT_EQ(levex::SweepAxis(panel->yEditor().parameter->currentData().toInt()), levex::SweepAxis::DepthScale);
    const levex::ui::AxisEditor& x = panel->xEditor();
    const levex::ui::AxisEditor& y = panel->yEditor();
    x.from->setValue(-40.0);
    x.to->setValue(-10.0);
    x.count->setValue(4);
    y.from->setValue(0.5);
    y.to->setValue(1.0);
    y.count->setValue(2);
    panel->metricBox()->setCurrentIndex(panel->metricBox()->findData("accounts_liquidated"));
    QSignalSpy done(panel, &levex::ui::SensitivityPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    const auto run = window.shownRun();
    levex::SweepSpec spec;
    spec.x = levex::parse_axis("shock:-0.4:-0.1:4");
    spec.y = levex::parse_axis("depth-scale:0.5:1:2");
    spec.metric = "accounts_liquidated";
    levex::RunParameters base = run->params;
    base.symbol = run->symbol;
    const levex::SweepResult core =
        levex::run_sweep_study(levex::lending_study_inputs(*run->lending_books, base), spec);
    QCPColorMapData* cells = panel->colorMap()->data();
    ASSERT_EQ(cells->keySize(), 4);
    ASSERT_EQ(cells->valueSize(), 2);
    for (int iy = 0; iy < 2; ++iy)
        for (int ix = 0; ix < 4; ++ix) {
            const std::size_t k = std::size_t(iy) * 4 + std::size_t(ix);
            ASSERT_TRUE(core.defined[k]);
            EXPECT_DOUBLE_EQ(cells->cell(ix, iy), core.values[k]) << ix << " " << iy;
        }
    EXPECT_GT(core.values[0], core.values[3]); // a 40 % fall liquidates more than a 10 % one
    EXPECT_TRUE(panel->basisLabel()->text().contains(QStringLiteral("aave-v2-ethereum")))
        << panel->basisLabel()->text().toStdString();
}

TEST(LendingWindow, MonteCarloRunsOnALendingRun) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, lending_sample("aave-v3-steth-2023-06.csv")));
    levex::ui::MonteCarloPanel* panel = window.monteCarlo();
    QSignalSpy done(panel, &levex::ui::MonteCarloPanel::finished);
    panel->compute();
    ASSERT_TRUE(done.wait(60000));
    const auto run = window.shownRun();
    levex::RunParameters params = run->params;
    params.symbol = run->symbol;
    params.vol = panel->findChild<QDoubleSpinBox*>("monteCarloVol")->value() / 100.0;
    levex::MonteCarloSpec spec;
    spec.paths = 100;
    const levex::MonteCarloResult core =
        levex::run_monte_carlo_study(levex::lending_study_inputs(*run->lending_books, params), spec);
    ASSERT_EQ(panel->fan()->graphCount(), 5);
    const auto* median = panel->fan()->graph(4)->data().data();
    ASSERT_EQ(median->size(), int(core.price_fan.size()));
    for (int i = 0; i < median->size(); i += 17)
        EXPECT_DOUBLE_EQ(median->at(i)->value, core.price_fan[std::size_t(i)][2]) << i;
    auto* bars = static_cast<QCPBars*>(panel->histogram()->plottable(0));
    double paths = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        paths += it->value;
    EXPECT_DOUBLE_EQ(paths, 100.0);
    EXPECT_TRUE(panel->histogram()->xAxis->label().contains(QStringLiteral("Collateral seized")));
}

TEST(LendingWindow, ASecondBookSharesTheRunsMarket) {
    MainWindow window;
    window.show();
    const QString v2 = lending_sample("aave-v2-steth-2023-06.csv");
    const QString v3 = lending_sample("aave-v3-steth-2023-06.csv");
    ASSERT_TRUE(open_and_wait(window, v2));
    ASSERT_TRUE(rerun(window, -0.3));
    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    window.addLendingBook(v3, QStringLiteral("aave-v3-ethereum"));
    ASSERT_TRUE(finished.wait(60000));
    QTest::qWait(50);
    const auto run = window.shownRun();
    ASSERT_TRUE(run && run->lending());
    ASSERT_EQ(run->lending_books->size(), 2u);
    EXPECT_EQ((*run->lending_books)[0].protocol, "aave-v2-ethereum");
    EXPECT_EQ((*run->lending_books)[1].protocol, "aave-v3-ethereum");
    EXPECT_DOUBLE_EQ(run->params.shock, -0.3);
    // The core's run of both books on one market.
    levex::RunRequest request;
    request.params = run->params;
    request.lending_books = {{v2.toStdString(), "", "aave-v2-ethereum"}, {v3.toStdString(), "", "aave-v3-ethereum"}};
    const levex::LendingRunResult core = levex::run_lending(levex::resolve_run_inputs(request));
    EXPECT_EQ(run->lending_summary.totals.accounts, 1309u + 502u);
    EXPECT_EQ(run->lending_summary.totals.accounts_liquidated, core.summary.totals.accounts_liquidated);
    EXPECT_DOUBLE_EQ(run->lending_summary.totals.bad_debt_base, core.summary.totals.bad_debt_base);
    ASSERT_EQ(core.summary.books.size(), 2u);
    // A line per book in the summary, and every account in the table.
    const QLocale locale = levex::ui::grouped_locale();
    for (const levex::LendingBookSummary& b : core.summary.books) {
        const QString name = QStringLiteral("%1 (%2)").arg(QFileInfo(QString::fromStdString(b.label)).fileName(),
                                                           QString::fromStdString(b.protocol));
        const QLabel* line = window.summary()->valueOf(name);
        ASSERT_NE(line, nullptr) << name.toStdString();
        EXPECT_TRUE(line->text().startsWith(QStringLiteral("%1 of %2 liquidated")
                                                .arg(locale.toString(qulonglong(b.totals.accounts_liquidated)),
                                                     locale.toString(qulonglong(b.totals.accounts)))))
            << line->text().toStdString();
    }
    QTest::qWait(100);
    EXPECT_EQ(window.lendingAccounts()->rowCount(), 1309 + 502);
    // The status line names both books and both protocols.
    const QString status = window.statusBar()->findChild<QLabel*>("status")->text();
    EXPECT_TRUE(status.startsWith("aave-v2-steth-2023-06.csv + aave-v3-steth-2023-06.csv · 1,811 accounts · "
                                  "aave-v2-ethereum + aave-v3-ethereum"))
        << status.toStdString();
    // A new book opened alone replaces both.
    ASSERT_TRUE(open_and_wait(window, v3));
    EXPECT_EQ(window.shownRun()->lending_books->size(), 1u);
}
