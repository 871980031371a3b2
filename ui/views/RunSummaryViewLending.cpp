// SPDX-License-Identifier: GPL-3.0-or-later
// The summary of a lending run (docs/lending.md §8): its totals, with units and meanings.
#include "ui/views/LiquidationMapView.h"
#include "ui/views/RunSummaryView.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>

#include <cmath>

namespace levex::ui {

namespace {

QString signed_percent(double fraction, const QLocale& locale) {
    const QString number = locale.toString(std::abs(fraction) * 100, 'f', 1);
    return (fraction < 0 ? QStringLiteral("−") : QStringLiteral("+")) + number + QStringLiteral(" %");
}

// Prices near 1 (stETH in ETH) need four digits to show a cascade of a few per cent.
QString lending_price(double p, const QLocale& locale) {
    return locale.toString(p, 'f', p >= 1000 ? 0 : (p >= 10 ? 2 : 4));
}

// 4.1k ETH; below a thousand, the decimals a few units need.
QString amount(double x, const QString& unit, const QLocale& locale) {
    const double a = std::abs(x);
    const QString number = a >= 1000 ? format_money(x, locale) : locale.toString(x, 'f', a == 0 ? 0 : a < 10 ? 3 : 1);
    return number + QStringLiteral(" ") + unit;
}

bool fell(const LendingSummary& s, const RunParameters& p) {
    if (p.shock != 0 && p.price_series_file.empty())
        return p.shock < 0;
    return std::abs(std::log(s.min_price / s.start_price)) >= std::abs(std::log(s.max_price / s.start_price));
}

} // namespace

QString lending_headline(const LendingSummary& s, const RunParameters& p, const QString& base, const QLocale& locale) {
    const double extreme = fell(s, p) ? s.min_price : s.max_price;
    QString text = QStringLiteral("%1 → %2 %3: ")
                       .arg(lending_price(s.start_price, locale), lending_price(extreme, locale),
                            QString::fromStdString(s.symbol));
    if (p.shock != 0 && p.price_series_file.empty())
        text += QObject::tr("%1 shock + %2 cascade")
                    .arg(signed_percent(p.shock, locale),
                         signed_percent(extreme / (s.start_price * (1.0 + p.shock)) - 1.0, locale));
    else
        text += QObject::tr("%1 move").arg(signed_percent(extreme / s.start_price - 1.0, locale));
    text += QObject::tr("; %1 of %2 accounts liquidated, %3 bad debt")
                .arg(locale.toString(qulonglong(s.totals.accounts_liquidated)),
                     locale.toString(qulonglong(s.totals.accounts)), amount(s.totals.bad_debt_base, base, locale));
    if (s.price_floor_hit)
        text += QObject::tr("; the price floor was reached");
    return text;
}

void RunSummaryView::showLendingRun(const LiveRun& run, const QString& base) {
    clear();
    const LendingSummary& s = run.lending_summary;
    const LendingTotals& t = s.totals;
    const RunParameters& p = run.params;
    const QLocale locale = grouped_locale();
    const QString asset = QString::fromStdString(s.symbol);
    title_->setText(tr("<b>Summary</b> · shock %1 of %2").arg(signed_percent(p.shock, locale), asset));
    const QString oracle = tr(" at the oracle prices of the moment, in the books' base currency (%1)").arg(base);
    addRow(
        tr("Accounts liquidated"),
        tr("%1 of %2").arg(locale.toString(qulonglong(t.accounts_liquidated)), locale.toString(qulonglong(t.accounts))),
        tr("Accounts with at least one liquidation call, of all the accounts in the books"));
    addRow(tr("Liquidation calls"), locale.toString(qulonglong(t.liquidations)),
           tr("Liquidation calls (an account may be liquidated once per step, several times over a run)"));
    addRow(tr("Collateral seized"), amount(t.collateral_seized, asset, locale),
           tr("Units of %1 the liquidators took, the protocols' fees included").arg(asset));
    addRow(tr("Collateral sold"), amount(t.collateral_sold, asset, locale),
           tr("Units of %1 the liquidators sold into the market (their sell share of what they received)").arg(asset));
    addRow(tr("Collateral seized (value)"), amount(t.collateral_seized_base, base, locale),
           tr("All the collateral seized, every asset,") + oracle);
    addRow(tr("Debt repaid"), amount(t.debt_repaid_base, base, locale), tr("The debt liquidators repaid,") + oracle);
    addRow(tr("Liquidation bonus"), amount(t.bonus_base, base, locale),
           tr("The collateral taken beyond the debt repaid (the bonus, the protocols' fees included),") + oracle);
    addRow(tr("Protocol fee"), amount(t.protocol_fee_base, base, locale),
           tr("The protocols' share of the bonus,") + oracle);
    addRow(tr("Bad debt"),
           (t.accounts_with_bad_debt == 1 ? tr("%1 (%2 account)") : tr("%1 (%2 accounts)"))
               .arg(amount(t.bad_debt_base, base, locale), locale.toString(qulonglong(t.accounts_with_bad_debt))),
           tr("Debt left on accounts whose collateral ran out: written off (Aave v3.3 records it as the reserve's "
              "deficit),") +
               oracle);
    addRow(tr("Start / final"), lending_price(s.start_price, locale) + " / " + lending_price(s.final_price, locale),
           tr("The market price of %1 (in the market's quote): at the start and after the last step").arg(asset));
    addRow(tr("Lowest / highest"), lending_price(s.min_price, locale) + " / " + lending_price(s.max_price, locale),
           tr("The market price's range over the run, the start price included"));
    addRow(tr("Exhaustion price P*"), lending_price(s.exhaustion_price, locale),
           tr("Where the cascade runs out of fuel: the fixed point over the accounts' liquidation prices, computed "
              "without stepping time (docs/lending.md §7)"));
    addRow(tr("Amplification"),
           s.amplification ? locale.toString(*s.amplification, 'f', 2) + QStringLiteral("×") : tr("n/a (no shock)"),
           tr("×: how many times the shock's own move the price went, |ln(extreme / start)| / |ln(1 + shock)|"));
    addRow(tr("Steps run"),
           tr("%1 (%2 s)")
               .arg(locale.toString(qulonglong(s.steps_run)),
                    locale.toString(double(s.steps_run) * p.step_seconds, 'f', 0)),
           tr("Steps simulated before the run stopped (it stops early once nothing can happen any more)"));
    if (s.books.size() > 1)
        addLendingBookRows(s, base, locale);
}

// One line per book when several share the market: what each lost.
void RunSummaryView::addLendingBookRows(const LendingSummary& s, const QString& base, const QLocale& locale) {
    for (const LendingBookSummary& b : s.books)
        addRow(tr("%1 (%2)").arg(QFileInfo(QString::fromStdString(b.label)).fileName(),
                                 QString::fromStdString(b.protocol)),
               tr("%1 of %2 liquidated; %3 bad debt")
                   .arg(locale.toString(qulonglong(b.totals.accounts_liquidated)),
                        locale.toString(qulonglong(b.totals.accounts)), amount(b.totals.bad_debt_base, base, locale)),
               tr("This book's part of the totals: accounts liquidated and bad debt (%1); its oracle went from %2 to "
                  "%3 (lowest %4)")
                   .arg(base, lending_price(b.start_oracle_price, locale), lending_price(b.final_oracle_price, locale),
                        lending_price(b.min_oracle_price, locale)));
}

} // namespace levex::ui
