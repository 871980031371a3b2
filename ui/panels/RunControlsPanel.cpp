// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/RunControlsPanel.h"
#include "ui/panels/FocusedWheel.h"
#include "ui/panels/ScientificSpinBox.h"

#include "ui/models/ParameterNames.h"

#include "core/base/ResourcePaths.h"
#include "core/model/ParameterTable.h"
#include "core/model/VenueProfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace levex::ui {

namespace {

constexpr double kVenue = -1.0; // a spin box at its minimum shows "venue" and means the venue's value
// The app opens with a -5 % shock rather than the table's neutral 0, so a book shows a cascade at
// once; it is a starting point for exploring, not a default of the model.
constexpr double kStartShockPercent = -5.0;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// A pool's fee box at its minimum means "the kind's usual fee" (amm_fee not given), one step
// below 0 %: the box shows the fee in per cent.
constexpr double kUsualFeePercent = -0.001;

QString label_of(const std::string& key) {
    return RunControlsPanel::tr(parameter(key).label.c_str());
}

// The tooltip of a parameter: its doc, unit and default, and where the default comes from.
QString tip(const std::string& key) {
    const ParameterSpec& spec = parameter(key);
    QString doc = QString::fromStdString(spec.doc);
    if (!doc.isEmpty())
        doc[0] = doc[0].toUpper();
    QString text = doc + QLatin1Char('.');
    if (!spec.unit.empty())
        text += QLatin1Char('\n') + RunControlsPanel::tr("Unit: %1").arg(QString::fromStdString(spec.unit));
    if (const std::string shown = default_text(spec); !shown.empty())
        text += QLatin1Char('\n') + RunControlsPanel::tr("Default: %1").arg(QString::fromStdString(shown));
    if (spec.basis == DefaultBasis::Assumption)
        text += RunControlsPanel::tr(" (a user assumption: %1)").arg(QString::fromStdString(spec.source));
    else if (spec.basis == DefaultBasis::Cited)
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(spec.source));
    return text;
}

// The text a control gives a value it cannot hold, for "not applied" reports.
QString outside(const std::string& key, double value) {
    return RunControlsPanel::tr("%1 %2 (outside the control's range)").arg(label_of(key)).arg(value);
}

// The keys the panel holds in a control of its own or reports by name in setParameters(), beside
// its number boxes.
bool shown_or_reported(const std::string& key) {
    static const std::set<std::string> keys = {"shock_steps",
                                               "depth_model",
                                               "depth_quote_per_pct",
                                               "depth_quote_within_1pct",
                                               "book_file",
                                               "half_life_s",
                                               "steps",
                                               "mark_passthrough",
                                               "fee",
                                               "fund",
                                               "student_nu",
                                               "seed",
                                               "bins",
                                               "price_series_file",
                                               "symbol",
                                               "mark",
                                               "mmr_scale",
                                               "depth_scale",
                                               "withdrawal",
                                               "sell",
                                               "buy",
                                               "amm_kind",
                                               "amm_base_reserve",
                                               "amm_quote_reserve",
                                               "amm_fee",
                                               "amm_amplification"};
    return keys.count(key) > 0 || key.rfind("jump_", 0) == 0;
}

// What a scenario sets that no control of the panel holds (an outside order, withdrawal settings,
// a pool): named, so that the app never runs something else without a word.
QStringList without_control(const RunParameters& wanted, const RunParameters& held,
                            const std::set<std::string>& number_keys) {
    QStringList out;
    for (const std::string& key : changed_parameters(wanted, held)) {
        if (shown_or_reported(key) || number_keys.count(key) > 0)
            continue;
        out << RunControlsPanel::tr("%1 %2 (no control holds it here; the default is used)")
                   .arg(label_of(key), QString::fromStdString(value_text(wanted, parameter(key))));
    }
    return out;
}

// A word-wrapped label that gives layouts a minimum height (its lines at its width) instead of a
// height for width: the scroll area around the panel sizes it by height for width, which
// QFormLayout gets wrong around hidden rows (the pool's, the depth boxes), squeezing rows out of
// sight.
class WrappedLabel : public QLabel {
public:
    WrappedLabel() { setWordWrap(true); }
    bool hasHeightForWidth() const override { return false; }
    void setNote(const QString& text) {
        setText(text);
        fit();
    }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QLabel::resizeEvent(event);
        fit();
    }

private:
    void fit() {
        const int height = text().isEmpty() ? 0 : heightForWidth(width());
        if (height != minimumHeight())
            setMinimumHeight(height);
    }
};

} // namespace

