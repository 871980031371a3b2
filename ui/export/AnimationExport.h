// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/CascadeAnimation.h"
#include "ui/export/FrameEncoder.h"
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
    /// Steps [0, end_step) are animated and framed; 0 (or more than the run has): the whole run.
    /// The app passes the cascade's frame (core cascade_window) unless the whole run is shown.
    std::size_t end_step = 0;
    bool before_shock = false; ///< a first frame showing the book before the shock
};

/// The frames an animation of a run of `steps` steps has with `options`, and how long it plays.
std::size_t animation_frame_count(std::size_t steps, const AnimationOptions& options);
double animation_seconds(std::size_t steps, const AnimationOptions& options);

/// Writes the cascade animation of a finished run as a GIF (giflib), a numbered PNG sequence or
/// an MP4 (frames piped to ffmpeg). Frames are drawn one at a time on the GUI thread (the views are
/// widgets), so a caller can show progress and cancel between them; they are encoded and written
/// on the encoder thread. Destroying it before it finished removes what it wrote.
class AnimationExport {
public:
    /// Throws AnimationError: an unknown suffix, ffmpeg not installed (for .mp4).
    AnimationExport(std::shared_ptr<const LiveRun> run, const QString& path, const AnimationOptions& options);
    ~AnimationExport();
    AnimationExport(const AnimationExport&) = delete;
    AnimationExport& operator=(const AnimationExport&) = delete;

    std::size_t frameCount() const { return steps_.size(); }
    std::size_t framesWritten() const { return written_; }
    /// Frames the encoder has written to the file so far.
    std::size_t framesEncoded() const { return encoder_->encoded(); }
    /// True when writeNext() will not wait for the encoder.
    bool readyForFrame() const;
    /// Draws the next frame and queues it for the encoder; false once every frame is queued.
    /// Throws AnimationError when the encoder failed (a file that cannot be written, …).
    bool writeNext();
    /// Queues the frames left; the encoder then completes the file and calls `done` (on its own
    /// thread) with an empty string, or the reason it failed.
    void finishInBackground(FrameEncoder::Done done = {});
    /// Writes every frame left and completes the file, waiting for it (the command line).
    /// Throws AnimationError.
    void finish();

private:
    QImage frameAt(std::size_t index);

    QString path_;
    AnimationOptions options_;
    CascadeAnimation animation_;
    std::vector<std::size_t> steps_;
    std::size_t written_ = 0;
    std::unique_ptr<FrameEncoder> encoder_;
};

} // namespace levex::ui
