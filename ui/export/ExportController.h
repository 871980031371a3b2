// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/AnimationExport.h"
#include "ui/export/ChartExporter.h"
#include "ui/models/LiveRun.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

class QCustomPlot;
class QMenu;
class QProgressDialog;
class QTimer;
class QWidget;

namespace levex::ui {

class CascadeHeatmapView;
class LiquidationMapView;
class MonteCarloPanel;
class SensitivityPanel;
class SeriesChartView;
class BackgroundJobs;

/// The app's exports: every chart to PNG, JPEG, PDF or SVG (a dialog, or the chart's context
/// menu) and to the clipboard; the cascade animation (GIF, PNG sequence, MP4) with progress and
/// cancel; the shown run's data (series, frames, summary, liquidated positions, log) and the
/// sensitivity grid. The data writers are the command line's own (core/RunReport, SweepReport).
/// The GUI thread only draws: files are encoded and written on a background thread, and
/// `exported` (or `animationFinished`) says when each is in place.
class ExportController : public QObject {
    Q_OBJECT
public:
    enum class Chart { Heatmap, Map, Series, Sensitivity, MonteCarloFan };
    enum class Data { Series, Frames, Summary, Liquidated, Log, SweepGrid };
    struct Charts {
        CascadeHeatmapView* heatmap;
        LiquidationMapView* map;
        SeriesChartView* series;
        SensitivityPanel* sensitivity;
        MonteCarloPanel* monte_carlo;
    };
    /// What the window shows: the run, its book file and venue, and the steps its time axis frames.
    struct Shown {
        std::shared_ptr<const LiveRun> run;
        QString book;
        QString venue;
        std::size_t framed_steps = 0; ///< the cascade's frame, or every step run
        bool whole_run = false;
    };

    /// Tells the user something went wrong (title, message).
    using Notify = std::function<void(const QString& title, const QString& message)>;

    ExportController(QWidget* window, Charts charts, std::function<Shown()> shown);
    ~ExportController() override;

    /// Replaces the message box that reports failed exports (tests record the message instead).
    void setNotify(Notify notify) { notify_ = std::move(notify); }

    /// The Export menu (for the menu bar); each chart also gets a context menu.
    QMenu* menu() const { return menu_; }
    static QString chartName(Chart chart);
    QCustomPlot* plotOf(Chart chart) const;

    /// Draws a chart (with the shown scenario's caption when `with_caption`) and writes it in the
    /// background; `exported` follows. Throws for a style or suffix it cannot draw.
    void exportChart(Chart chart, const QString& path, ChartStyle style, bool with_caption = true);
    /// Puts the chart on the clipboard at its on-screen size (at least 400 × 300) and returns it.
    QImage copyChart(Chart chart);
    /// Writes the shown run's data or the sensitivity grid in the background; `exported` follows.
    /// Throws when there is nothing to write yet.
    void exportData(Data data, const QString& path);
    /// Chart and data files still being written.
    int writesPending() const;
    /// Starts writing the animation (progress dialog, cancel); false, with a message shown, when
    /// it cannot start (no finished run, ffmpeg missing for .mp4, …). `animationFinished` follows.
    bool startAnimation(const QString& path, AnimationOptions options, bool with_caption = true);
    bool animationRunning() const { return animation_ != nullptr; }

signals:
    void animationFinished(bool written, const QString& message);
    /// A chart or data file is written (`error` empty) or could not be (`error` says why).
    void exported(const QString& path, const QString& error);

private:
    void chooseChart(Chart chart);
    void chooseAnimation();
    void chooseData(Data data);
    void writeNextFrame();
    void finishAnimation();
    void endAnimation(bool written, const QString& message);
    /// Makes a file's bytes and writes them to `path`, unless cancelled meanwhile.
    using Writer = std::function<void(const QString& path, const std::atomic<bool>& cancelled)>;
    /// Runs `write` on the background thread, with a busy dialog whose Cancel keeps the file as it was.
    void writeInBackground(const QString& path, Writer write);
    void showError(const QString& title, const QString& message);
    QString caption() const;
    void addContextMenu(Chart chart);

    QWidget* window_;
    Charts charts_;
    std::function<Shown()> shown_;
    Notify notify_;
    BackgroundJobs* jobs_;
    QMenu* menu_;
    ChartStyle last_style_;
    bool last_caption_ = true;
    QString last_folder_;
    std::unique_ptr<AnimationExport> animation_;
    QString animation_path_;
    std::uint64_t animation_id_ = 0; // which export a finishing encoder reports on
    bool animation_finishing_ = false;
    QPointer<QProgressDialog> progress_;
    QTimer* frame_timer_;
};

} // namespace levex::ui
