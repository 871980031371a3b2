// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/AnimationSinks.h"

#include "ui/export/AnimationExport.h"
#include "ui/export/GifWriter.h"
#include "ui/export/MedianCutPalette.h"

#include <QFile>
#include <QProcess>

#include <cmath>
#include <filesystem>

namespace levex::ui {

namespace {

QString part_of(const QString& path) {
    return path + QStringLiteral(".part");
}

class GifSink : public FrameSink {
public:
    GifSink(const QString& path, QSize size, double fps, const std::vector<QImage>& samples)
        : path_(path), // 255 colours: one entry stays free for transparency
          writer_(part_of(path), size, int(std::lround(100.0 / fps)), median_cut_palette(samples, 255)) {}
    // Unfinished, the writer removes its .part file itself.
    void add(const QImage& frame) override { writer_.addFrame(frame); }
    void finish() override {
        writer_.finish();
        move_into_place(part_of(path_), path_);
    }

private:
    QString path_;
    GifWriter writer_;
};

class PngSequenceSink : public FrameSink {
public:
    explicit PngSequenceSink(const QString& path) : path_(path) {}
    ~PngSequenceSink() override {
        for (std::size_t i = 0; i < written_; ++i)
            QFile::remove(part_of(png_sequence_file(path_, i)));
    }
    void add(const QImage& frame) override {
        const QString file = png_sequence_file(path_, written_);
        if (!frame.save(part_of(file), "PNG")) {
            QFile::remove(part_of(file));
            throw AnimationError(QStringLiteral("cannot write %1").arg(file).toStdString());
        }
        ++written_;
    }
    void finish() override {
        for (; renamed_ < written_; ++renamed_) {
            const QString file = png_sequence_file(path_, renamed_);
            move_into_place(part_of(file), file);
        }
        written_ = 0; // all in place: nothing left to remove
    }

private:
    QString path_;
    std::size_t written_ = 0, renamed_ = 0;
};

// Raw frames into ffmpeg's standard input; H.264 in yuv420p plays everywhere (even sides needed).
// The container is named (-f mp4): the file ffmpeg writes ends in .part.
class FfmpegSink : public FrameSink {
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
                               "-f",
                               "mp4",
                               part_of(path)});
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
        if (!finished_)
            QFile::remove(part_of(path_));
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
        if (!process_.waitForFinished(120000))
            throw AnimationError(QStringLiteral("ffmpeg did not finish writing %1 within 2 minutes; it was stopped")
                                     .arg(path_)
                                     .toStdString());
        if (process_.exitStatus() != QProcess::NormalExit || process_.exitCode() != 0)
            throw AnimationError(QStringLiteral("ffmpeg could not write %1: %2")
                                     .arg(path_, QString::fromLocal8Bit(process_.readAllStandardError()).trimmed())
                                     .toStdString());
        move_into_place(part_of(path_), path_);
        finished_ = true;
    }

private:
    QString path_;
    QSize size_;
    QProcess process_;
    bool finished_ = false;
};

} // namespace

std::unique_ptr<FrameSink> gif_sink(const QString& path, QSize size, double fps, const std::vector<QImage>& samples) {
    return std::make_unique<GifSink>(path, size, fps, samples);
}

std::unique_ptr<FrameSink> png_sequence_sink(const QString& path) {
    return std::make_unique<PngSequenceSink>(path);
}

std::unique_ptr<FrameSink> ffmpeg_sink(const QString& ffmpeg, const QString& path, QSize size, double fps) {
    return std::make_unique<FfmpegSink>(ffmpeg, path, size, fps);
}

void move_into_place(const QString& part, const QString& path) {
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(part).toStdString(), QFile::encodeName(path).toStdString(), error);
    if (error) {
        QFile::remove(part);
        throw AnimationError(
            QStringLiteral("cannot write %1: %2").arg(path, QString::fromStdString(error.message())).toStdString());
    }
}

} // namespace levex::ui