QDoubleSpinBox* RunControlsPanel::numberBox(const std::string& key, double scale, int decimals, const QString& suffix) {
    const ParameterSpec& spec = parameter(key);
    auto* box = new ScientificSpinBox; // "1e9" reads as a billion
    box->setRange(spec.typical_lo * scale, spec.typical_hi * scale);
    box->setDecimals(decimals);
    const double value = number_value(RunParameters{}, spec);
    box->setValue(std::isnan(value) ? box->minimum() : value * scale);
    box->setSuffix(suffix);
    box->setToolTip(tip(key));
    box->setKeyboardTracking(false); // typing a number runs once, not per keystroke
    connect(box, &QDoubleSpinBox::valueChanged, this, &RunControlsPanel::edited);
    return box;
}

QSpinBox* RunControlsPanel::wholeBox(const std::string& key, int low, int high) {
    const ParameterSpec& spec = parameter(key);
    auto* box = new QSpinBox;
    box->setRange(std::max(low, int(spec.typical_lo)), std::min(high, int(spec.typical_hi)));
    box->setValue(int(whole_value(RunParameters{}, spec)));
    box->setToolTip(tip(key));
    box->setKeyboardTracking(false);
    connect(box, &QSpinBox::valueChanged, this, &RunControlsPanel::edited);
    return box;
}

QWidget* RunControlsPanel::withProblem(QWidget* field, const std::vector<std::string>& keys) {
    auto* layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field);
    return withProblem(layout, keys);
}

QWidget* RunControlsPanel::withProblem(QLayout* field, const std::vector<std::string>& keys) {
    auto* cell = new QWidget;
    auto* layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(field);
    auto* problem = new WrappedLabel;
    problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem->hide();
    layout->addWidget(problem);
    for (const std::string& key : keys)
        problems_[key] = problem;
    return cell;
}

RunControlsPanel::RunControlsPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form_ = form;
    general_problem_ = new WrappedLabel;
    general_problem_->setStyleSheet(QStringLiteral("color: #b00020;"));
    general_problem_->hide();
    form->addRow(general_problem_);
    buildMarket(form);
    buildLending(form);
    buildShock(form);
    buildDepth(form);
    buildResilience(form);
    buildAdvanced(form);
    take_wheel_only_when_focused(this);
    showDepthModel();
    built_ = true; // from here on an edit is checked (the controls set their first values above)
}

void RunControlsPanel::buildMarket(QFormLayout* form) {
    venue_ = new QComboBox;
    venue_->setObjectName("venue");
    for (const std::string& name : list_venue_profiles(venue_dir()))
        venue_->addItem(QString::fromStdString(name));
    venue_->setCurrentText("generic");
    venue_->setToolTip(tr("Exchange rules: margin tiers, maintenance basis, execution (resources/venues)"));
    connect(venue_, &QComboBox::currentTextChanged, this, &RunControlsPanel::edited);
    symbol_ = new QComboBox;
    symbol_->setObjectName("symbol");
    symbol_->setToolTip(tip("symbol"));
    connect(symbol_, &QComboBox::currentTextChanged, this, [this] {
        if (symbol_->count() > 0)
            edited();
    });
    mark_ = numberBox("mark", 1.0, 2, QString());
    mark_->setSpecialValueText(tr("book's mark"));
    leverage_ = numberBox("leverage_mult", 1.0, 2, QStringLiteral("×"));
    leverage_->setObjectName("leverage");
    leverage_->setSingleStep(0.25);
    numbers_.push_back({"leverage_mult", leverage_, 1.0});
    form->addRow(tr("Venue"), withProblem(venue_, {"venue"}));
    form->addRow(label_of("symbol"), withProblem(symbol_, {"symbol"}));
    form->addRow(label_of("mark"), withProblem(mark_, {"mark"}));
    form->addRow(label_of("leverage_mult"), withProblem(leverage_, {"leverage_mult", "mmr_scale"}));
}

