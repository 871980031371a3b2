// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/AnimationExport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace levex::ui {

class AnimationExport::Sink {
public:
    virtual ~Sink() = default;
    virtual void add(const QImage& frame) = 0;
    virtual void finish() = 0;
    virtual void abort() = 0; ///< removes what was written
};

namespace {

// Frames are drawn on the GUI thread; quantising and LZW coding (about as long as the drawing)
// run on a thread of their own, a few frames behind, so both cores work and the window stays live.
class GifSink : public AnimationExport::Sink {
public:
    GifSink(const QString& path, QSize size, double fps, std::vector<QRgb> palette)
        : writer_(path, size, int(std::lround(100.0 / fps)), std::move(palette)), coder_([this] { code(); }) {}
    ~GifSink() override { stop(); } // an unfinished writer removes its file
    void add(const QImage& frame) override {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [this] { return queue_.size() < kQueued || error_; });
        if (error_)
            std::rethrow_exception(error_);
        queue_.push_back(frame); // implicitly shared: no copy of the pixels
        ready_.notify_one();
    }
    void finish() override {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
        }
        ready_.notify_one();
        coder_.join();
        if (error_)
            std::rethrow_exception(error_);
        writer_.finish();
    }
    void abort() override { stop(); }

private:
    static constexpr std::size_t kQueued = 4;

    void code() {
        for (;;) {
            QImage frame;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return !queue_.empty() || closing_ || stopping_; });
                if (stopping_ || queue_.empty())
                    return;
                frame = std::move(queue_.front());
                queue_.pop_front();
            }
            space_.notify_one();
            try {
                writer_.addFrame(frame);
            } catch (...) {
                const std::lock_guard lock(mutex_);
                error_ = std::current_exception();
                space_.notify_all();
                return;
            }
        }
    }
    void stop() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        if (coder_.joinable())
            coder_.join();
    }

    GifWriter writer_;
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<QImage> queue_;
    bool closing_ = false, stopping_ = false;
    std::exception_ptr error_;
    std::thread coder_; ///< last: starts once everything it uses exists
};

class PngSequenceSink : public AnimationExport::Sink {
public:
    explicit PngSequenceSink(const QString& path) : path_(path) {}
    void add(const QImage& frame) override {
        const QString file = png_sequence_file(path_, written_.size());
        if (!frame.save(file, "PNG"))
            throw AnimationError(QStringLiteral("cannot write %1").arg(file).toStdString());
        written_.push_back(file);
    }
    void finish() override { written_.clear(); }
    void abort() override {
        for (const QString& file : written_)
            QFile::remove(file);
        written_.clear();
    }

private:
    QString path_;
    std::vector<QString> written_;
};

// Raw frames into ffmpeg's standard input; H.264 in yuv420p plays everywhere (even sides needed).
class FfmpegSink : public AnimationExport::Sink {
public:
    FfmpegSink(const QString& ffmpeg, const QString& path, QSize size, double fps) : path_(path), size_(size) {
        process_.setProgram(ffmpeg);
        process_.setArguments({"-hide_banner",
                               "-loglevel",
                               "error",
                               "-y",
                               "-f",
                               "rawvideo",
                               "-pix_fmt",
                               "bgra",
                               "-s",
                               QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                               "-r",
                               QString::number(fps),
                               "-i",
                               "-",
                               "-an",
                               "-c:v",
                               "libx264",
                               "-pix_fmt",
                               "yuv420p",
                               "-vf",
                               "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                               "-movflags",
                               "+faststart",
                               path});
        process_.setProcessChannelMode(QProcess::SeparateChannels);
        process_.start();
        if (!process_.waitForStarted(10000))
            throw AnimationError(
                QStringLiteral("cannot start %1: %2").arg(ffmpeg, process_.errorString()).toStdString());
    }
    ~FfmpegSink() override {
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }
    void add(const QImage& frame) override {
        if (frame.size() != size_) // raw video has no header: a wrong size would be read as garbage
            throw AnimationError(QStringLiteral("frame of %1x%2 for an animation of %3x%4")
                                     .arg(frame.width())
                                     .arg(frame.height())
                                     .arg(size_.width())
                                     .arg(size_.height())
                                     .toStdString());
        const QImage image = frame.convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < image.height(); ++y)
            process_.write(reinterpret_cast<const char*>(image.constScanLine(y)), qint64(image.width()) * 4);
        while (process_.bytesToWrite() > 0)
            if (!process_.waitForBytesWritten(30000))
                throw AnimationError(QStringLiteral("ffmpeg stopped reading frames: %1")
                                         .arg(QString::fromLocal8Bit(process_.readAllStandardError()).trimmed())
                                         .toStdString());
    }
    void finish() override {
        process_.closeWriteChannel();
        // libx264 still encodes what it buffered; a bounded wait keeps a hung ffmpeg from hanging us.
        if (!process_.waitForFinished(120000)) {
            abort();
            throw AnimationError(QStringLiteral("ffmpeg did not finish writing %1 within 2 minutes; it was stopped")
                                     .arg(path_)
                                     .toStdString());
        }
        if (process_.exitStatus() != QProcess::NormalExit || process_.exitCode() != 0)
            throw AnimationError(QStringLiteral("ffmpeg could not write %1: %2")
                                     .arg(path_, QString::fromLocal8Bit(process_.readAllStandardError()).trimmed())
                                     .toStdString());
    }
    void abort() override {
        process_.kill();
        process_.waitForFinished(5000);
        QFile::remove(path_);
    }

