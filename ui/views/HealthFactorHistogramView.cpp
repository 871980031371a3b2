// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/HealthFactorHistogramView.h"

#include "ui/views/LiquidationMapView.h"
#include "ui/views/Theme.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace levex::ui {

std::size_t HealthFactorBuckets::bucket_of(double hf) {
    if (hf < kLow)
        return 0;
    if (hf >= kHigh)
        return kCount - 1;
    // A hair of tolerance keeps 1.0 exactly in the bucket that starts at 1.
    const auto i = std::size_t(std::floor((hf - kLow) / kWidth + 1e-9));
    return std::min(i + 1, kCount - 2);
}

double HealthFactorBuckets::centre(std::size_t bucket) {
    return kLow + (double(bucket) - 0.5) * kWidth;
}

HealthFactorBuckets health_factor_buckets(const std::vector<LendingAccountRow>& accounts, bool by_debt) {
    HealthFactorBuckets out;
    for (const LendingAccountRow& a : accounts) {
        if (!std::isfinite(a.health_factor)) {
            ++out.without_debt;
            continue;
        }
        const std::size_t b = HealthFactorBuckets::bucket_of(a.health_factor);
        const double weight = by_debt ? a.debt_base : 1.0;
        (a.first_step != LendingAccountRow::kNever ? out.liquidated : out.kept)[b] += weight;
    }
    return out;
}

HealthFactorHistogramView::HealthFactorHistogramView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    measure_ = new QComboBox;
    measure_->setObjectName("healthFactorMeasure");
    measure_->addItem(tr("Accounts"));
    measure_->addItem(tr("Debt"));
    measure_->setToolTip(tr("Count the accounts in each health-factor bucket, or add up their debt"));
    connect(measure_, &QComboBox::currentIndexChanged, this, &HealthFactorHistogramView::redraw);
    note_ = new QLabel(tr("Health factors are a lending book's: open one to see them."));
    note_->setWordWrap(true);
    top->addWidget(measure_);
    top->addWidget(note_, 1);
    layout->addLayout(top);
    plot_ = new QCustomPlot;
    kept_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    liquidated_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    liquidated_->moveAbove(kept_);
    for (QCPBars* bars : {kept_, liquidated_}) {
        bars->setWidth(HealthFactorBuckets::kWidth * 0.9);
        bars->setPen(Qt::NoPen);
    }
    kept_->setBrush(theme::kShortColor);
    kept_->setName(tr("not liquidated in the run"));
    liquidated_->setBrush(theme::kLongColor);
    liquidated_->setName(tr("liquidated in the run"));
    // The legend in a row above the bars, side by side: the tallest bar (HF ≥ 2) is at the top right.
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    // HF = 1: below it an account may be liquidated.
    auto* one = new QCPItemStraightLine(plot_);
    one->point1->setCoords(1.0, 0.0);
    one->point2->setCoords(1.0, 1.0);
    one->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(HealthFactorBuckets::centre(0), QStringLiteral("<0.8"));
    for (int i = 9; i < 20; ++i)
        ticker->addTick(i / 10.0, QString::number(i / 10.0, 'f', 1));
    ticker->addTick(HealthFactorBuckets::centre(HealthFactorBuckets::kCount - 1), QStringLiteral("≥2"));
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setLabel(tr("Health factor before the run (dashed: 1, liquidation)"));
    plot_->xAxis->setRange(HealthFactorBuckets::kLow - 2 * HealthFactorBuckets::kWidth,
                           HealthFactorBuckets::kHigh + 2 * HealthFactorBuckets::kWidth);
    layout->addWidget(plot_, 1);
}

bool HealthFactorHistogramView::byDebt() const {
    return measure_->currentIndex() == 1;
}

void HealthFactorHistogramView::setByDebt(bool by_debt) {
    measure_->setCurrentIndex(by_debt ? 1 : 0);
}

void HealthFactorHistogramView::showRun(const std::shared_ptr<const LiveRun>& run, const QString& base) {
    run_ = run && run->lending() && run->lending_accounts ? run : nullptr;
    base_ = base;
    measure_->setItemText(1, tr("Debt (%1)").arg(base));
    redraw();
}

void HealthFactorHistogramView::redraw() {
    buckets_ = run_ ? health_factor_buckets(*run_->lending_accounts, byDebt()) : HealthFactorBuckets{};
    QVector<double> x, kept, liquidated;
    double top = 0;
    for (std::size_t b = 0; b < HealthFactorBuckets::kCount; ++b) {
        x << HealthFactorBuckets::centre(b);
        kept << buckets_.kept[b];
        liquidated << buckets_.liquidated[b];
        top = std::max(top, buckets_.kept[b] + buckets_.liquidated[b]);
    }
    kept_->setData(x, kept, true);
    liquidated_->setData(x, liquidated, true);
    plot_->yAxis->setLabel(byDebt() ? tr("Debt (%1)").arg(base_) : tr("Accounts"));
    plot_->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
    if (run_) {
        const QLocale locale = grouped_locale();
        note_->setText(tr("%1 accounts without debt (HF ∞) are not shown.")
                           .arg(locale.toString(qulonglong(buckets_.without_debt))));
    } else {
        note_->setText(tr("Health factors are a lending book's: open one to see them."));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace levex::ui