void RunControlsPanel::buildShock(QFormLayout* form) {
    shock_ = numberBox("shock", 100.0, 1, QStringLiteral(" %")); // shown in percent
    shock_->setObjectName("shock");
    shock_->setSingleStep(0.5);
    shock_->setValue(kStartShockPercent);
    numbers_.push_back({"shock", shock_, 100.0});
    // The slider moves in half per cents (a drag lands on -5 % or -7.5 %, not -7.3 %), the arrow
    // keys by 0.5 %, page keys by 5 %; the box takes any tenth.
    shock_slider_ = new QSlider(Qt::Horizontal);
    shock_slider_->setObjectName("shockSlider");
    shock_slider_->setRange(int(shock_->minimum() * 2), int(shock_->maximum() * 2));
    shock_slider_->setPageStep(10);
    shock_slider_->setValue(int(std::lround(kStartShockPercent * 2)));
    connect(shock_slider_, &QSlider::valueChanged, this, [this](int v) { shock_->setValue(v / 2.0); });
    connect(shock_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(shock_slider_);
        shock_slider_->setValue(int(std::lround(v * 2)));
    });
    shock_steps_ = wholeBox("shock_steps", 0, std::numeric_limits<int>::max());
    shock_steps_->setSpecialValueText(tr("at once"));
    shock_steps_->setSuffix(tr(" steps"));
    // An outside market order beside the shock, walking the same depth as forced orders.
    order_ = numberBox("sell", 1.0, 4, tr(" base"));
    order_->setObjectName("order");
    order_->setSpecialValueText(tr("none"));
    order_->setToolTip(tip("sell") + "\n\n" + tip("buy"));
    order_side_ = new QComboBox;
    order_side_->setObjectName("orderSide");
    order_side_->addItem(tr("sell"));
    order_side_->addItem(tr("buy"));
    order_side_->setToolTip(order_->toolTip());
    connect(order_side_, &QComboBox::currentIndexChanged, this, &RunControlsPanel::edited);
    auto* order_row = new QHBoxLayout;
    order_row->setContentsMargins(0, 0, 0, 0);
    order_row->addWidget(order_side_);
    order_row->addWidget(order_, 1);
    form->addRow(label_of("shock"), withProblem(shock_, {"shock"}));
    form->addRow(shock_slider_);
    form->addRow(tr("Sell / buy order"), withProblem(order_row, {"sell", "buy"}));
    form->addRow(label_of("shock_steps"), withProblem(shock_steps_, {"shock_steps"}));
}

QLayout* RunControlsPanel::fileRow(QLineEdit*& edit, const QString& placeholder, const QString& title,
                                   const QString& filter, bool clearable) {
    edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    edit->setReadOnly(true);
    auto* choose = new QPushButton(tr("Choose…"));
    QLineEdit* target = edit;
    connect(choose, &QPushButton::clicked, this, [this, target, title, filter] { chooseFile(target, title, filter); });
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    row->addWidget(choose);
    if (clearable) {
        auto* clear = new QPushButton(tr("Clear"));
        connect(clear, &QPushButton::clicked, this, [this, target] {
            target->clear();
            edited();
        });
        row->addWidget(clear);
    }
    return row;
}

void RunControlsPanel::buildDepth(QFormLayout* form) {
    const RunParameters d;
    depth_model_ = new QComboBox;
    depth_model_->setObjectName("depthModel");
    depth_model_->addItem(tr("V-shaped (square root)"), int(DepthModel::VShaped));
    depth_model_->addItem(tr("Flat (linear)"), int(DepthModel::Flat));
    depth_model_->addItem(tr("L2 order book file"), int(DepthModel::L2Book));
    depth_model_->addItem(tr("Power law"), int(DepthModel::PowerLaw));
    depth_model_->addItem(tr("AMM pool"), int(DepthModel::Amm));
    depth_model_->setToolTip(tip("depth_model"));
    depth_ = numberBox("depth_quote_within_1pct", 1e-6, 1, tr(" M USD")); // shown in millions
    depth_->setObjectName("depth_quote_within_1pct");
    depth_->setToolTip(tip("depth_quote_within_1pct") + "\n\n" + tip("depth_quote_per_pct"));
    QLayout* book_row = fileRow(book_file_, tr("side,price,size CSV"), tr("L2 order book"),
                                tr("CSV files (*.csv);;All files (*)"), false);
    book_file_->setToolTip(tip("book_file"));
    book_file_->setEnabled(false);
    depth_exponent_ = numberBox("depth_exponent", 1.0, 2, QString());
    depth_exponent_->setObjectName("depthExponent");
    depth_exponent_->setSingleStep(0.05);
    depth_exponent_->setEnabled(false);
    numbers_.push_back({"depth_exponent", depth_exponent_, 1.0});
    connect(depth_model_, &QComboBox::currentIndexChanged, this, [this, d] {
        const auto model = DepthModel(depth_model_->currentData().toInt());
        showDepthModel();
        const QSignalBlocker block(depth_);
        depth_->setValue((model == DepthModel::Flat ? d.depth_quote_per_pct : d.depth_quote_within_1pct) / 1e6);
        edited();
    });
    form->addRow(label_of("depth_model"), withProblem(depth_model_, {"depth_model"}));
    buildPool(form);
    form->addRow(label_of("depth_quote_within_1pct"),
                 withProblem(depth_, {"depth_quote_per_pct", "depth_quote_within_1pct", "depth_scale", "metaorder_y",
                                      "metaorder_sigma_daily", "metaorder_adv_quote"}));
    form->addRow(label_of("depth_exponent"), withProblem(depth_exponent_, {"depth_exponent"}));
    form->addRow(label_of("book_file"), withProblem(book_row, {"book_file"}));
    withdrawal_ = new QCheckBox(tr("on (off: a static book)"));
    withdrawal_->setObjectName("withdrawal");
    withdrawal_->setChecked(d.withdrawal);
    withdrawal_->setToolTip(tip("withdrawal"));
    connect(withdrawal_, &QCheckBox::toggled, this, [this] {
        showDepthModel();
        edited();
    });
    form->addRow(label_of("withdrawal"), withProblem(withdrawal_, {"withdrawal"}));
    market_notice_ = new WrappedLabel;
    market_notice_->setObjectName("marketNotice");
    market_notice_->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    market_notice_->hide();
    form->addRow(market_notice_);
}

