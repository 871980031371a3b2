// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"

#include "core/engine/MonteCarlo.h"

#include <QThread>
#include <QWidget>

#include <atomic>
#include <memory>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace levex::ui {

/// Runs Monte Carlo paths of the shown settings with random index returns on its own thread.
class MonteCarloWorker : public QObject {
    Q_OBJECT
public:
    struct Request {
        quint64 generation = 0;
        std::shared_ptr<const PositionBook> book;
        QString venue;
        RunParameters params;
        std::size_t paths = 100;
    };
    void supersede(quint64 generation) { newest_.store(generation); }

public slots:
    void run(const levex::ui::MonteCarloWorker::Request& request);

signals:
    void progress(quint64 generation, int done, int total);
    void finished(quint64 generation, std::shared_ptr<const levex::MonteCarloResult> result);
    void failed(quint64 generation, const QString& message);

private:
    std::atomic<quint64> newest_{0};
};

/// The Monte Carlo tab: N paths of the shown settings with seeded random returns; a fan chart of
/// the book price (5–95 % and 25–75 % bands, median) and the distribution of liquidated notional.
class MonteCarloPanel : public QWidget {
    Q_OBJECT
public:
    explicit MonteCarloPanel(QWidget* parent = nullptr);
    ~MonteCarloPanel() override;

    void setContext(std::shared_ptr<const LiveRun> run, const QString& venue);
    void compute();
    QCustomPlot* fan() const { return fan_; }
    QCustomPlot* histogram() const { return histogram_; }
    /// What the shown fan draws ("100 paths, random returns σ 0.002 per step"), for captions;
    /// empty before the first run.
    QString description() const { return description_; }

signals:
    void finished();

private:
    void show(const MonteCarloResult& result);

    QThread thread_;
    MonteCarloWorker* worker_;
    QSpinBox* paths_;
    QDoubleSpinBox* vol_;
    QPushButton* compute_;
    QLabel* status_;
    QCustomPlot* fan_;
    QCustomPlot* histogram_;
    std::shared_ptr<const LiveRun> run_;
    QString venue_;
    quint64 generation_ = 0;
    QString description_;
    QString pending_description_;
};

} // namespace levex::ui

Q_DECLARE_METATYPE(levex::ui::MonteCarloWorker::Request)
Q_DECLARE_METATYPE(std::shared_ptr<const levex::MonteCarloResult>)
