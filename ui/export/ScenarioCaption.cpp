// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ScenarioCaption.h"

#include "ui/views/LiquidationMapView.h"

#include "core/base/ResourcePaths.h"

#include <QFileInfo>
#include <QLocale>

#include <cmath>

namespace levex::ui {

namespace {

QString depth_text(const RunParameters& p, const QLocale& c) {
    switch (p.depth_model) {
    case DepthModel::Flat:
        return QStringLiteral("flat book %1 USD per 1 %").arg(format_money(p.depth_quote_per_pct * p.depth_scale, c));
    case DepthModel::VShaped:
        return QStringLiteral("V-shaped book %1 USD within 1 %")
            .arg(format_money(p.depth_quote_within_1pct * p.depth_scale, c));
    case DepthModel::Metaorder:
        return QStringLiteral("metaorder law Y %1, σ %2 /day, ADV %3 USD")
            .arg(c.toString(p.metaorder_y, 'g', 3), c.toString(p.metaorder_sigma_daily, 'g', 3),
                 format_money(p.metaorder_adv_quote, c));
    case DepthModel::L2Book:
        return QStringLiteral("L2 book %1").arg(QFileInfo(QString::fromStdString(p.book_file)).fileName());
    case DepthModel::PowerLaw:
        return QStringLiteral("power-law book %1 USD within 1 %, exponent %2")
            .arg(format_money(p.depth_quote_within_1pct * p.depth_scale, c), c.toString(p.depth_exponent, 'g', 3));
    case DepthModel::Amm:
        return QStringLiteral("%1 pool %2 base / %3 quote")
            .arg(QString::fromLatin1(amm_kind_name(p.amm_kind)), c.toString(p.amm_base_reserve * p.depth_scale, 'g', 6),
                 c.toString(p.amm_quote_reserve * p.depth_scale, 'g', 6));
    }
    return {};
}

} // namespace

QString scenario_caption(const RunParameters& p, const QString& book, const QString& symbol, const QString& venue) {
    const QLocale c = QLocale::c();
    QString shock;
    if (!p.price_series_file.empty())
        shock = QStringLiteral("replayed %1").arg(QFileInfo(QString::fromStdString(p.price_series_file)).fileName());
    else
        shock = QStringLiteral("shock %1%2 %%3")
                    .arg(p.shock > 0 ? QStringLiteral("+") : QString(), c.toString(p.shock * 100, 'f', 1),
                         p.shock_steps > 0 ? QStringLiteral(" over %1 steps").arg(p.shock_steps) : QString());
    const QString half_life = std::isinf(p.half_life_s) ? QStringLiteral("permanent impact")
                                                        : QStringLiteral("half-life %1 s").arg(p.half_life_s);
    QString first = QStringLiteral("%1 · %2 · venue %3 · %4 · leverage ×%5")
                        .arg(QFileInfo(book).fileName(), symbol, venue, shock, c.toString(p.leverage_mult, 'f', 2));
    QString second = QStringLiteral("%1 · %2 · %3 steps of %4 s · seed %5")
                         .arg(depth_text(p, c), half_life)
                         .arg(p.steps)
                         .arg(p.step_seconds)
                         .arg(p.seed);
    if (p.vol > 0)
        second += QStringLiteral(" · random path σ %1 per step").arg(c.toString(p.vol, 'g', 3));
    second += QStringLiteral(" · LevEx %1").arg(QString::fromLatin1(version()));
    return first + QLatin1Char('\n') + second;
}

QString sweep_caption(const SweepSpec& spec, const QString& scenario) {
    return QStringLiteral("%1 × %2 grid (%3 × %4 cells) of %5; the other settings: ")
               .arg(QString::fromLatin1(axis_name(spec.x.axis)), QString::fromLatin1(axis_name(spec.y.axis)))
               .arg(spec.x.count)
               .arg(spec.y.count)
               .arg(QString::fromStdString(spec.metric)) +
           scenario;
}

} // namespace levex::ui
