// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/RunControlsPanel.h"

#include "core/base/ResourcePaths.h"
#include "core/model/VenueProfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace levex::ui {

namespace {
constexpr double kVenue = -1.0; // a spin box at its minimum shows "venue" and means the venue's value
}

QDoubleSpinBox* RunControlsPanel::number(double min, double max, int decimals, double value, const QString& suffix,
                                         const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    box->setKeyboardTracking(false); // typing a number runs once, not per keystroke
    connect(box, &QDoubleSpinBox::valueChanged, this, &RunControlsPanel::changed);
    return box;
}

RunControlsPanel::RunControlsPanel(QWidget* parent) : QWidget(parent) {
    const RunParameters d;
    auto* form = new QFormLayout(this);

    venue_ = new QComboBox;
    for (const std::string& name : list_venue_profiles(venue_dir()))
        venue_->addItem(QString::fromStdString(name));
    venue_->setCurrentText("generic");
    venue_->setToolTip(tr("Exchange rules: margin tiers, maintenance basis, execution (resources/venues)"));
    connect(venue_, &QComboBox::currentTextChanged, this, &RunControlsPanel::changed);
    symbol_ = new QComboBox;
    symbol_->setToolTip(tr("The symbol the shock moves (a book may hold several)"));
    connect(symbol_, &QComboBox::currentTextChanged, this, [this] {
        if (symbol_->count() > 0)
            emit changed();
    });
    mark_ =
        number(0.0, 1e9, 2, 0.0, QString(), tr("Start price of the shocked symbol (the book's mark_price by default)"));
    mark_->setSpecialValueText(tr("book's mark"));
    leverage_ = number(0.25, 5.0, 2, 1.0, QStringLiteral("×"),
                       tr("Multiplies every position's leverage: margins and cross collateral are divided by it,\n"
                          "each position capped at its tier's max leverage"));
    leverage_->setObjectName("leverage");
    leverage_->setSingleStep(0.25);

    shock_ = number(-60.0, 60.0, 1, -5.0, QStringLiteral(" %"), tr("Move of the index at the start of the run"));
    shock_->setObjectName("shock");
    shock_->setSingleStep(0.5);
    shock_slider_ = new QSlider(Qt::Horizontal);
    shock_slider_->setRange(-600, 600); // tenths of a percent
    shock_slider_->setValue(-50);
    connect(shock_slider_, &QSlider::valueChanged, this, [this](int v) { shock_->setValue(v / 10.0); });
    connect(shock_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(shock_slider_);
        shock_slider_->setValue(int(std::lround(v * 10)));
    });
    shock_steps_ = new QSpinBox;
    shock_steps_->setRange(0, 100000);
    shock_steps_->setSpecialValueText(tr("at once"));
    shock_steps_->setSuffix(tr(" steps"));
    shock_steps_->setToolTip(tr("Spread the shock over this many steps (a ramp)"));
    connect(shock_steps_, &QSpinBox::valueChanged, this, &RunControlsPanel::changed);

    depth_model_ = new QComboBox;
    depth_model_->addItem(tr("V-shaped (square root)"), int(DepthModel::VShaped));
    depth_model_->addItem(tr("Flat (linear)"), int(DepthModel::Flat));
    depth_model_->addItem(tr("L2 order book file"), int(DepthModel::L2Book));
    depth_ = number(0.1, 1e6, 1, d.depth_quote_within_1pct / 1e6, tr(" M USD"),
                    tr("V-shaped: liquidity within 1 % of the price; flat: liquidity in every 1 % band"));
    book_file_ = new QLineEdit;
    book_file_->setPlaceholderText(tr("side,price,size CSV"));
    book_file_->setReadOnly(true);
    auto* book_button = new QPushButton(tr("Choose…"));
    connect(book_button, &QPushButton::clicked, this,
            [this] { chooseFile(book_file_, tr("L2 order book"), tr("CSV files (*.csv);;All files (*)")); });
    auto* book_row = new QHBoxLayout;
    book_row->addWidget(book_file_, 1);
    book_row->addWidget(book_button);
    auto update_depth = [this, d] {
        const auto model = DepthModel(depth_model_->currentData().toInt());
        depth_->setEnabled(model != DepthModel::L2Book);
        book_file_->setEnabled(model == DepthModel::L2Book);
        const QSignalBlocker block(depth_);
        depth_->setValue((model == DepthModel::Flat ? d.depth_quote_per_pct : d.depth_quote_within_1pct) / 1e6);
        emit changed();
    };
    connect(depth_model_, &QComboBox::currentIndexChanged, this, update_depth);
    book_file_->setEnabled(false);

    half_life_ = number(1.0, 1e7, 0, d.half_life_s, tr(" s"), tr("How fast the consumed depth refills (half-life)"));
    permanent_ = new QCheckBox(tr("permanent"));
    permanent_->setToolTip(tr("Consumed depth never refills (half-life infinite)"));
    connect(permanent_, &QCheckBox::toggled, this, [this](bool on) {
        half_life_->setEnabled(!on);
        emit changed();
    });
    auto* half_life_row = new QHBoxLayout;
    half_life_row->addWidget(half_life_, 1);
    half_life_row->addWidget(permanent_);
    steps_ = new QSpinBox;
    steps_->setRange(1, 100000);
    steps_->setValue(int(d.steps));
    steps_->setSuffix(tr(" steps"));
    steps_->setKeyboardTracking(false);
    connect(steps_, &QSpinBox::valueChanged, this, &RunControlsPanel::changed);

    form->addRow(tr("Venue"), venue_);
    form->addRow(tr("Symbol"), symbol_);
    form->addRow(tr("Mark price"), mark_);
    form->addRow(tr("Leverage ×"), leverage_);
    form->addRow(tr("Shock"), shock_);
    form->addRow(shock_slider_);
    form->addRow(tr("Shock spread"), shock_steps_);
    form->addRow(tr("Depth model"), depth_model_);
    form->addRow(tr("Depth"), depth_);
    form->addRow(tr("L2 book"), book_row);
    form->addRow(tr("Half-life"), half_life_row);
    form->addRow(tr("Length"), steps_);

    // The rest, folded away: each shows its default.
    advanced_ = new QGroupBox(tr("Advanced"));
    advanced_->setCheckable(true);
    advanced_->setChecked(false);
    auto* more = new QFormLayout;
    auto* more_widget = new QWidget;
    more_widget->setLayout(more);
    more_widget->setVisible(false);
    auto* advanced_layout = new QVBoxLayout(advanced_);
    advanced_layout->setContentsMargins(6, 6, 6, 6);
    advanced_layout->addWidget(more_widget);
    connect(advanced_, &QGroupBox::toggled, more_widget, &QWidget::setVisible);
    step_seconds_ = number(0.001, 3600.0, 3, d.step_seconds, tr(" s"), tr("Length of one step"));
    permanent_fraction_ = number(0.0, 0.99, 2, d.permanent_fraction, QString(),
                                 tr("Share of each fill's impact that moves the index itself"));
    mark_passthrough_ = number(kVenue, 1.0, 2, kVenue, QString(), tr("β: mark = index·(book/index)^β"));
    mark_passthrough_->setSpecialValueText(tr("venue"));
    fee_ = number(kVenue, 0.2, 4, kVenue, QString(), tr("Liquidation fee rate on the liquidated notional"));
    fee_->setSpecialValueText(tr("venue"));
    fund_ = number(kVenue, 1e12, 0, kVenue, tr(" USD"),
                   tr("Insurance fund at the start (the venue's: unlimited or its size)"));
    fund_->setSpecialValueText(tr("venue"));
    vol_ = number(0.0, 0.2, 4, d.vol, QString(), tr("Per-step volatility of random index returns (0: none)"));
    student_nu_ = number(0.0, 1000.0, 1, d.student_nu, QString(), tr("Student-t degrees of freedom (0: normal)"));
    student_nu_->setSpecialValueText(tr("normal"));
    seed_ = new QSpinBox;
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(int(d.seed));
    seed_->setToolTip(tr("Seed of the random path: the same seed gives the same path"));
    connect(seed_, &QSpinBox::valueChanged, this, &RunControlsPanel::changed);
    series_file_ = new QLineEdit;
    series_file_->setPlaceholderText(tr("none: use the shock"));
    series_file_->setReadOnly(true);
    auto* series_button = new QPushButton(tr("Choose…"));
    auto* series_clear = new QPushButton(tr("Clear"));
    connect(series_button, &QPushButton::clicked, this,
            [this] { chooseFile(series_file_, tr("Price series"), tr("Kline CSV (*.csv);;All files (*)")); });
    connect(series_clear, &QPushButton::clicked, this, [this] {
        series_file_->clear();
        emit changed();
    });
    auto* series_row = new QHBoxLayout;
    series_row->addWidget(series_file_, 1);
    series_row->addWidget(series_button);
    series_row->addWidget(series_clear);
    more->addRow(tr("Step length"), step_seconds_);
    more->addRow(tr("Permanent impact"), permanent_fraction_);
    more->addRow(tr("Mark pass-through β"), mark_passthrough_);
    more->addRow(tr("Liquidation fee"), fee_);
    more->addRow(tr("Insurance fund"), fund_);
    more->addRow(tr("Random vol / step"), vol_);
    more->addRow(tr("Student-t ν"), student_nu_);
    more->addRow(tr("Seed"), seed_);
    more->addRow(tr("Price series"), series_row);
    form->addRow(advanced_);
}

