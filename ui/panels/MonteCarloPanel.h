// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/LiveRun.h"
#include "ui/models/StudyBasis.h"
#include "ui/views/StaleMark.h"

#include "core/engine/MonteCarlo.h"

#include "core/usecase/LendingBookInput.h"

#include <QThread>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QCPItemText;
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
        /// A lending run's books: their paths instead of `book`'s (docs/lending.md §9).
        std::shared_ptr<const std::vector<LendingBookInput>> lending_books;
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

    /// The run whose book and settings the next paths use (`book_name`: its file or snapshot).
    /// Paths computed on another book or other settings are marked stale.
    void setContext(std::shared_ptr<const LiveRun> run, const QString& venue, const QString& book_name);
    void compute();
    /// True when the shown paths were computed on another book or other settings than the shown run's.
    bool isStale() const { return stale_->visible(); }
    /// The line saying what the shown paths were computed on (and, when stale, what changed since).
    QLabel* basisLabel() const { return basis_; }
    QCustomPlot* fan() const { return fan_; }
    QCustomPlot* histogram() const { return histogram_; }
    /// The note an empty fan shows (what to press), hidden once paths are drawn.
    QCPItemText* blankNote() const { return blank_; }
    /// What the shown fan draws ("100 paths, random returns σ 0.002 per step"), for captions;
    /// empty before the first run.
    QString description() const { return description_; }

signals:
    void finished();

private:
    void show(const MonteCarloResult& result);
    /// Says what the shown paths were computed on, and marks them stale when the shown run differs.
    void showBasis();
    /// The shown run's basis with this panel's own settings (its volatility).
    StudyBasis requested() const;

    QThread thread_;
    MonteCarloWorker* worker_;
    bool lending_shown_ = false; // the paths shown are a lending run's
    QSpinBox* paths_;
    QDoubleSpinBox* vol_;
    QPushButton* compute_;
    QLabel* status_;
    QCustomPlot* fan_;
    QCustomPlot* histogram_;
    QCPItemText* blank_;
    QLabel* basis_;
    std::unique_ptr<StaleMark> stale_;
    std::unique_ptr<StaleMark> stale_histogram_;
    std::shared_ptr<const LiveRun> run_;
    StudyBasis now_;                     ///< the shown run's
    std::optional<StudyBasis> computed_; ///< the shown paths' (once finished)
    std::optional<StudyBasis> pending_;  ///< the paths being computed
    int computed_paths_ = 0;
    quint64 generation_ = 0;
    QString description_;
    QString pending_description_;
};

} // namespace levex::ui

Q_DECLARE_METATYPE(levex::ui::MonteCarloWorker::Request)
Q_DECLARE_METATYPE(std::shared_ptr<const levex::MonteCarloResult>)
