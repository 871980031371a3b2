// SPDX-License-Identifier: GPL-3.0-or-later
// The run controls: labels, ranges, defaults and tooltips from the parameter table; a parameter
// problem is shown beside its control and runs nothing.
#include "ui/panels/RunControlsPanel.h"
#include "ui/window/MainWindow.h"

#include "ui/models/ParameterNames.h"

#include "core/base/ResourcePaths.h"
#include "core/io/ScenarioFile.h"
#include "core/market/LiquidityProblem.h"
#include "core/model/ParameterTable.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

namespace levex::ui {
namespace {

// The spin box whose tooltip is the table's for `key` (first line: its doc).
template <typename Box>
Box* box_of(RunControlsPanel& panel, const std::string& key) {
    QString doc = QString::fromStdString(parameter(key).doc);
    doc[0] = doc[0].toUpper();
    for (Box* box : panel.findChildren<Box*>())
        if (box->toolTip().startsWith(doc))
            return box;
    return nullptr;
}

TEST(RunControlsPanel, TheControlsStartAtTheTablesDefaults) {
    RunControlsPanel panel;
    const RunParameters shown = panel.parameters();
    const RunParameters defaults;
    EXPECT_EQ(shown.bins, defaults.bins) << "the app runs with the default bins (512), not its own";
    EXPECT_EQ(shown.steps, defaults.steps);
    EXPECT_EQ(shown.half_life_s, defaults.half_life_s);
    EXPECT_EQ(shown.depth_quote_within_1pct, defaults.depth_quote_within_1pct);
    EXPECT_EQ(shown.leverage_mult, defaults.leverage_mult);
    EXPECT_TRUE(std::isnan(shown.fee)) << "the venue's";
    EXPECT_TRUE(std::isnan(shown.mark)) << "the book's";
    EXPECT_FALSE(check_run_parameters(shown).has_value());
}

TEST(RunControlsPanel, RangesAndTooltipsComeFromTheTable) {
    RunControlsPanel panel;
    const ParameterSpec& half_life = parameter("half_life_s");
    auto* box = box_of<QDoubleSpinBox>(panel, "half_life_s");
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->minimum(), half_life.typical_lo);
    EXPECT_EQ(box->maximum(), half_life.typical_hi);
    EXPECT_TRUE(box->toolTip().contains("a user assumption")) << box->toolTip().toStdString();
    auto* bins = box_of<QSpinBox>(panel, "bins");
    ASSERT_NE(bins, nullptr);
    EXPECT_EQ(bins->value(), 512);
    EXPECT_EQ(bins->maximum(), int(parameter("bins").typical_hi));
}

TEST(RunControlsPanel, AProblemIsShownBesideItsControlAndRunsNothing) {
    RunControlsPanel panel;
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    auto* steps = box_of<QSpinBox>(panel, "steps");
    auto* bins = box_of<QSpinBox>(panel, "bins");
    ASSERT_NE(steps, nullptr);
    ASSERT_NE(bins, nullptr);
    bins->setValue(4096);
    EXPECT_EQ(changed.count(), 1) << "a valid edit runs";
    steps->setValue(100000); // 100000 × 4096 cells: more than a run may record
    EXPECT_EQ(changed.count(), 1) << "an invalid set runs nothing";
    EXPECT_TRUE(panel.problemShown("bins").startsWith("Price bins: expected steps × bins"))
        << panel.problemShown("bins").toStdString();
    bins->setValue(256);
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(panel.problemShown("bins"), QString());
}

TEST(RunControlsPanel, AProblemTheRunFindsIsShownBesideItsControl) {
    RunControlsPanel panel;
    panel.showProblem("mark", "Mark price: expected a start price, found none");
    EXPECT_EQ(panel.problemShown("mark"), "Mark price: expected a start price, found none");
    panel.showProblem("mark", QString());
    EXPECT_EQ(panel.problemShown("mark"), QString());
    panel.showProblem("jump_stdev", "x"); // no control of its own: shown on the row that holds jumps
    EXPECT_EQ(panel.problemShown("jump_stdev"), "x");
}

TEST(RunControlsPanel, AScenarioValueOutsideAControlIsReportedNotClamped) {
    RunControlsPanel panel;
    RunParameters p;
    p.leverage_mult = 50; // valid, beyond the box's 0.25 to 5
    const QStringList not_shown = panel.setParameters(p, "generic");
    ASSERT_EQ(not_shown.size(), 1);
    EXPECT_TRUE(not_shown.front().startsWith("Leverage × 50")) << not_shown.front().toStdString();
}

// A scenario from the command line may set what no control holds (a depth law, an outside order,
// withdrawal off): each is named, never dropped without a word.
TEST(RunControlsPanel, WhatNoControlHoldsIsNamed) {
    RunControlsPanel panel;
    RunParameters p;
    p.depth_model = levex::DepthModel::Metaorder;
    p.sell = 250;
    p.withdrawal = false;
    p.metaorder_y = 3.5;
    const QStringList not_shown = panel.setParameters(p, "generic");
    ASSERT_EQ(not_shown.size(), 2) << not_shown.join(" | ").toStdString();
    EXPECT_TRUE(not_shown[0].startsWith("the metaorder depth model")) << not_shown[0].toStdString();
    EXPECT_FALSE(not_shown.join("|").contains("250")) << "the Sell / buy order box holds it";
    EXPECT_TRUE(not_shown.join("|").contains("3.5 (no control holds it here")) << not_shown.join("|").toStdString();
    EXPECT_FALSE(not_shown.join("|").contains("Stress withdrawal")) << "the Stress withdrawal box holds it";
}

// The outside order next to the shock: a size in base and a side, mapping to sell or buy.
TEST(RunControlsPanel, TheSellOrBuyOrderRoundTrips) {
    RunControlsPanel panel;
    auto* order = panel.findChild<QDoubleSpinBox*>("order");
    auto* side = panel.findChild<QComboBox*>("orderSide");
    ASSERT_NE(order, nullptr);
    ASSERT_NE(side, nullptr);
    EXPECT_EQ(panel.parameters().sell, 0.0);
    EXPECT_EQ(panel.parameters().buy, 0.0);
    RunParameters p;
    p.sell = 250;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_EQ(side->currentText(), "sell");
    EXPECT_EQ(panel.parameters().sell, 250.0);
    EXPECT_EQ(panel.parameters().buy, 0.0);
    p.sell = 0;
    p.buy = 12.5;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_EQ(side->currentText(), "buy");
    EXPECT_EQ(panel.parameters().buy, 12.5);
    EXPECT_EQ(panel.parameters().sell, 0.0);
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    side->setCurrentIndex(0);
    EXPECT_EQ(changed.count(), 1) << "choosing the side runs";
    EXPECT_EQ(panel.parameters().sell, 12.5);
    EXPECT_EQ(panel.parameters().buy, 0.0);
    order->setValue(40);
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(panel.parameters().sell, 40.0);
}

// The power law: its own item in the depth model list, an exponent box enabled only for it, and
// the depth within 1 % in the depth box.
TEST(RunControlsPanel, ThePowerLawAndItsExponentRoundTrip) {
    RunControlsPanel panel;
    auto* exponent = panel.findChild<QDoubleSpinBox*>("depthExponent");
    ASSERT_NE(exponent, nullptr);
    EXPECT_FALSE(exponent->isEnabled()) << "the V-shaped book has no exponent";
    EXPECT_EQ(exponent->toolTip(), box_of<QDoubleSpinBox>(panel, "depth_exponent")->toolTip());
    RunParameters p;
    p.depth_model = levex::DepthModel::PowerLaw;
    p.depth_exponent = 1.5;
    p.depth_quote_within_1pct = 30e6;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_TRUE(exponent->isEnabled());
    const RunParameters shown = panel.parameters();
    EXPECT_EQ(shown.depth_model, levex::DepthModel::PowerLaw);
    EXPECT_DOUBLE_EQ(shown.depth_exponent, 1.5);
    EXPECT_DOUBLE_EQ(shown.depth_quote_within_1pct, 30e6);
    p.depth_model = levex::DepthModel::Flat;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_FALSE(exponent->isEnabled());
    EXPECT_EQ(panel.parameters().depth_model, levex::DepthModel::Flat);
}

// Choosing an L2 file switches the depth model to it (issue: it used to wait for the model box).
TEST(RunControlsPanel, ChoosingAnL2FileSwitchesTheDepthModelToIt) {
    RunControlsPanel panel;
    EXPECT_EQ(panel.parameters().depth_model, levex::DepthModel::VShaped);
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    const QString file = QStringLiteral(LEVEX_TEST_DATA_DIR "/orderbooks/btc_l2_at_102000.csv");
    panel.setL2BookFile(file);
    const RunParameters p = panel.parameters();
    EXPECT_EQ(p.depth_model, levex::DepthModel::L2Book);
    EXPECT_EQ(p.book_file, file.toStdString());
    EXPECT_EQ(panel.findChild<QComboBox*>("depthModel")->currentData().toInt(), int(levex::DepthModel::L2Book));
    EXPECT_GE(changed.count(), 1);
}

// Number boxes read exponent notation: a quote reserve typed "1e9" is a billion, never 19.
TEST(RunControlsPanel, NumberBoxesReadExponentNotation) {
    RunControlsPanel panel;
    auto* quote = panel.findChild<QDoubleSpinBox*>("poolQuote");
    ASSERT_NE(quote, nullptr);
    quote->findChild<QLineEdit*>()->selectAll();
    QTest::keyClicks(quote, QStringLiteral("1e9"));
    QTest::keyClick(quote, Qt::Key_Return);
    EXPECT_DOUBLE_EQ(quote->value(), 1e9);
    auto* depth = panel.findChild<QDoubleSpinBox*>("depth_quote_within_1pct");
    ASSERT_NE(depth, nullptr);
    depth->findChild<QLineEdit*>()->selectAll();
    QTest::keyClicks(depth, QStringLiteral("2.5e1"));
    QTest::keyClick(depth, Qt::Key_Return);
    EXPECT_DOUBLE_EQ(depth->value(), 25.0); // in millions: 25M
    EXPECT_DOUBLE_EQ(panel.parameters().depth_quote_within_1pct, 25e6);
}

// A wheel over a box without the focus leaves its value alone (the panel scrolls instead).
TEST(RunControlsPanel, TheWheelChangesNothingWithoutTheFocus) {
    RunControlsPanel panel;
    panel.show();
    auto* shock = panel.findChild<QDoubleSpinBox*>("shock");
    ASSERT_NE(shock, nullptr);
    const double before = shock->value();
    const QPointF at(5, 5);
    QWheelEvent wheel(at, shock->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(shock, &wheel);
    EXPECT_EQ(shock->value(), before);
    EXPECT_EQ(shock->focusPolicy(), Qt::StrongFocus);
}

// A StableSwap pool like Curve's stETH/ETH (docs/liquidity.md §4), with no arbitrage.
RunParameters steth_pool() {
    RunParameters p;
    p.depth_model = levex::DepthModel::Amm;
    p.amm_kind = levex::AmmKind::StableSwap;
    p.amm_amplification = 15;
    p.amm_fee = 0.0004;
    p.amm_base_reserve = 241954;
    p.amm_quote_reserve = 235285;
    p.half_life_s = std::numeric_limits<double>::infinity();
    return p;
}

// The keys where two parameter sets differ, joined, for messages.
std::string differing(const RunParameters& a, const RunParameters& b) {
    std::string out;
    for (const std::string& key : changed_parameters(a, b))
        out += key + " ";
    return out;
}

// "AMM pool" in the depth model list: its rows show only for it, A only for StableSwap, the
// half-life becomes the arbitrage's ("no arbitrage" = inf), and a scenario's pool comes back whole.
TEST(RunControlsPanel, TheAmmPoolAndItsFieldsRoundTrip) {
    RunControlsPanel panel;
    auto* kind = panel.findChild<QComboBox*>("poolKind");
    auto* a = panel.findChild<QDoubleSpinBox*>("poolA");
    auto* base = panel.findChild<QDoubleSpinBox*>("poolBase");
    auto* permanent = panel.findChild<QCheckBox*>("permanent");
    ASSERT_NE(kind, nullptr);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(base, nullptr);
    ASSERT_NE(permanent, nullptr);
    EXPECT_FALSE(base->isVisibleTo(&panel)) << "no pool rows for the V-shaped book";
    EXPECT_EQ(base->toolTip(), box_of<QDoubleSpinBox>(panel, "amm_base_reserve")->toolTip());
    EXPECT_TRUE(base->toolTip().contains("Unit: base")) << base->toolTip().toStdString();
    EXPECT_EQ(permanent->text(), "permanent");
    const RunParameters p = steth_pool();
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_TRUE(base->isVisibleTo(&panel));
    EXPECT_TRUE(a->isEnabled());
    EXPECT_EQ(permanent->text(), "no arbitrage");
    EXPECT_TRUE(permanent->isChecked());
    EXPECT_FALSE(panel.findChild<QCheckBox*>("withdrawal")->isEnabled()) << "a pool does not withdraw";
    const RunParameters shown = panel.parameters();
    EXPECT_EQ(shown.depth_model, levex::DepthModel::Amm);
    EXPECT_EQ(shown.amm_kind, levex::AmmKind::StableSwap);
    EXPECT_DOUBLE_EQ(shown.amm_amplification, 15);
    EXPECT_DOUBLE_EQ(shown.amm_fee, 0.0004);
    EXPECT_DOUBLE_EQ(shown.amm_base_reserve, 241954);
    EXPECT_DOUBLE_EQ(shown.amm_quote_reserve, 235285);
    EXPECT_TRUE(std::isinf(shown.half_life_s));
    EXPECT_FALSE(check_run_parameters(shown).has_value());
    // The constant product: no A, and the kind's usual fee when the scenario gives none.
    RunParameters cp = p;
    cp.amm_kind = levex::AmmKind::ConstantProduct;
    cp.amm_amplification = std::numeric_limits<double>::quiet_NaN();
    cp.amm_fee = std::numeric_limits<double>::quiet_NaN();
    EXPECT_TRUE(panel.setParameters(cp, "generic").isEmpty());
    EXPECT_FALSE(a->isEnabled());
    EXPECT_TRUE(std::isnan(panel.parameters().amm_fee)) << "the kind's usual fee, not a number of the app's";
    EXPECT_TRUE(std::isnan(panel.parameters().amm_amplification));
    EXPECT_EQ(differing(cp, panel.parameters()), "");
    // Back to a book: the rows go, the half-life is the book's again.
    EXPECT_TRUE(panel.setParameters(RunParameters{}, "generic").isEmpty());
    EXPECT_FALSE(base->isVisibleTo(&panel));
    EXPECT_EQ(permanent->text(), "permanent");
}

// A pool without its reserves or its A, chosen in the panel, says what it needs beside the box
// that holds it (the core's words) and runs nothing until it is given.
TEST(RunControlsPanel, APoolsMissingValuesAreShownBesideTheirBoxes) {
    RunControlsPanel panel;
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    auto* model = panel.findChild<QComboBox*>("depthModel");
    ASSERT_NE(model, nullptr);
    model->setCurrentIndex(model->findData(int(levex::DepthModel::Amm)));
    EXPECT_EQ(changed.count(), 0);
    EXPECT_TRUE(panel.problemShown("amm_base_reserve")
                    .startsWith("Base reserve: expected a reserve > 0 for the constant-product pool, found none"))
        << panel.problemShown("amm_base_reserve").toStdString();
    panel.findChild<QDoubleSpinBox*>("poolBase")->setValue(1000);
    EXPECT_EQ(panel.problemShown("amm_base_reserve"), QString());
    EXPECT_TRUE(panel.problemShown("amm_quote_reserve").startsWith("Quote reserve: expected a reserve > 0"))
        << panel.problemShown("amm_quote_reserve").toStdString();
    panel.findChild<QDoubleSpinBox*>("poolQuote")->setValue(1000 * 100000.0);
    EXPECT_EQ(changed.count(), 1) << "a whole pool runs";
    auto* kind = panel.findChild<QComboBox*>("poolKind");
    kind->setCurrentIndex(kind->findData(int(levex::AmmKind::StableSwap)));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(panel.problemShown("amm_amplification").startsWith("Amplification A: expected"))
        << panel.problemShown("amm_amplification").toStdString();
    EXPECT_TRUE(panel.problemShown("amm_amplification").contains("stableswap pool"));
}

// A trade the pool cannot take, found by the run, is phrased like a parameter problem with the
// key of the control that holds it.
TEST(RunControlsPanel, APoolsRefusalIsPhrasedForItsControl) {
    const levex::LiquidityError error({"buy", "a purchase below what the pool can pay out, 1000 base", "2000 base"});
    EXPECT_EQ(phrase_for_app(error).toStdString(),
              control_name("buy").toStdString() +
                  ": expected a purchase below what the pool can pay out, 1000 base, found 2000 base");
}

// Stress withdrawal's three settings in the Advanced fold, at RunParameters' defaults, enabled
// while withdrawal is on; a scenario's values (inf: "never") come back out and are not named.
TEST(RunControlsPanel, TheWithdrawalSettingsRoundTrip) {
    RunControlsPanel panel;
    auto* scale = panel.findChild<QDoubleSpinBox*>("withdrawalFlowScale");
    auto* exponent = panel.findChild<QDoubleSpinBox*>("withdrawalExponent");
    auto* half_life = panel.findChild<QDoubleSpinBox*>("withdrawalHalfLife");
    auto* never = panel.findChild<QCheckBox*>("withdrawalNever");
    auto* withdrawal = panel.findChild<QCheckBox*>("withdrawal");
    ASSERT_TRUE(scale && exponent && half_life && never && withdrawal);
    auto* advanced = scale->parentWidget();
    while (advanced && !qobject_cast<QGroupBox*>(advanced))
        advanced = advanced->parentWidget();
    ASSERT_NE(advanced, nullptr);
    qobject_cast<QGroupBox*>(advanced)->setChecked(true); // unfolded: its boxes enable as they may
    const RunParameters d;
    EXPECT_EQ(scale->value(), d.withdrawal_flow_scale);
    EXPECT_EQ(exponent->value(), d.withdrawal_exponent);
    EXPECT_EQ(half_life->value(), d.withdrawal_half_life_s);
    EXPECT_EQ(scale->toolTip(), box_of<QDoubleSpinBox>(panel, "withdrawal_flow_scale")->toolTip());
    EXPECT_TRUE(scale->isEnabled());
    RunParameters p;
    p.withdrawal_flow_scale = 4;
    p.withdrawal_exponent = 3.5;
    p.withdrawal_half_life_s = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty()) << "no longer named as held by no control";
    EXPECT_TRUE(never->isChecked());
    EXPECT_FALSE(half_life->isEnabled());
    EXPECT_EQ(differing(p, panel.parameters()), "");
    p.withdrawal_half_life_s = 300;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_DOUBLE_EQ(panel.parameters().withdrawal_half_life_s, 300);
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    withdrawal->setChecked(false);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_FALSE(scale->isEnabled()) << "nothing to set while withdrawal is off";
    EXPECT_FALSE(half_life->isEnabled());
    exponent->setValue(2.0);
    EXPECT_EQ(changed.count(), 2);
    EXPECT_DOUBLE_EQ(panel.parameters().withdrawal_exponent, 2.0);
}

// A pool and withdrawal settings shown in the panel go through a scenario file and back unchanged.
TEST(RunControlsPanel, APoolAndWithdrawalSettingsRoundTripThroughAScenarioFile) {
    RunControlsPanel panel;
    RunParameters p = steth_pool();
    p.withdrawal_exponent = 3.0;
    ASSERT_TRUE(panel.setParameters(p, "generic").isEmpty());
    levex::Scenario scenario;
    scenario.params = panel.parameters();
    std::ifstream venue(levex::venue_dir() + "/generic.json");
    scenario.venue_json.assign(std::istreambuf_iterator<char>(venue), {});
    const levex::Scenario back = levex::parse_scenario_json(levex::write_scenario_json(scenario), "pool.json");
    RunControlsPanel other;
    EXPECT_TRUE(other.setParameters(back.params, "generic").isEmpty());
    EXPECT_EQ(differing(p, other.parameters()), "");
}

// The settings keep the pool, withdrawal's settings and the L2 file; a file that is gone is said
// and the V-shaped book is used, never silently.
TEST(RunControlsPanel, SettingsKeepThePoolWithdrawalAndTheL2File) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString ini = dir.filePath("settings.ini");
    RunParameters p = steth_pool();
    p.withdrawal_flow_scale = 3.0;
    p.withdrawal_half_life_s = std::numeric_limits<double>::infinity();
    {
        RunControlsPanel panel;
        ASSERT_TRUE(panel.setParameters(p, "generic").isEmpty());
        QSettings settings(ini, QSettings::IniFormat);
        panel.save(settings);
    }
    {
        RunControlsPanel panel;
        const QSettings settings(ini, QSettings::IniFormat);
        EXPECT_TRUE(panel.restore(settings).isEmpty());
        EXPECT_EQ(differing(p, panel.parameters()), "");
    }
    const QString l2 = dir.filePath("l2.csv");
    ASSERT_TRUE(QFile::copy(QString::fromStdString(std::string(LEVEX_TEST_DATA_DIR) + "/orderbooks/small_l2.csv"), l2));
    RunParameters book = RunParameters{};
    book.depth_model = levex::DepthModel::L2Book;
    book.book_file = l2.toStdString();
    {
        RunControlsPanel panel;
        ASSERT_TRUE(panel.setParameters(book, "generic").isEmpty());
        QSettings settings(ini, QSettings::IniFormat);
        panel.save(settings);
    }
    {
        RunControlsPanel panel;
        const QSettings settings(ini, QSettings::IniFormat);
        EXPECT_TRUE(panel.restore(settings).isEmpty());
        EXPECT_EQ(panel.parameters().depth_model, levex::DepthModel::L2Book);
        EXPECT_EQ(panel.parameters().book_file, book.book_file);
    }
    ASSERT_TRUE(QFile::remove(l2));
    RunControlsPanel panel;
    const QSettings settings(ini, QSettings::IniFormat);
    const QStringList said = panel.restore(settings);
    ASSERT_EQ(said.size(), 1);
    EXPECT_TRUE(said.front().contains(l2) && said.front().contains("is gone")) << said.front().toStdString();
    EXPECT_EQ(panel.parameters().depth_model, levex::DepthModel::VShaped);
}