void RunControlsPanel::chooseFile(QLineEdit* target, const QString& title, const QString& filter) {
    const QString path = QFileDialog::getOpenFileName(this, title, QString(), filter);
    if (!path.isEmpty()) {
        target->setText(path);
        emit changed();
    }
}

RunParameters RunControlsPanel::parameters() const {
    RunParameters p;
    p.shock = shock_->value() / 100.0;
    p.shock_steps = std::size_t(shock_steps_->value());
    p.leverage_mult = leverage_->value();
    p.depth_model = DepthModel(depth_model_->currentData().toInt());
    if (p.depth_model == DepthModel::Flat)
        p.depth_quote_per_pct = depth_->value() * 1e6;
    else
        p.depth_quote_within_1pct = depth_->value() * 1e6;
    p.book_file = book_file_->text().toStdString();
    if (p.depth_model == DepthModel::L2Book && p.book_file.empty())
        p.depth_model = DepthModel::VShaped; // no file chosen yet
    p.half_life_s = permanent_->isChecked() ? std::numeric_limits<double>::infinity() : half_life_->value();
    p.steps = std::size_t(steps_->value());
    p.step_seconds = step_seconds_->value();
    p.permanent_fraction = permanent_fraction_->value();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    p.mark_passthrough = mark_passthrough_->value() == kVenue ? nan : mark_passthrough_->value();
    p.fee = fee_->value() == kVenue ? nan : fee_->value();
    p.fund = fund_->value() == kVenue ? nan : fund_->value();
    p.vol = vol_->value();
    p.student_nu = student_nu_->value() > 2.0 ? student_nu_->value() : 0.0;
    p.seed = std::uint64_t(seed_->value());
    p.price_series_file = series_file_->text().toStdString();
    p.symbol = symbol_->currentText().toStdString();
    p.mark = mark_->value() > 0 ? mark_->value() : std::numeric_limits<double>::quiet_NaN();
    p.bins = 256;
    return p;
}

