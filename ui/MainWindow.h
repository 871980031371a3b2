// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/BookWorker.h"

#include <QMainWindow>
#include <QThread>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace levex::ui {

class LiquidationMapView;

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

signals:
    void bookReady();
    void bookFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void requestCompute();
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
    QComboBox* venue_;
    QDoubleSpinBox* leverage_;
    QLabel* summary_;
    QLabel* status_;
};

} // namespace levex::ui
