// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/BookWorker.h"

#include "core/RunParameters.h"

#include <QMainWindow>
#include <QThread>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace levex::ui {

class CascadeHeatmapView;
class LiquidationMapView;
class SimulationController;

/// The main window: wiring only. Books are read and computed by a BookWorker on its own thread;
/// this class shows what it hands back.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a positions CSV (asynchronously); `bookReady` or `bookFailed` follows.
    void openBook(const QString& path);
    const BookSnapshot* snapshot() const { return snapshot_.get(); }
    LiquidationMapView* liquidationMap() const { return map_view_; }
    CascadeHeatmapView* heatmap() const { return heatmap_; }
    SimulationController* simulation() const { return simulation_; }
    /// The run parameters the controls describe.
    RunParameters runParameters() const;

signals:
    void bookReady();
    void bookFailed(const QString& message);
    /// The newest simulation the controls asked for has finished.
    void simulationFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void requestCompute();
    void requestSimulation();
    void onReady(quint64 generation, std::shared_ptr<const BookSnapshot> snapshot);
    void onFailed(quint64 generation, const QString& message);
    void chooseFile();
    void showAbout();

    QThread thread_;
    BookWorker* worker_;
    quint64 generation_ = 0;
    QString path_;
    std::shared_ptr<const BookSnapshot> snapshot_;

    LiquidationMapView* map_view_;
    CascadeHeatmapView* heatmap_;
    SimulationController* simulation_;
    QSlider* shock_slider_;
    QDoubleSpinBox* shock_;
    QDoubleSpinBox* depth_;
    QDoubleSpinBox* half_life_;
    QSpinBox* steps_;
    QComboBox* venue_;
    QDoubleSpinBox* leverage_;
    QLabel* summary_;
    QLabel* status_;
};

} // namespace levex::ui
