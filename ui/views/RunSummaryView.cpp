// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/RunSummaryView.h"

#include "ui/views/LiquidationMapView.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace levex::ui {

namespace {

// A fall (the shock's sign; with no shock, the larger of the two moves).
bool moved_down(const RunSummary& s, const RunParameters& p) {
    if (p.shock != 0 && p.price_series_file.empty())
        return p.shock < 0;
    return std::abs(std::log(s.min_price / s.start_price)) >= std::abs(std::log(s.max_price / s.start_price));
}

double extreme_of(const RunSummary& s, const RunParameters& p) {
    return moved_down(s, p) ? s.min_price : s.max_price;
}

// −5.0 %, +2.0 %: a typographic minus, and a plus for rises.
QString signed_percent(double fraction, const QLocale& locale) {
    const QString number = locale.toString(std::abs(fraction) * 100, 'f', 1);
    return (fraction < 0 ? QStringLiteral("−") : QStringLiteral("+")) + number + QStringLiteral(" %");
}

QString price(double p, const QLocale& locale) {
    return locale.toString(p, 'f', p >= 1000 ? 0 : 2);
}

QString money(double x, const QLocale& locale) {
    return format_money(x, locale) + QStringLiteral(" USD");
}

// The extreme price is P* up to rounding (within 0.1 %).
bool reaches_exhaustion(const RunSummary& s, const RunParameters& p) {
    return s.exhaustion_price > 0 && std::abs(std::log(extreme_of(s, p) / s.exhaustion_price)) < 1e-3;
}

} // namespace

QString run_headline(const RunSummary& s, const RunParameters& p, const QLocale& locale) {
    const double extreme = extreme_of(s, p);
    QString text = QStringLiteral("%1 → %2: ").arg(price(s.start_price, locale), price(extreme, locale));
    if (p.shock != 0 && p.price_series_file.empty()) {
        const double shocked = s.start_price * (1.0 + p.shock);
        text += QObject::tr("%1 shock + %2 cascade")
                    .arg(signed_percent(p.shock, locale), signed_percent(extreme / shocked - 1.0, locale));
    } else {
        text += QObject::tr("%1 move").arg(signed_percent(extreme / s.start_price - 1.0, locale));
    }
    text += QObject::tr("; %1 liquidated (%2 positions, %3 % of OI)")
                .arg(money(s.liquidated_notional_long + s.liquidated_notional_short, locale),
                     locale.toString(qulonglong(s.liquidated_count)),
                     locale.toString(s.liquidated_share_of_oi * 100, 'f', 1));
    if (reaches_exhaustion(s, p))
        text += QObject::tr("; exhausted at %1").arg(price(s.exhaustion_price, locale));
    else
        text += QObject::tr("; exhaustion bound P* %1 not reached").arg(price(s.exhaustion_price, locale));
    if (s.price_floor_hit)
        text += QObject::tr("; the price floor was reached");
    return text;
}