private:
    QString path_;
    QSize size_;
    QProcess process_;
};

} // namespace

std::optional<AnimationFormat> animation_format_for(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("gif"))
        return AnimationFormat::Gif;
    if (suffix == QLatin1String("png"))
        return AnimationFormat::PngSequence;
    if (suffix == QLatin1String("mp4"))
        return AnimationFormat::Mp4;
    return std::nullopt;
}

QString find_ffmpeg() {
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

QString png_sequence_file(const QString& path, std::size_t frame) {
    const QFileInfo info(path);
    return info.dir().filePath(
        QStringLiteral("%1-%2.png").arg(info.completeBaseName()).arg(qulonglong(frame), 5, 10, QLatin1Char('0')));
}

AnimationExport::AnimationExport(std::shared_ptr<const LiveRun> run, const QString& path,
                                 const AnimationOptions& options)
    : path_(path), options_(options), animation_(std::move(run), options.style) {
    const auto format = animation_format_for(path);
    if (!format)
        throw AnimationError(
            QStringLiteral("%1: expected the suffix .gif, .mp4 or .png (a numbered sequence), found '%2'")
                .arg(path, QFileInfo(path).suffix())
                .toStdString());
    if (!(options.fps > 0 && options.fps <= 100))
        throw AnimationError(QStringLiteral("expected frames per second above 0 and at most 100, found %1")
                                 .arg(options.fps)
                                 .toStdString());
    const std::size_t every = std::max<std::size_t>(options.every, 1);
    for (std::size_t step = 0; step < animation_.steps(); step += every)
        steps_.push_back(step);
    if (steps_.back() != animation_.steps() - 1)
        steps_.push_back(animation_.steps() - 1);
    const QSize size(int(std::lround(options.style.width * options.style.scale)),
                     int(std::lround(options.style.height * options.style.scale)));
    switch (*format) {
    case AnimationFormat::Gif: {
        // One palette for the whole animation, from the first, middle and last pictures.
        const std::vector<QImage> samples{animation_.frame(steps_.front()), animation_.frame(steps_[steps_.size() / 2]),
                                          animation_.frame(steps_.back())};
        sink_ = std::make_unique<GifSink>(
            path, size, options.fps, median_cut_palette(samples, 255)); // 255: one entry stays free for transparency
        break;
    }
    case AnimationFormat::PngSequence: sink_ = std::make_unique<PngSequenceSink>(path); break;
    case AnimationFormat::Mp4: {
        const QString ffmpeg = find_ffmpeg();
        if (ffmpeg.isEmpty())
            throw AnimationError(
                QStringLiteral("cannot write %1: MP4 needs ffmpeg, which is not installed (not found on PATH). "
                               "Install it (Debian: apt-get install ffmpeg), or export a GIF or a PNG sequence.")
                    .arg(path)
                    .toStdString());
        sink_ = std::make_unique<FfmpegSink>(ffmpeg, path, size, options.fps);
        break;
    }
    }
}

AnimationExport::~AnimationExport() {
    if (sink_ && !finished_)
        sink_->abort();
}

bool AnimationExport::writeNext() {
    if (written_ >= steps_.size())
        return false;
    sink_->add(animation_.frame(steps_[written_]));
    ++written_;
    return true;
}

void AnimationExport::finish() {
    while (writeNext()) {
    }
    sink_->finish();
    finished_ = true;
}

} // namespace levex::ui