// The pool of the amm depth model (docs/liquidity.md §4): its rows show only when it is chosen.
void RunControlsPanel::buildPool(QFormLayout* form) {
    pool_kind_ = new QComboBox;
    pool_kind_->setObjectName("poolKind");
    pool_kind_->addItem(tr("constant product (Uniswap v2)"), int(AmmKind::ConstantProduct));
    pool_kind_->addItem(tr("StableSwap (Curve, 2 coins)"), int(AmmKind::StableSwap));
    pool_kind_->setToolTip(tip("amm_kind"));
    connect(pool_kind_, &QComboBox::currentIndexChanged, this, [this] {
        showDepthModel();
        edited();
    });
    // Reserves and A have no default: 0 shows "none" and the check says what the pool needs.
    auto given = [this](const std::string& key, int decimals, const QString& suffix, const char* name) {
        QDoubleSpinBox* box = numberBox(key, 1.0, decimals, suffix);
        box->setObjectName(name);
        box->setMinimum(0.0);
        box->setValue(0.0);
        box->setSpecialValueText(tr("none"));
        return box;
    };
    pool_a_ = given("amm_amplification", 2, QString(), "poolA");
    pool_base_ = given("amm_base_reserve", 4, tr(" base"), "poolBase");
    pool_quote_ = given("amm_quote_reserve", 4, tr(" quote"), "poolQuote");
    pool_fee_ = numberBox("amm_fee", 100.0, 3, QStringLiteral(" %")); // in per cent, 0.300 % = 0.003
    pool_fee_->setObjectName("poolFee");
    pool_fee_->setMinimum(kUsualFeePercent);
    pool_fee_->setValue(kUsualFeePercent);
    pool_fee_->setSingleStep(0.01);
    pool_fee_->setSpecialValueText(tr("the kind's usual"));
    for (QDoubleSpinBox* box : {pool_base_, pool_quote_})
        box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("000000000.0000 quote")));
    const std::pair<const char*, QWidget*> rows[] = {{"amm_kind", pool_kind_},
                                                     {"amm_amplification", pool_a_},
                                                     {"amm_fee", pool_fee_},
                                                     {"amm_base_reserve", pool_base_},
                                                     {"amm_quote_reserve", pool_quote_}};
    for (const auto& [key, field] : rows) {
        QWidget* cell = withProblem(field, {key});
        form->addRow(label_of(key), cell);
        pool_rows_.push_back(cell);
    }
}

void RunControlsPanel::showDepthModel() {
    const auto model = DepthModel(depth_model_->currentData().toInt());
    const bool pool = model == DepthModel::Amm;
    depth_->setEnabled(model != DepthModel::L2Book && !pool);
    book_file_->setEnabled(model == DepthModel::L2Book);
    depth_exponent_->setEnabled(model == DepthModel::PowerLaw);
    for (QWidget* row : pool_rows_)
        form_->setRowVisible(row, pool);
    pool_a_->setEnabled(AmmKind(pool_kind_->currentData().toInt()) == AmmKind::StableSwap);
    // The depth boxes say nothing about a pool: hidden while it is chosen, to keep the panel short.
    form_->setRowVisible(depth_->parentWidget(), !pool);
    form_->setRowVisible(depth_exponent_->parentWidget(), !pool);
    form_->setRowVisible(book_file_->parentWidget(), !pool);
    // A pool does not withdraw (docs/liquidity.md §4); its half-life is the arbitrage's.
    withdrawal_->setEnabled(!pool);
    const bool withdrawing = withdrawal_->isChecked() && !pool;
    for (QWidget* box : {static_cast<QWidget*>(withdrawal_scale_), static_cast<QWidget*>(withdrawal_exponent_),
                         static_cast<QWidget*>(withdrawal_never_)})
        box->setEnabled(withdrawing);
    withdrawal_half_life_->setEnabled(withdrawing && !withdrawal_never_->isChecked());
    half_life_label_->setText(pool ? tr("Arbitrage half-life") : label_of("half_life_s"));
    permanent_->setText(pool ? tr("no arbitrage") : tr("permanent"));
    permanent_->setToolTip(pool ? tr("Nothing pulls the pool's price back toward the index (half-life infinite)")
                                : tr("Consumed depth never refills (half-life infinite)"));
    half_life_->setToolTip(pool ? tr("For a pool: the gap between the pool's price and the index halves in this "
                                     "time, as arbitrageurs trade it back; no arbitrage = inf.") +
                                      "\n\n" + tip("amm_kind")
                                : tip("half_life_s"));
}