QString RunControlsPanel::venue() const {
    return venue_->currentText();
}

void RunControlsPanel::save(QSettings& settings) const {
    settings.setValue("run/venue", venue_->currentText());
    settings.setValue("run/leverage", leverage_->value());
    settings.setValue("run/shock", shock_->value());
    settings.setValue("run/depthModel", depth_model_->currentIndex());
    settings.setValue("run/depth", depth_->value());
    settings.setValue("run/halfLife", half_life_->value());
    settings.setValue("run/permanent", permanent_->isChecked());
    settings.setValue("run/steps", steps_->value());
}

void RunControlsPanel::restore(const QSettings& settings) {
    const QSignalBlocker block(this); // one run after everything is in place, not one per control
    if (settings.contains("run/venue"))
        venue_->setCurrentText(settings.value("run/venue").toString());
    leverage_->setValue(settings.value("run/leverage", leverage_->value()).toDouble());
    shock_->setValue(settings.value("run/shock", shock_->value()).toDouble());
    depth_model_->setCurrentIndex(
        settings.value("run/depthModel", 0).toInt() == 2 ? 0 : settings.value("run/depthModel", 0).toInt());
    depth_->setValue(settings.value("run/depth", depth_->value()).toDouble());
    half_life_->setValue(settings.value("run/halfLife", half_life_->value()).toDouble());
    permanent_->setChecked(settings.value("run/permanent", false).toBool());
    steps_->setValue(settings.value("run/steps", steps_->value()).toInt());
}