QString exhaustion_note(const RunSummary& s, const RunParameters& p, const QLocale& locale) {
    if (reaches_exhaustion(s, p))
        return {};
    QStringList differences;
    if (p.shock_steps > 1)
        differences << QObject::tr("the shock is spread over %1 steps").arg(p.shock_steps);
    if (p.vol > 0 || p.jump_rate > 0 || !p.price_series_file.empty())
        differences << QObject::tr("the index follows a random or replayed path");
    if (!std::isinf(p.half_life_s))
        differences << QObject::tr("the book's depth recovers (half-life %1 s)").arg(locale.toString(p.half_life_s));
    if (p.permanent_fraction > 0)
        differences << QObject::tr("%1 % of each fill's impact moves the index")
                           .arg(locale.toString(p.permanent_fraction * 100, 'f', 0));
    if (!std::isnan(p.mark_passthrough) && p.mark_passthrough != 1.0)
        differences << QObject::tr("the mark follows the book by β = %1").arg(locale.toString(p.mark_passthrough));
    if (s.adl_notional > 0 || s.backstop_notional > 0)
        differences << QObject::tr("ADL and the backstop closed %1 off the book")
                           .arg(money(s.adl_notional + s.backstop_notional, locale));
    if (std::isfinite(s.insurance_fund_min))
        differences << QObject::tr("the insurance fund is limited");
    if (differences.isEmpty())
        differences << QObject::tr("the venue's rules (mark smoothing, order type, partial liquidations)");
    const bool down = moved_down(s, p);
    const double extreme = extreme_of(s, p);
    const bool short_of = down ? extreme > s.exhaustion_price : extreme < s.exhaustion_price;
    return QObject::tr("P* is a static bound (docs/model.md §5): every level it reaches is filled at once, into "
                       "a book that never recovers. This run differs: %1. Its %2 price, %3, %4 P*.")
        .arg(differences.join(QStringLiteral("; ")), down ? QObject::tr("lowest") : QObject::tr("highest"),
             price(extreme, locale),
             short_of ? (down ? QObject::tr("stays above") : QObject::tr("stays below")) : QObject::tr("goes beyond"));
}

RunSummaryView::RunSummaryView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    title_ = new QLabel;
    title_->setWordWrap(true);
    layout->addWidget(title_);
    grid_ = new QGridLayout;
    grid_->setHorizontalSpacing(8);
    grid_->setVerticalSpacing(2);
    grid_->setColumnStretch(0, 3); // names and values share the width; long ones wrap
    grid_->setColumnStretch(1, 2);
    layout->addLayout(grid_);
}