// The random vol is shown in per cent, like the shock: one convention for fractions of price.
TEST(RunControlsPanel, TheVolIsShownInPercent) {
    RunControlsPanel panel;
    auto* vol = panel.findChild<QDoubleSpinBox*>("vol");
    ASSERT_NE(vol, nullptr);
    EXPECT_EQ(vol->suffix(), " %");
    EXPECT_DOUBLE_EQ(vol->maximum(), parameter("vol").typical_hi * 100.0);
    RunParameters p;
    p.vol = 0.0005;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_DOUBLE_EQ(vol->value(), 0.05);
    EXPECT_DOUBLE_EQ(panel.parameters().vol, 0.0005);
    vol->setValue(1.5);
    EXPECT_DOUBLE_EQ(panel.parameters().vol, 0.015);
}

// Stress withdrawal is on by default; a scenario's switch shows in the box and comes back out.
TEST(RunControlsPanel, TheWithdrawalSwitchRoundTrips) {
    RunControlsPanel panel;
    auto* box = panel.findChild<QCheckBox*>("withdrawal");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isChecked());
    EXPECT_TRUE(panel.parameters().withdrawal);
    RunParameters p;
    p.withdrawal = false;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_FALSE(box->isChecked());
    EXPECT_FALSE(panel.parameters().withdrawal);
    p.withdrawal = true;
    EXPECT_TRUE(panel.setParameters(p, "generic").isEmpty());
    EXPECT_TRUE(panel.parameters().withdrawal);
    QSignalSpy changed(&panel, &RunControlsPanel::changed);
    box->setChecked(false);
    EXPECT_EQ(changed.count(), 1) << "switching it runs";
    EXPECT_FALSE(panel.parameters().withdrawal);
}

