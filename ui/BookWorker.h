// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/LiquidationMap.h"
#include "core/MarginModel.h"
#include "core/PositionBook.h"
#include "core/VenueProfile.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace levex::ui {

/// What the worker hands the GUI: a read book, its liquidation levels and the map to draw.
struct BookSnapshot {
    QString path;
    VenueProfile venue;
    PositionBook book;
    LiquidationLevels levels;
    std::size_t symbol = 0;
    LiquidationMap map;
    bool mark_estimated = false; ///< the file had no mark: the map is centred on the average entry
    double load_ms = 0.0;
    double compute_ms = 0.0;
    std::size_t notices = 0;
};

struct BookRequest {
    quint64 generation = 0;
    QString path;
    QString venue;
    double leverage_mult = 1.0;
};

/// Reads books and computes liquidation levels on its own thread; the GUI thread never does.
/// Requests carry a generation number and a newer request makes older results stale.
class BookWorker : public QObject {
    Q_OBJECT
public:
    explicit BookWorker(QObject* parent = nullptr);

    /// Called from the GUI thread before queuing a request: results of older ones are dropped.
    void supersede(quint64 generation) { newest_.store(generation); }

public slots:
    void process(const levex::ui::BookRequest& request);

signals:
    void ready(quint64 generation, std::shared_ptr<const levex::ui::BookSnapshot> snapshot);
    void failed(quint64 generation, const QString& message);

private:
    std::atomic<quint64> newest_{0};
    std::shared_ptr<const BookSnapshot> last_; // reused when only the leverage or venue changes
};

} // namespace levex::ui

Q_DECLARE_METATYPE(levex::ui::BookRequest)
Q_DECLARE_METATYPE(std::shared_ptr<const levex::ui::BookSnapshot>)
