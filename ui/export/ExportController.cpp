// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportController.h"

#include "ui/dialogs/ExportDialog.h"
#include "ui/export/ScenarioCaption.h"
#include "ui/panels/MonteCarloPanel.h"
#include "ui/panels/SensitivityPanel.h"
#include "ui/views/CascadeHeatmapView.h"
#include "ui/views/LiquidationMapView.h"
#include "ui/views/SeriesChartView.h"
#include "ui/workers/BackgroundJobs.h"

#include "core/base/TextFile.h"
#include "core/io/LendingRunReport.h"
#include "core/io/RunReport.h"
#include "core/io/SweepReport.h"
#include "core/usecase/LendingRun.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace levex::ui {

namespace {
constexpr ExportController::Chart kCharts[] = {ExportController::Chart::Heatmap, ExportController::Chart::Map,
                                               ExportController::Chart::Series, ExportController::Chart::Sensitivity,
                                               ExportController::Chart::MonteCarloFan};

struct DataFile {
    ExportController::Data data;
    const char* label;
    const char* file; ///< default file name
};
const DataFile kDataFiles[] = {
    {ExportController::Data::Series, QT_TRANSLATE_NOOP("ExportController", "Per-step series (CSV)…"), "series.csv"},
    {ExportController::Data::Frames, QT_TRANSLATE_NOOP("ExportController", "Frames, long format (CSV)…"), "frames.csv"},
    {ExportController::Data::Summary, QT_TRANSLATE_NOOP("ExportController", "Summary (JSON)…"), "summary.json"},
    {ExportController::Data::Liquidated, QT_TRANSLATE_NOOP("ExportController", "Liquidated positions (CSV)…"),
     "liquidated.csv"},
    {ExportController::Data::Log, QT_TRANSLATE_NOOP("ExportController", "Liquidation log (CSV)…"), "log.csv"},
    {ExportController::Data::SweepGrid, QT_TRANSLATE_NOOP("ExportController", "Sensitivity grid (CSV)…"),
     "sweep-grid.csv"},
};
} // namespace

ExportController::ExportController(QWidget* window, Charts charts, std::function<Shown()> shown)
    : QObject(window), window_(window), charts_(charts), shown_(std::move(shown)),
      jobs_(new BackgroundJobs(QStringLiteral("levex-export"), this)), menu_(new QMenu(tr("E&xport"))),
      frame_timer_(new QTimer(this)) {
    // Not modal: an export that fails in the background must not stop the user mid-gesture.
    notify_ = [this](const QString& title, const QString& message) {
        auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window_);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    last_folder_ = QDir::homePath();
    for (Chart chart : kCharts) {
        menu_->addAction(tr("%1…").arg(chartName(chart)), this, [this, chart] { chooseChart(chart); });
        addContextMenu(chart);
    }
    QMenu* copy = menu_->addMenu(tr("&Copy chart to clipboard"));
    for (Chart chart : kCharts)
        copy->addAction(chartName(chart), this, [this, chart] { copyChart(chart); });
    menu_->addSeparator();
    menu_->addAction(tr("Cascade &animation (GIF, PNG sequence, MP4)…"), this, &ExportController::chooseAnimation);
    menu_->addSeparator();
    QMenu* data = menu_->addMenu(tr("&Data"));
    for (const DataFile& file : kDataFiles)
        data->addAction(tr(file.label), this, [this, d = file.data] { chooseData(d); });
    connect(frame_timer_, &QTimer::timeout, this, &ExportController::writeNextFrame);
}

ExportController::~ExportController() {
    delete menu_;
}

QString ExportController::chartName(Chart chart) {
    switch (chart) {
    case Chart::Heatmap: return tr("Cascade heatmap");
    case Chart::Map: return tr("Liquidation map");
    case Chart::Series: return tr("Summary series");
    case Chart::Sensitivity: return tr("Sensitivity map");
    case Chart::MonteCarloFan: return tr("Monte Carlo fan");
    }
    return {};
}

