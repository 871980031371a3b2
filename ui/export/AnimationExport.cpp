// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/AnimationExport.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace levex::ui {

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
    FrameEncoder::Open open;
    switch (*format) {
    case AnimationFormat::Gif: {
        // One palette for the whole animation, from the first, middle and last pictures (drawn
        // here; the palette is chosen on the encoder thread).
        std::vector<QImage> samples{animation_.frame(steps_.front()), animation_.frame(steps_[steps_.size() / 2]),
                                    animation_.frame(steps_.back())};
        open = [path, size, fps = options.fps, samples = std::move(samples)] {
            return gif_sink(path, size, fps, samples);
        };
        break;
    }
    case AnimationFormat::PngSequence: open = [path] { return png_sequence_sink(path); }; break;
    case AnimationFormat::Mp4: {
        const QString ffmpeg = find_ffmpeg();
        if (ffmpeg.isEmpty())
            throw AnimationError(
                QStringLiteral("cannot write %1: MP4 needs ffmpeg, which is not installed (not found on PATH). "
                               "Install it (Debian: apt-get install ffmpeg), or export a GIF or a PNG sequence.")
                    .arg(path)
                    .toStdString());
        open = [ffmpeg, path, size, fps = options.fps] { return ffmpeg_sink(ffmpeg, path, size, fps); };
        break;
    }
    }
    encoder_ = std::make_unique<FrameEncoder>(std::move(open));
}

AnimationExport::~AnimationExport() = default; // an unfinished encoder removes what it wrote

bool AnimationExport::readyForFrame() const {
    return written_ >= steps_.size() || encoder_->hasRoom();
}

bool AnimationExport::writeNext() {
    if (written_ >= steps_.size())
        return false;
    encoder_->add(animation_.frame(steps_[written_]));
    ++written_;
    return true;
}

void AnimationExport::finishInBackground(FrameEncoder::Done done) {
    while (writeNext()) {
    }
    encoder_->close(std::move(done));
}

void AnimationExport::finish() {
    finishInBackground();
    encoder_->wait();
}

} // namespace levex::ui