void RunControlsPanel::setSymbols(const QStringList& symbols, const QString& proposed) {
    const QSignalBlocker block(symbol_);
    const QString current = symbol_->currentText();
    symbol_->clear();
    symbol_->addItems(symbols);
    symbol_->setCurrentText(symbols.contains(current) ? current : proposed);
    symbol_->setEnabled(symbols.size() > 1);
}

QStringList RunControlsPanel::setParameters(const RunParameters& p, const QString& venue) {
    QStringList not_shown;
    {
        const QSignalBlocker block(this); // one run once everything is in place
        if (venue_->findText(venue) < 0)
            venue_->addItem(venue);
        venue_->setCurrentText(venue);
        if (!p.symbol.empty()) {
            const QString symbol = QString::fromStdString(p.symbol);
            if (symbol_->findText(symbol) < 0)
                symbol_->addItem(symbol);
            symbol_->setCurrentText(symbol);
        }
        mark_->setValue(std::isnan(p.mark) ? 0.0 : p.mark);
        leverage_->setValue(p.leverage_mult);
        shock_->setValue(p.shock * 100.0);
        shock_steps_->setValue(int(p.shock_steps));
        DepthModel model = p.depth_model;
        if (model == DepthModel::Metaorder) {
            not_shown << tr("the metaorder depth law (the V-shaped book is used)");
            model = DepthModel::VShaped;
        }
        depth_model_->setCurrentIndex(std::max(0, depth_model_->findData(int(model))));
        depth_->setValue((model == DepthModel::Flat ? p.depth_quote_per_pct : p.depth_quote_within_1pct) / 1e6);
        book_file_->setText(QString::fromStdString(p.book_file));
        permanent_->setChecked(std::isinf(p.half_life_s));
        if (!std::isinf(p.half_life_s))
            half_life_->setValue(p.half_life_s);
        steps_->setValue(int(p.steps));
        step_seconds_->setValue(p.step_seconds);
        permanent_fraction_->setValue(p.permanent_fraction);
        mark_passthrough_->setValue(std::isnan(p.mark_passthrough) ? kVenue : p.mark_passthrough);
        fee_->setValue(std::isnan(p.fee) ? kVenue : p.fee);
        if (std::isinf(p.fund))
            not_shown << tr("an unlimited fund set by the scenario (the venue's fund is used)");
        fund_->setValue(std::isnan(p.fund) || std::isinf(p.fund) ? kVenue : p.fund);
        vol_->setValue(p.vol);
        student_nu_->setValue(p.student_nu);
        seed_->setValue(int(std::min<std::uint64_t>(p.seed, std::uint64_t(seed_->maximum()))));
        if (p.seed > std::uint64_t(seed_->maximum()))
            not_shown << tr("seed %1 (above the largest the box holds)").arg(qulonglong(p.seed));
        series_file_->setText(QString::fromStdString(p.price_series_file));
        if (p.mmr_scale != 1.0)
            not_shown << tr("maintenance scale ×%1").arg(p.mmr_scale);
        if (p.depth_scale != 1.0)
            not_shown << tr("depth scale ×%1").arg(p.depth_scale);
        if (p.jump_rate > 0)
            not_shown << tr("jumps");
    }
    return not_shown;
}

void RunControlsPanel::setShockAndLeverage(double shock, double leverage_mult) {
    {
        const QSignalBlocker block(this);
        leverage_->setValue(leverage_mult);
    }
    shock_->setValue(std::round(shock * 1000.0) / 10.0); // tenths of a percent, as the box shows
    emit changed();
}

} // namespace levex::ui