QCustomPlot* ExportController::plotOf(Chart chart) const {
    switch (chart) {
    case Chart::Heatmap: return charts_.heatmap->plot();
    case Chart::Map: return charts_.map->plot();
    case Chart::Series: return charts_.series->plot();
    case Chart::Sensitivity: return charts_.sensitivity->plot();
    case Chart::MonteCarloFan: return charts_.monte_carlo->fan();
    }
    return nullptr;
}

void ExportController::addContextMenu(Chart chart) {
    QCustomPlot* plot = plotOf(chart);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot, &QWidget::customContextMenuRequested, this, [this, chart, plot](const QPoint& at) {
        QMenu menu;
        menu.addAction(tr("Export %1…").arg(chartName(chart).toLower()), this, [this, chart] { chooseChart(chart); });
        menu.addAction(tr("Copy to clipboard"), this, [this, chart] { copyChart(chart); });
        if (chart == Chart::Heatmap || chart == Chart::Map)
            menu.addAction(tr("Export the cascade animation…"), this, &ExportController::chooseAnimation);
        menu.exec(plot->mapToGlobal(at));
    });
}

QString ExportController::caption() const {
    const Shown shown = shown_();
    if (!shown.run)
        return {};
    return scenario_caption(shown.run->params, shown.book, QString::fromStdString(shown.run->symbol), shown.venue);
}

void ExportController::showError(const QString& title, const QString& message) {
    if (notify_)
        notify_(title, message);
}

int ExportController::writesPending() const {
    return jobs_->pending();
}