void RunControlsPanel::buildResilience(QFormLayout* form) {
    half_life_ = numberBox("half_life_s", 1.0, 0, tr(" s"));
    numbers_.push_back({"half_life_s", half_life_, 1.0});
    permanent_ = new QCheckBox(tr("permanent"));
    permanent_->setToolTip(tr("Consumed depth never refills (half-life infinite)"));
    permanent_->setObjectName("permanent");
    connect(permanent_, &QCheckBox::toggled, this, [this](bool on) {
        half_life_->setEnabled(!on);
        edited();
    });
    auto* half_life_row = new QHBoxLayout;
    half_life_row->setContentsMargins(0, 0, 0, 0);
    half_life_row->addWidget(half_life_, 1);
    half_life_row->addWidget(permanent_);
    steps_ = wholeBox("steps", 1, std::numeric_limits<int>::max());
    steps_->setSuffix(tr(" steps"));
    half_life_->setObjectName("halfLife");
    half_life_label_ = new QLabel(label_of("half_life_s"));
    form->addRow(half_life_label_, withProblem(half_life_row, {"half_life_s"}));
    form->addRow(label_of("steps"), withProblem(steps_, {"steps"}));
}

void RunControlsPanel::buildAdvanced(QFormLayout* form) {
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
    auto plain = [&](const std::string& key, int decimals, const QString& suffix) {
        QDoubleSpinBox* box = numberBox(key, 1.0, decimals, suffix);
        numbers_.push_back({key, box, 1.0});
        more->addRow(label_of(key), withProblem(box, {key}));
    };
    auto from_venue = [&](const std::string& key, int decimals, const QString& suffix) {
        QDoubleSpinBox* box = numberBox(key, 1.0, decimals, suffix);
        box->setMinimum(kVenue);
        box->setValue(kVenue);
        box->setSpecialValueText(tr("venue"));
        more->addRow(label_of(key), withProblem(box, {key}));
        return box;
    };
    buildWithdrawalSettings(more);
    plain("step_seconds", 3, tr(" s"));
    plain("permanent_fraction", 2, QString());
    mark_passthrough_ = from_venue("mark_passthrough", 2, QString());
    fee_ = from_venue("fee", 4, QString());
    fund_ = from_venue("fund", 0, tr(" USD"));
    // In percent, like the shock (one convention for every fraction of price the panel shows).
    QDoubleSpinBox* vol = numberBox("vol", 100.0, 3, QStringLiteral(" %"));
    vol->setObjectName("vol");
    numbers_.push_back({"vol", vol, 100.0});
    more->addRow(label_of("vol"), withProblem(vol, {"vol"}));
    student_nu_ = numberBox("student_nu", 1.0, 1, QString());
    student_nu_->setSpecialValueText(tr("normal"));
    more->addRow(label_of("student_nu"), withProblem(student_nu_, {"student_nu"}));
    seed_ = wholeBox("seed", 0, std::numeric_limits<int>::max());
    more->addRow(label_of("seed"), withProblem(seed_, {"seed", "jump_rate", "jump_mean", "jump_stdev"}));
    bins_ = wholeBox("bins", 2, std::numeric_limits<int>::max());
    more->addRow(label_of("bins"), withProblem(bins_, {"bins"}));
    QLayout* series_row = fileRow(series_file_, tr("none: use the shock"), tr("Price series"),
                                  tr("Kline CSV (*.csv);;All files (*)"), true);
    series_file_->setToolTip(tip("price_series_file"));
    more->addRow(label_of("price_series_file"), withProblem(series_row, {"price_series_file"}));
    form->addRow(advanced_);
}

