// SPDX-License-Identifier: GPL-3.0-or-later
// The run controls: labels, ranges, defaults and tooltips from the parameter table; a parameter
// problem is shown beside its control and runs nothing.
#include "ui/panels/RunControlsPanel.h"
#include "ui/window/MainWindow.h"

#include "core/model/ParameterTable.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>

#include <cmath>

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
    p.depth_model = levex::DepthModel::Amm;
    p.sell = 250;
    p.withdrawal = false;
    p.withdrawal_exponent = 3.5;
    const QStringList not_shown = panel.setParameters(p, "generic");
    ASSERT_EQ(not_shown.size(), 2) << not_shown.join(" | ").toStdString();
    EXPECT_TRUE(not_shown[0].startsWith("the amm depth model")) << not_shown[0].toStdString();
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
