// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/CascadeAnimation.h"
#include "ui/export/GifWriter.h"

#include <QString>

#include <memory>
#include <optional>

namespace levex::ui {

enum class AnimationFormat { Gif, PngSequence, Mp4 };

/// The format a file name asks for: .gif, .mp4, or .png for a numbered sequence.
std::optional<AnimationFormat> animation_format_for(const QString& path);

/// The ffmpeg on PATH, or an empty string when it is not installed.
QString find_ffmpeg();

/// The files of a PNG sequence for `path` (NAME.png): NAME-00000.png, NAME-00001.png, …
QString png_sequence_file(const QString& path, std::size_t frame);

struct AnimationOptions {
    ChartStyle style;      ///< size, theme, title and caption of every frame
    double fps = 10.0;     ///< frames per second (a GIF stores delays in 1/100 s)
    std::size_t every = 1; ///< one frame every `every` steps (the last step is always included)
};

/// Writes the cascade animation of a finished run as a GIF (giflib), a numbered PNG sequence or
/// an MP4 (frames piped to ffmpeg), one frame at a time so that a caller can show progress and
/// cancel between frames. GUI thread only. Destroying it before finish() removes what it wrote.
class AnimationExport {
public:
    /// Throws AnimationError: an unknown suffix, ffmpeg not installed (for .mp4), a file that
    /// cannot be written.
    AnimationExport(std::shared_ptr<const LiveRun> run, const QString& path, const AnimationOptions& options);
    ~AnimationExport();
    AnimationExport(const AnimationExport&) = delete;
    AnimationExport& operator=(const AnimationExport&) = delete;

    std::size_t frameCount() const { return steps_.size(); }
    std::size_t framesWritten() const { return written_; }
    /// Renders and writes the next frame; false once every frame is written.
    bool writeNext();
    /// Completes the file (waits for ffmpeg). Throws AnimationError.
    void finish();

    class Sink;

private:
    QString path_;
    AnimationOptions options_;
    CascadeAnimation animation_;
    std::vector<std::size_t> steps_;
    std::size_t written_ = 0;
    std::unique_ptr<Sink> sink_;
    bool finished_ = false;
};

} // namespace levex::ui