// Stress withdrawal's three settings (docs/liquidity.md §3), enabled while it is on; their
// defaults are RunParameters'.
void RunControlsPanel::buildWithdrawalSettings(QFormLayout* more) {
    auto box = [&](const std::string& key, int decimals, const QString& suffix, const char* name) {
        QDoubleSpinBox* b = numberBox(key, 1.0, decimals, suffix);
        b->setObjectName(name);
        numbers_.push_back({key, b, 1.0});
        return b;
    };
    withdrawal_scale_ = box("withdrawal_flow_scale", 2, tr(" depths"), "withdrawalFlowScale");
    withdrawal_exponent_ = box("withdrawal_exponent", 2, QString(), "withdrawalExponent");
    withdrawal_half_life_ = box("withdrawal_half_life_s", 0, tr(" s"), "withdrawalHalfLife");
    withdrawal_never_ = new QCheckBox(tr("never"));
    withdrawal_never_->setObjectName("withdrawalNever");
    withdrawal_never_->setToolTip(tr("The remembered flow never halves: withdrawn depth never comes back (inf)"));
    connect(withdrawal_never_, &QCheckBox::toggled, this, [this] {
        showDepthModel();
        edited();
    });
    auto* half_life_row = new QHBoxLayout;
    half_life_row->setContentsMargins(0, 0, 0, 0);
    half_life_row->addWidget(withdrawal_half_life_, 1);
    half_life_row->addWidget(withdrawal_never_);
    more->addRow(label_of("withdrawal_flow_scale"), withProblem(withdrawal_scale_, {"withdrawal_flow_scale"}));
    more->addRow(label_of("withdrawal_exponent"), withProblem(withdrawal_exponent_, {"withdrawal_exponent"}));
    more->addRow(label_of("withdrawal_half_life_s"), withProblem(half_life_row, {"withdrawal_half_life_s"}));
}

void RunControlsPanel::chooseFile(QLineEdit* target, const QString& title, const QString& filter) {
    const QString path = QFileDialog::getOpenFileName(this, title, QString(), filter);
    if (path.isEmpty())
        return;
    if (target == book_file_)
        return setL2BookFile(path);
    target->setText(path);
    edited();
}

void RunControlsPanel::setL2BookFile(const QString& path) {
    book_file_->setText(path);
    {
        const QSignalBlocker block(depth_model_);
        depth_model_->setCurrentIndex(depth_model_->findData(int(DepthModel::L2Book)));
    }
    showDepthModel();
    edited();
}

RunParameters RunControlsPanel::parameters() const {
    RunParameters p; // the table's defaults for what no control holds
    for (const NumberControl& c : numbers_)
        set_number_value(p, parameter(c.key), c.box->value() / c.scale);
    p.shock_steps = std::size_t(shock_steps_->value());
    (order_side_->currentIndex() == 1 ? p.buy : p.sell) = order_->value();
    p.depth_model = DepthModel(depth_model_->currentData().toInt());
    if (p.depth_model == DepthModel::Flat)
        p.depth_quote_per_pct = depth_->value() * 1e6;
    else
        p.depth_quote_within_1pct = depth_->value() * 1e6;
    p.book_file = book_file_->text().toStdString();
    if (p.depth_model == DepthModel::L2Book && p.book_file.empty())
        p.depth_model = DepthModel::VShaped; // no file chosen yet
    p.withdrawal = withdrawal_->isChecked();
    if (withdrawal_never_->isChecked())
        p.withdrawal_half_life_s = std::numeric_limits<double>::infinity();
    p.amm_kind = AmmKind(pool_kind_->currentData().toInt());
    auto given = [](const QDoubleSpinBox* box) { return box->value() > 0 ? box->value() : kNaN; };
    p.amm_amplification = given(pool_a_);
    p.amm_base_reserve = given(pool_base_);
    p.amm_quote_reserve = given(pool_quote_);
    p.amm_fee = pool_fee_->value() == kUsualFeePercent ? kNaN : pool_fee_->value() / 100.0;
    if (permanent_->isChecked())
        p.half_life_s = std::numeric_limits<double>::infinity();
    p.steps = std::size_t(steps_->value());
    p.mark_passthrough = mark_passthrough_->value() == kVenue ? kNaN : mark_passthrough_->value();
    p.fee = fee_->value() == kVenue ? kNaN : fee_->value();
    p.fund = fund_->value() == kVenue ? kNaN : fund_->value();
    p.student_nu = student_nu_->value() > 2.0 ? student_nu_->value() : 0.0;
    p.seed = std::uint64_t(seed_->value());
    p.bins = std::size_t(bins_->value());
    p.price_series_file = series_file_->text().toStdString();
    p.symbol = symbol_->currentText().toStdString();
    p.mark = mark_->value() > 0 ? mark_->value() : kNaN;
    if (lending_)
        p.protocol = protocol_->currentText().toStdString();
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
    settings.setValue("run/depthExponent", depth_exponent_->value());
    settings.setValue("run/bookFile", book_file_->text());
    settings.setValue("run/poolKind", pool_kind_->currentIndex());
    settings.setValue("run/poolA", pool_a_->value());
    settings.setValue("run/poolFee", pool_fee_->value());
    settings.setValue("run/poolBase", pool_base_->value());
    settings.setValue("run/poolQuote", pool_quote_->value());
    settings.setValue("run/withdrawal", withdrawal_->isChecked());
    settings.setValue("run/withdrawalFlowScale", withdrawal_scale_->value());
    settings.setValue("run/withdrawalExponent", withdrawal_exponent_->value());
    settings.setValue("run/withdrawalHalfLife", withdrawal_half_life_->value());
    settings.setValue("run/withdrawalNever", withdrawal_never_->isChecked());
    settings.setValue("run/halfLife", half_life_->value());
    settings.setValue("run/permanent", permanent_->isChecked());
    settings.setValue("run/steps", steps_->value());
}