void ExportController::writeInBackground(const QString& path, Writer write) {
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    QPointer<QProgressDialog> busy =
        new QProgressDialog(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 0, window_);
    busy->setAttribute(Qt::WA_DeleteOnClose);
    busy->setMinimumDuration(500); // shown only for the large files
    connect(busy, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    auto close_busy = [busy] {
        if (busy) {
            busy->disconnect();
            busy->close();
        }
    };
    jobs_->submit(
        [this, path, write = std::move(write), cancelled, close_busy]() -> std::function<void()> {
            write(path, *cancelled); // checks `cancelled` before it touches the file
            return [this, path, kept = !*cancelled, close_busy] {
                close_busy();
                emit exported(path, kept ? QString() : tr("cancelled"));
            };
        },
        [this, path, close_busy](const QString& message) {
            close_busy();
            showError(tr("Could not export %1").arg(QFileInfo(path).fileName()), message);
            emit exported(path, message);
        });
}

void ExportController::exportChart(Chart chart, const QString& path, ChartStyle style, bool with_caption) {
    style.caption = with_caption ? caption() : QString();
    if (chart == Chart::Sensitivity && !style.caption.isEmpty())
        style.caption = sweep_caption(charts_.sensitivity->spec(), style.caption);
    if (chart == Chart::MonteCarloFan && !style.caption.isEmpty() && !charts_.monte_carlo->description().isEmpty())
        style.caption =
            tr("Monte Carlo: %1; the other settings: %2").arg(charts_.monte_carlo->description(), style.caption);
    auto drawn = std::make_shared<const DrawnChart>(draw_chart(*plotOf(chart), path, style));
    writeInBackground(path, [drawn](const QString& to, const std::atomic<bool>& cancelled) {
        if (!cancelled)
            write_drawn_chart(*drawn, to);
    });
}

QImage ExportController::copyChart(Chart chart) {
    QCustomPlot* plot = plotOf(chart);
    ChartStyle style = last_style_;
    style.width = std::max(plot->width(), 400);
    style.height = std::max(plot->height(), 300);
    style.scale = plot->devicePixelRatioF();
    style.title.clear();
    style.caption = last_caption_ ? caption() : QString();
    const QImage image = render_chart(*plot, style);
    QApplication::clipboard()->setImage(image);
    return image;
}

void ExportController::chooseChart(Chart chart) {
    ExportDialog dialog(ExportDialog::Kind::Chart, chartName(chart), last_folder_, window_);
    dialog.setStyle(last_style_, last_caption_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    last_style_ = dialog.style();
    last_caption_ = dialog.withCaption();
    last_folder_ = QFileInfo(dialog.path()).absolutePath();
    try {
        exportChart(chart, dialog.path(), last_style_, last_caption_);
    } catch (const std::exception& e) {
        showError(tr("Could not export the chart"), QString::fromStdString(e.what()));
    }
}

void ExportController::exportData(Data data, const QString& path) {
    // What to write is taken now (the GUI thread's view of it); the bytes are made in the background.
    std::function<std::string()> bytes;
    if (data == Data::SweepGrid) {
        if (charts_.sensitivity->rowsFilled() == 0)
            throw std::runtime_error("no sensitivity grid yet: open the Sensitivity tab and compute it first");
        bytes = [spec = charts_.sensitivity->spec(), result = charts_.sensitivity->result()] {
            return sweep_grid_csv(spec, result);
        };
    } else {
        std::shared_ptr<const LiveRun> run = shown_().run; // immutable once finished: safe to read anywhere
        if (!run || !run->finished.load(std::memory_order_acquire) || run->cancelled || !run->frames)
            throw std::runtime_error("no finished run to export yet");
        if (run->lending() && data == Data::Liquidated)
            throw std::runtime_error("a lending run has no liquidated positions: export its liquidation log, whose "
                                     "rows name the accounts");
        bytes = [run, data]() -> std::string {
            if (run->lending() && data == Data::Summary) // docs/lending.md §8
                return lending_summary_json(run->lending_summary);
            if (run->lending() && data == Data::Log)
                return lending_log_csv(run->lending_log, named_lending_books(*run->lending_books));
            switch (data) {
            case Data::Series: return series_csv(*run->frames, run->params.step_seconds);
            case Data::Frames: return frames_csv(*run->frames);
            case Data::Summary: return summary_json(run->summary);
            case Data::Liquidated: return liquidated_positions_csv(run->log, *run->position_book);
            case Data::Log: return liquidation_log_csv(run->log, *run->position_book);
            case Data::SweepGrid: break;
            }
            return {};
        };
    }
    writeInBackground(path, [bytes = std::move(bytes)](const QString& to, const std::atomic<bool>& cancelled) {
        const std::string text = bytes();
        if (!cancelled)
            write_text_file(to.toStdString(), text); // FILE.part, renamed into place
    });
}

void ExportController::chooseData(Data data) {
    const auto file = std::find_if(std::begin(kDataFiles), std::end(kDataFiles),
                                   [data](const DataFile& f) { return f.data == data; });
    const QString suffix = QFileInfo(QString::fromLatin1(file->file)).suffix();
    const QString path =
        QFileDialog::getSaveFileName(window_, tr("Export %1").arg(tr(file->label).remove(QStringLiteral("…"))),
                                     QDir(last_folder_).filePath(QString::fromLatin1(file->file)),
                                     suffix == QLatin1String("json") ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    last_folder_ = QFileInfo(path).absolutePath();
    try {
        exportData(data, path);
    } catch (const std::exception& e) {
        showError(tr("Could not export the data"), QString::fromStdString(e.what()));
    }
}

void ExportController::chooseAnimation() {
    if (animation_) { // one at a time: show the one under way
        if (progress_) {
            progress_->show();
            progress_->raise();
        }
        return;
    }
    ExportDialog dialog(ExportDialog::Kind::Animation, tr("cascade"), last_folder_, window_);
    ChartStyle style = last_style_;
    style.height = 700;
    dialog.setStyle(style, last_caption_);
    // By default the animation covers what the window frames: the cascade, or the whole run.
    if (const Shown shown = shown_(); shown.run && shown.run->finished.load(std::memory_order_acquire))
        dialog.setAnimationSteps(shown.framed_steps, shown.run->summary.steps_run, shown.run->params.step_seconds,
                                 shown.whole_run);
    if (dialog.exec() != QDialog::Accepted)
        return;
    last_folder_ = QFileInfo(dialog.path()).absolutePath();
    startAnimation(dialog.path(), dialog.animation(), dialog.withCaption());
}

bool ExportController::startAnimation(const QString& path, AnimationOptions options, bool with_caption) {
    const Shown shown = shown_();
    QString problem;
    if (animation_)
        problem = tr("an animation is being written already");
    else if (!shown.run || !shown.run->finished.load(std::memory_order_acquire) || shown.run->cancelled)
        problem = tr("no finished run to animate yet");
    if (problem.isEmpty()) {
        options.style.caption = with_caption ? caption() : QString();
        try {
            animation_ = std::make_unique<AnimationExport>(shown.run, path, options);
        } catch (const std::exception& e) {
            problem = QString::fromStdString(e.what());
        }
    }
    if (!problem.isEmpty()) {
        showError(tr("Could not export the animation"), problem);
        emit animationFinished(false, problem);
        return false;
    }
    animation_path_ = path;
    ++animation_id_;
    animation_finishing_ = false;
    // Not modal: the export draws with its own views, so the window may go on being used.
    progress_ = new QProgressDialog(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0,
                                    int(animation_->frameCount()), window_);
    progress_->setAttribute(Qt::WA_DeleteOnClose);
    progress_->setMinimumDuration(400);
    progress_->setAutoClose(false);
    progress_->setAutoReset(false);
    connect(progress_, &QProgressDialog::canceled, this, [this] { endAnimation(false, tr("cancelled")); });
    frame_timer_->start(0);
    return true;
}

// One frame per pass of the event loop while the encoder keeps up; when it lags, a short pause.
void ExportController::writeNextFrame() {
    if (!animation_)
        return frame_timer_->stop();
    if (progress_ && progress_->wasCanceled()) // Escape or closing the dialog
        return endAnimation(false, tr("cancelled"));
    if (progress_)
        progress_->setValue(int(animation_->framesEncoded()));
    if (animation_finishing_)
        return; // the encoder completes the file; its report ends the export
    if (!animation_->readyForFrame()) {
        frame_timer_->setInterval(15);
        return;
    }
    frame_timer_->setInterval(0);
    try {
        if (!animation_->writeNext())
            finishAnimation();
    } catch (const std::exception& e) {
        endAnimation(false, QString::fromStdString(e.what()));
    }
}

// Every frame is queued: the encoder finishes the file on its thread and reports back here.
void ExportController::finishAnimation() {
    animation_finishing_ = true;
    frame_timer_->setInterval(100); // the progress follows the encoder
    if (progress_)
        progress_->setLabelText(tr("Finishing %1…").arg(QFileInfo(animation_path_).fileName()));
    animation_->finishInBackground([this, id = animation_id_](const QString& error) {
        QMetaObject::invokeMethod(
            this,
            [this, id, error] {
                if (!animation_ || id != animation_id_)
                    return; // cancelled meanwhile
                if (error.isEmpty())
                    endAnimation(true,
                                 tr("%1 frames written to %2").arg(animation_->framesWritten()).arg(animation_path_));
                else
                    endAnimation(false, error);
            },
            Qt::QueuedConnection);
    });
}

void ExportController::endAnimation(bool written, const QString& message) {
    frame_timer_->stop();
    animation_.reset(); // an unfinished export removes what it wrote
    animation_finishing_ = false;
    if (progress_) {
        progress_->disconnect(this);
        progress_->close();
    }
    if (!written && message != tr("cancelled"))
        showError(tr("Could not export the animation"), message);
    emit animationFinished(written, message);
}

} // namespace levex::ui