// The run finds the book has no mark_price: the window says so beside the Mark price box.
TEST(RunControlsPanel, AMarkTheBookCannotGiveIsShownBesideTheMarkBox) {
    MainWindow window;
    auto* panel = window.findChild<RunControlsPanel*>();
    ASSERT_NE(panel, nullptr);
    QSignalSpy failed(&window, &MainWindow::bookFailed);
    window.openBook(QString::fromStdString(std::string(LEVEX_TEST_DATA_DIR) + "/published/hyperliquid_isolated.csv"));
    ASSERT_TRUE(failed.count() > 0 || failed.wait(30000));
    EXPECT_TRUE(failed.front().at(0).toString().startsWith("Mark price: expected a start price"))
        << failed.front().at(0).toString().toStdString();
    EXPECT_TRUE(panel->problemShown("mark").contains("the Mark price box"))
        << panel->problemShown("mark").toStdString();
}

} // namespace

// The shock slider lands on half per cents; the box keeps any tenth it is given.
TEST(RunControlsPanel, TheShockSliderLandsOnRoundValues) {
    RunControlsPanel panel;
    auto* slider = panel.findChild<QSlider*>("shockSlider");
    auto* shock = panel.findChild<QDoubleSpinBox*>("shock");
    ASSERT_NE(slider, nullptr);
    ASSERT_NE(shock, nullptr);
    for (int v : {-21, -15, -1, 3}) {
        slider->setValue(v);
        EXPECT_DOUBLE_EQ(shock->value(), v / 2.0);
    }
    shock->setValue(-7.3);
    EXPECT_EQ(slider->value(), -15); // nearest half per cent
    EXPECT_DOUBLE_EQ(shock->value(), -7.3);
}

} // namespace levex::ui