QStringList RunControlsPanel::restore(const QSettings& settings) {
    QStringList not_restored;
    {
        const QSignalBlocker block(this); // one run after everything is in place, not one per control
        if (settings.contains("run/venue"))
            venue_->setCurrentText(settings.value("run/venue").toString());
        leverage_->setValue(settings.value("run/leverage", leverage_->value()).toDouble());
        shock_->setValue(settings.value("run/shock", shock_->value()).toDouble());
        auto number = [&settings](QDoubleSpinBox* box, const char* name) {
            box->setValue(settings.value(name, box->value()).toDouble());
        };
        int model = settings.value("run/depthModel", 0).toInt();
        const QString book = settings.value("run/bookFile").toString();
        if (model == depth_model_->findData(int(DepthModel::L2Book))) { // never a file that is gone, silently
            if (book.isEmpty())
                not_restored << tr("the L2 order book file was not saved; the V-shaped book is used");
            else if (!QFileInfo::exists(book))
                not_restored << tr("the L2 order book %1 is gone; the V-shaped book is used").arg(book);
            else
                book_file_->setText(book);
            if (book_file_->text().isEmpty())
                model = 0;
        }
        pool_kind_->setCurrentIndex(settings.value("run/poolKind", pool_kind_->currentIndex()).toInt());
        number(pool_a_, "run/poolA");
        number(pool_fee_, "run/poolFee");
        number(pool_base_, "run/poolBase");
        number(pool_quote_, "run/poolQuote");
        depth_model_->setCurrentIndex(model >= 0 && model < depth_model_->count() ? model : 0);
        number(depth_, "run/depth");
        number(depth_exponent_, "run/depthExponent");
        withdrawal_->setChecked(settings.value("run/withdrawal", withdrawal_->isChecked()).toBool());
        number(withdrawal_scale_, "run/withdrawalFlowScale");
        number(withdrawal_exponent_, "run/withdrawalExponent");
        number(withdrawal_half_life_, "run/withdrawalHalfLife");
        withdrawal_never_->setChecked(settings.value("run/withdrawalNever", false).toBool());
        number(half_life_, "run/halfLife");
        permanent_->setChecked(settings.value("run/permanent", false).toBool());
        steps_->setValue(settings.value("run/steps", steps_->value()).toInt());
        showDepthModel();
    }
    check(); // a pool restored without its reserves says so beside them
    return not_restored;
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
        for (const NumberControl& c : numbers_) {
            const double value = number_value(p, parameter(c.key)) * c.scale;
            if (std::isfinite(value) && (value < c.box->minimum() || value > c.box->maximum()))
                not_shown << outside(c.key, value / c.scale);
            else if (std::isfinite(value))
                c.box->setValue(value);
        }
        mark_->setValue(std::isnan(p.mark) ? 0.0 : p.mark);
        const bool buys = p.buy > 0 && p.sell == 0;
        const double order = buys ? p.buy : p.sell;
        if (order > order_->maximum())
            not_shown << outside(buys ? "buy" : "sell", order);
        if (p.buy > 0 && p.sell > 0) // one order at a time, as the run takes it
            not_shown << tr("a purchase of %1 base beside the sale (the sale is used)").arg(p.buy);
        order_side_->setCurrentIndex(buys ? 1 : 0);
        order_->setValue(std::min(order, order_->maximum()));
        shock_steps_->setValue(int(std::min<std::size_t>(p.shock_steps, std::size_t(shock_steps_->maximum()))));
        DepthModel model = p.depth_model;
        if (depth_model_->findData(int(model)) < 0) { // no control for it yet: say so, never drop it silently
            not_shown << tr("the %1 depth model (the V-shaped book is used)")
                             .arg(QString::fromLatin1(depth_model_name(model)));
            model = DepthModel::VShaped;
        }
        depth_model_->setCurrentIndex(std::max(0, depth_model_->findData(int(model))));
        depth_->setValue((model == DepthModel::Flat ? p.depth_quote_per_pct : p.depth_quote_within_1pct) / 1e6);
        book_file_->setText(QString::fromStdString(p.book_file));
        withdrawal_->setChecked(p.withdrawal);
        withdrawal_never_->setChecked(std::isinf(p.withdrawal_half_life_s));
        setPool(p, not_shown);
        permanent_->setChecked(std::isinf(p.half_life_s));
        if (p.steps > std::size_t(steps_->maximum()))
            not_shown << outside("steps", double(p.steps));
        steps_->setValue(int(std::min<std::size_t>(p.steps, std::size_t(steps_->maximum()))));
        mark_passthrough_->setValue(std::isnan(p.mark_passthrough) ? kVenue : p.mark_passthrough);
        fee_->setValue(std::isnan(p.fee) ? kVenue : p.fee);
        if (std::isinf(p.fund))
            not_shown << tr("an unlimited fund set by the scenario (the venue's fund is used)");
        fund_->setValue(std::isnan(p.fund) || std::isinf(p.fund) ? kVenue : p.fund);
        student_nu_->setValue(p.student_nu);
        seed_->setValue(int(std::min<std::uint64_t>(p.seed, std::uint64_t(seed_->maximum()))));
        if (p.seed > std::uint64_t(seed_->maximum()))
            not_shown << tr("seed %1 (above the largest the box holds)").arg(qulonglong(p.seed));
        if (p.bins < std::size_t(bins_->minimum()) || p.bins > std::size_t(bins_->maximum()))
            not_shown << outside("bins", double(p.bins));
        else
            bins_->setValue(int(p.bins));
        series_file_->setText(QString::fromStdString(p.price_series_file));
        if (p.mmr_scale != 1.0)
            not_shown << tr("maintenance scale ×%1").arg(p.mmr_scale);
        if (p.depth_scale != 1.0)
            not_shown << tr("depth scale ×%1").arg(p.depth_scale);
        if (p.jump_rate > 0)
            not_shown << tr("jumps");
    }
    showDepthModel();
    std::set<std::string> number_keys;
    for (const NumberControl& c : numbers_)
        number_keys.insert(c.key);
    not_shown << without_control(p, parameters(), number_keys);
    check(); // a problem of the scenario shows beside its control
    return not_shown;
}

