// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/export/MedianCutPalette.h"

#include <QImage>
#include <QRect>
#include <QSize>
#include <QString>

#include <cstdint>
#include <stdexcept>
#include <vector>

struct GifFileType;

namespace levex::ui {

/// Thrown when an animation cannot be written; the message names the file and the reason.
class AnimationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An animated GIF written with Debian's giflib (Qt's GIF plugin only reads): one global palette
/// chosen for the whole animation, frames that loop forever with a fixed delay. Each frame after
/// the first stores only the rectangle that changed, drawn over the previous one, its unchanged
/// pixels transparent when the palette leaves an entry free (at most 255 colours).
class GifWriter {
public:
    /// Opens `path`; `palette` (at most 256 colours) maps every frame. Throws AnimationError.
    GifWriter(const QString& path, QSize size, int delay_centiseconds, std::vector<QRgb> palette);
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    /// Appends one frame of the writer's size. Throws AnimationError.
    void addFrame(const QImage& frame);
    /// Writes the trailer and closes the file. Throws AnimationError.
    void finish();
    int frames() const { return frames_; }

private:
    [[noreturn]] void fail(const char* what, int error);
    void mapToPalette(const QImage& frame);
    QRect changedRect() const;
    void writeChangedRect(const QRect& rect);

    QString path_;
    QSize size_;
    int delay_;
    PaletteMapper mapper_;
    GifFileType* gif_ = nullptr;
    std::vector<std::uint8_t> previous_, current_;
    int frames_ = 0;
};

} // namespace levex::ui