void RunSummaryView::clear() {
    while (QLayoutItem* item = grid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    rows_ = 0;
    title_->clear();
}

void RunSummaryView::addRow(const QString& name, const QString& value, const QString& meaning) {
    auto* n = new QLabel(name);
    auto* v = new QLabel(value);
    n->setToolTip(meaning);
    v->setToolTip(meaning);
    n->setWordWrap(true);
    v->setWordWrap(true);
    v->setAlignment(Qt::AlignRight | Qt::AlignTop);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid_->addWidget(n, rows_, 0);
    grid_->addWidget(v, rows_, 1);
    ++rows_;
}

QLabel* RunSummaryView::nameAt(int row) const {
    QLayoutItem* item = grid_->itemAtPosition(row, 0);
    return item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
}

QLabel* RunSummaryView::valueAt(int row) const {
    QLayoutItem* item = grid_->itemAtPosition(row, 1);
    return item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
}

QLabel* RunSummaryView::valueOf(const QString& name) const {
    for (int r = 0; r < rows_; ++r)
        if (nameAt(r) && nameAt(r)->text() == name)
            return valueAt(r);
    return nullptr;
}

// docs/model.md §6: each metric with its meaning and unit.
void RunSummaryView::showRun(const LiveRun& run) {
    clear();
    const RunSummary& s = run.summary;
    const RunParameters& p = run.params;
    const QLocale locale = grouped_locale();
    auto percent = [&](double fraction, int decimals) {
        return locale.toString(fraction * 100, 'f', decimals) + QStringLiteral(" %");
    };
    title_->setText(tr("<b>Summary</b> · shock %1, leverage ×%2")
                        .arg(signed_percent(p.shock, locale), locale.toString(p.leverage_mult, 'f', 2)));
    addRow(tr("Positions liquidated (L / S)"),
           tr("%1 / %2").arg(locale.toString(qulonglong(s.liquidated_count_long)),
                             locale.toString(qulonglong(s.liquidated_count_short))),
           tr("Positions with at least one liquidation event (book, ADL, backstop or takeover), longs / shorts"));
    addRow(tr("Liquidated, longs"), money(s.liquidated_notional_long, locale),
           tr("USD (quote): the longs' liquidations summed at their fill, ADL, backstop or takeover prices"));
    addRow(tr("Liquidated, shorts"), money(s.liquidated_notional_short, locale),
           tr("USD (quote): the shorts' liquidations summed at their prices"));
    addRow(tr("Share of open interest"), percent(s.liquidated_share_of_oi, 1),
           tr("%: liquidated notional over the open interest of both sides at the start price"));
    addRow(tr("Start / final"), price(s.start_price, locale) + " / " + price(s.final_price, locale),
           tr("USD per unit of the asset: the start price S0 and the last step's book price"));
    addRow(tr("Lowest / highest"), price(s.min_price, locale) + " / " + price(s.max_price, locale),
           tr("USD per unit: the book price's range over the run, the start price included"));
    if (s.price_floor_hit) // the book could not absorb the selling: prices stopped at the floor
        addRow(tr("Price floor reached"), tr("yes (%1 of the start)").arg(locale.toString(kPriceFloorFraction, 'g', 1)),
               tr("Forced selling would have driven the price to zero: it stopped at the floor"));
    const QString note = exhaustion_note(s, p, locale);
    addRow(tr("Exhaustion price P*"),
           price(s.exhaustion_price, locale) + (note.isEmpty() ? tr(" (reached)") : tr(" (static bound)")),
           tr("USD per unit: where the cascade runs out of fuel, computed without stepping time. ") +
               (note.isEmpty() ? tr("This run reaches it.") : note));
    addRow(tr("Max drawdown"), percent(s.max_drawdown, 2),
           tr("%: the largest fall of the book price from its running peak (which starts at the start price)"));
    addRow(tr("Amplification"),
           s.amplification ? locale.toString(*s.amplification, 'f', 2) + QStringLiteral("×") : tr("n/a (no shock)"),
           tr("×: how many times the shock's own move the price went, |ln(extreme / start)| / |ln(1 + shock)|"));
    addRow(tr("Cascade duration"), locale.toString(s.cascade_duration_s, 'f', 0) + QStringLiteral(" s"),
           tr("Seconds from the first to the last step with any liquidation, inclusive"));
    addRow(tr("Peak rate"), money(s.peak_liquidation_rate_quote_per_s, locale) + QStringLiteral("/s"),
           tr("USD per second: the busiest step's liquidated notional over the step length"));
    // "unlimited / 27M" read as a contradiction: an unlimited fund still pays for what it covers.
    const QString assumed = run.fund_assumed ? tr(" (assumed)") : QString();
    addRow(tr("Insurance fund"),
           std::isinf(s.insurance_fund_min)
               ? tr("unlimited%1; covered %2").arg(assumed, money(s.fund_loss, locale))
               : tr("lowest %1%2; covered %3")
                     .arg(money(s.insurance_fund_min, locale), assumed, money(s.fund_loss, locale)),
           tr("USD (the margin currency): the fund's lowest balance (unlimited: the venue's or the run's setting, "
              "so ADL never fires), and the losses it covered — fills beyond bankruptcy and losing unwinds") +
               (run.fund_assumed ? tr(". Assumed: the venue profile cites no published size for its fund (it lists "
                                      "insurance_fund among its user defaults); set Insurance fund under Advanced "
                                      "to see ADL")
                                 : QString()));
    addRow(tr("ADL / backstop"), money(s.adl_notional, locale) + " / " + money(s.backstop_notional, locale),
           tr("USD: closed by auto-deleveraging at bankruptcy prices / taken by the backstop vault at the mark"));
    addRow(tr("Held at tier max"), locale.toString(qulonglong(s.leverage_capped)),
           tr("Positions whose cushion the leverage multiplier held at their tier's maximum leverage"));
    addRow(tr("Steps run"),
           tr("%1 (%2 s)")
               .arg(locale.toString(qulonglong(s.steps_run)),
                    locale.toString(double(s.steps_run) * p.step_seconds, 'f', 0)),
           tr("Steps simulated before the run stopped (it stops early once nothing can happen any more)"));
}

} // namespace levex::ui