void RunControlsPanel::setPool(const RunParameters& p, QStringList& not_shown) {
    pool_kind_->setCurrentIndex(std::max(0, pool_kind_->findData(int(p.amm_kind))));
    auto given = [&](QDoubleSpinBox* box, const char* key, double value) {
        if (std::isnan(value))
            box->setValue(0.0); // "none"
        else if (value < box->minimum() || value > box->maximum())
            not_shown << outside(key, value);
        else
            box->setValue(value);
    };
    given(pool_a_, "amm_amplification", p.amm_amplification);
    given(pool_base_, "amm_base_reserve", p.amm_base_reserve);
    given(pool_quote_, "amm_quote_reserve", p.amm_quote_reserve);
    if (std::isnan(p.amm_fee))
        pool_fee_->setValue(kUsualFeePercent);
    else if (p.amm_fee * 100.0 > pool_fee_->maximum())
        not_shown << outside("amm_fee", p.amm_fee);
    else
        pool_fee_->setValue(p.amm_fee * 100.0);
}

void RunControlsPanel::showMarketNotice(const QString& notice) {
    static_cast<WrappedLabel*>(market_notice_)->setNote(notice.isEmpty() ? QString() : tr("Notice: %1").arg(notice));
    market_notice_->setVisible(!notice.isEmpty());
}

QString RunControlsPanel::marketNotice() const {
    return market_notice_->isHidden() ? QString() : market_notice_->text();
}

void RunControlsPanel::setShockAndLeverage(double shock, double leverage_mult) {
    {
        const QSignalBlocker block(this);
        leverage_->setValue(leverage_mult);
    }
    shock_->setValue(std::round(shock * 1000.0) / 10.0); // tenths of a percent, as the box shows
    edited();
}

void RunControlsPanel::showProblem(const QString& key, const QString& message) {
    const auto it = problems_.find(key.toStdString());
    QLabel* label = it != problems_.end() ? it->second : general_problem_;
    static_cast<WrappedLabel*>(label)->setNote(message);
    label->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        emit notRun(message);
}

QString RunControlsPanel::problemShown(const QString& key) const {
    const auto it = problems_.find(key.toStdString());
    const QLabel* label = it != problems_.end() ? it->second : general_problem_;
    return label->isHidden() ? QString() : label->text();
}

bool RunControlsPanel::check() {
    if (!built_)
        return false;
    for (auto& [key, label] : problems_)
        label->hide();
    general_problem_->hide();
    const auto problem = check_run_parameters(parameters());
    if (!problem)
        return true;
    showProblem(QString::fromStdString(problem->key), phrase_problem(*problem));
    return false;
}

void RunControlsPanel::edited() {
    if (check())
        emit changed();
}

} // namespace levex::ui
