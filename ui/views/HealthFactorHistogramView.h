// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QCPBars;
class QCustomPlot;
class QLabel;

namespace levex::ui {

/// Accounts (or their debt) by health factor before the run (docs/lending.md §3): buckets 0.05 wide
/// from 0.8 to 2, one below 0.8 and one at 2 or above; accounts without debt (HF ∞) are not in any.
/// Each bucket is split into the accounts the run liquidated and the others.
struct HealthFactorBuckets {
    static constexpr double kLow = 0.8, kHigh = 2.0, kWidth = 0.05;
    static constexpr std::size_t kCount = 26; ///< below 0.8, 24 of 0.05, 2 or above
    std::array<double, kCount> liquidated{}, kept{};
    std::size_t without_debt = 0;
    /// The bucket of a finite health factor.
    static std::size_t bucket_of(double health_factor);
    /// The bucket's centre on the HF axis (the open-ended ones sit half a width outside the range).
    static double centre(std::size_t bucket);
};

/// Counts accounts (`by_debt` false) or sums their debt in the books' base currency.
HealthFactorBuckets health_factor_buckets(const std::vector<LendingAccountRow>& accounts, bool by_debt);

/// The health-factor histogram of a lending run's accounts, HF = 1 marked, liquidated accounts
/// stacked on the others. A position book's run shows a note instead.
class HealthFactorHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit HealthFactorHistogramView(QWidget* parent = nullptr);

    void showRun(const std::shared_ptr<const LiveRun>& run, const QString& base);
    QCustomPlot* plot() const { return plot_; }
    /// The buckets drawn (empty before a lending run).
    const HealthFactorBuckets& buckets() const { return buckets_; }
    bool byDebt() const;
    void setByDebt(bool by_debt);

private:
    void redraw();

    QComboBox* measure_;
    QLabel* note_;
    QCustomPlot* plot_;
    QCPBars* kept_;
    QCPBars* liquidated_;
    std::shared_ptr<const LiveRun> run_;
    QString base_;
    HealthFactorBuckets buckets_;
};

} // namespace levex::ui
