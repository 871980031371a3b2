// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <memory>
#include <vector>

namespace levex::ui {

/// Where an animation's frames go: a GIF, a numbered PNG sequence, or ffmpeg. A sink writes
/// FILE.part files and renames them into place only in finish(), so a failed or cancelled export
/// never leaves a half-written file under the user's name (nor truncates the one already there);
/// destroyed unfinished, it removes what it wrote. Used on the encoder thread only.
class FrameSink {
public:
    virtual ~FrameSink() = default;
    virtual void add(const QImage& frame) = 0;
    virtual void finish() = 0;
};

/// An animated GIF; its one palette is chosen from `samples` (a few frames of the animation).
std::unique_ptr<FrameSink> gif_sink(const QString& path, QSize size, double fps, const std::vector<QImage>& samples);
/// NAME-00000.png, NAME-00001.png, … for `path` NAME.png.
std::unique_ptr<FrameSink> png_sequence_sink(const QString& path);
/// Raw frames piped to `ffmpeg`, which encodes an H.264 MP4.
std::unique_ptr<FrameSink> ffmpeg_sink(const QString& ffmpeg, const QString& path, QSize size, double fps);

/// Renames `part` to `path`, replacing it atomically; removes `part` and throws AnimationError on failure.
void move_into_place(const QString& part, const QString& path);

} // namespace levex::ui
