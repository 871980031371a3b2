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

namespace {

// The steps to draw, in order; kBeforeShock stands for the book before the shock.
constexpr std::size_t kBeforeShock = std::size_t(-1);

std::vector<std::size_t> animated_steps(std::size_t steps, const AnimationOptions& options) {
    std::vector<std::size_t> out;
    if (steps == 0)
        return out;
    const std::size_t end = options.end_step == 0 ? steps : std::min(options.end_step, steps);
    const std::size_t every = std::max<std::size_t>(options.every, 1);
    if (options.before_shock)
        out.push_back(kBeforeShock);
    for (std::size_t step = 0; step < end; step += every)
        out.push_back(step);
    if (out.back() != end - 1)
        out.push_back(end - 1);
    return out;
}

} // namespace

std::size_t animation_frame_count(std::size_t steps, const AnimationOptions& options) {
    return animated_steps(steps, options).size();
}

double animation_seconds(std::size_t steps, const AnimationOptions& options) {
    return options.fps > 0 ? double(animation_frame_count(steps, options)) / options.fps : 0.0;
}

AnimationExport::AnimationExport(std::shared_ptr<const LiveRun> run, const QString& path,
                                 const AnimationOptions& options)
    : path_(path), options_(options), animation_(std::move(run), options.style, options.end_step) {
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
    steps_ = animated_steps(animation_.steps(), options);
    const QSize size(int(std::lround(options.style.width * options.style.scale)),
                     int(std::lround(options.style.height * options.style.scale)));
    FrameEncoder::Open open;
    switch (*format) {
    case AnimationFormat::Gif: {
        // One palette for the whole animation, from the first, middle and last pictures (drawn
        // here; the palette is chosen on the encoder thread).
        std::vector<QImage> samples{frameAt(0), frameAt(steps_.size() / 2), frameAt(steps_.size() - 1)};
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

QImage AnimationExport::frameAt(std::size_t index) {
    const std::size_t step = steps_[index];
    return step == kBeforeShock ? animation_.frameBeforeShock() : animation_.frame(step);
}

bool AnimationExport::readyForFrame() const {
    return written_ >= steps_.size() || encoder_->hasRoom();
}

bool AnimationExport::writeNext() {
    if (written_ >= steps_.size())
        return false;
    encoder_->add(frameAt(written_));
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
