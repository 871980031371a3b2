// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/GifWriter.h"

#include <gif_lib.h>

#include <QFile>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace levex::ui {

GifWriter::GifWriter(const QString& path, QSize size, int delay_centiseconds, std::vector<QRgb> palette)
    : path_(path), size_(size), delay_(std::clamp(delay_centiseconds, 2, 65535)), mapper_(std::move(palette)) {
    if (mapper_.palette().empty() || mapper_.palette().size() > 256)
        throw AnimationError("a GIF palette holds 1 to 256 colours");
    // Opened here rather than by giflib, which would create the file readable by its owner only.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        throw AnimationError(QStringLiteral("cannot write %1: %2")
                                 .arg(path, QString::fromLocal8Bit(std::strerror(errno)))
                                 .toStdString());
    int error = 0;
    gif_ = EGifOpenFileHandle(fd, &error);
    if (!gif_) {
        ::close(fd);
        QFile::remove(path);
        throw AnimationError(
            QStringLiteral("cannot write %1: %2").arg(path, QString::fromLatin1(GifErrorString(error))).toStdString());
    }
    EGifSetGifVersion(gif_, true); // GIF89a: delays and looping
    std::array<GifColorType, 256> colours{};
    for (std::size_t i = 0; i < mapper_.palette().size(); ++i) {
        const QRgb c = mapper_.palette()[i];
        colours[i] = GifColorType{GifByteType(qRed(c)), GifByteType(qGreen(c)), GifByteType(qBlue(c))};
    }
    ColorMapObject* map = GifMakeMapObject(256, colours.data());
    const int put = EGifPutScreenDesc(gif_, size.width(), size.height(), 8, 0, map);
    GifFreeMapObject(map);
    if (put != GIF_OK)
        fail("screen descriptor", gif_->Error);
    // The Netscape application extension: loop forever.
    static const char kNetscape[] = "NETSCAPE2.0";
    static const GifByteType kLoopForever[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(gif_, 11, kNetscape) != GIF_OK ||
        EGifPutExtensionBlock(gif_, 3, kLoopForever) != GIF_OK || EGifPutExtensionTrailer(gif_) != GIF_OK)
        fail("loop extension", gif_->Error);
    previous_.assign(std::size_t(size.width()) * std::size_t(size.height()), 0);
    current_ = previous_;
}

GifWriter::~GifWriter() {
    if (gif_) { // not finished: close and leave no half-written file behind
        int error = 0;
        EGifCloseFile(gif_, &error);
        QFile::remove(path_);
    }
}

void GifWriter::fail(const char* what, int error) {
    const QString message = QStringLiteral("cannot write %1 (%2): %3")
                                .arg(path_, QLatin1String(what), QString::fromLatin1(GifErrorString(error)));
    int ignored = 0;
    EGifCloseFile(gif_, &ignored);
    gif_ = nullptr;
    QFile::remove(path_);
    throw AnimationError(message.toStdString());
}

void GifWriter::addFrame(const QImage& frame) {
    if (!gif_)
        throw AnimationError("the GIF is already closed");
    if (frame.size() != size_)
        throw AnimationError(QStringLiteral("expected a %1 × %2 frame, found %3 × %4")
                                 .arg(size_.width())
                                 .arg(size_.height())
                                 .arg(frame.width())
                                 .arg(frame.height())
                                 .toStdString());
    mapToPalette(frame);
    writeChangedRect(changedRect());
    std::swap(previous_, current_);
    ++frames_;
}

// The frame's pixels as palette indexes, into current_.
void GifWriter::mapToPalette(const QImage& frame) {
    const QImage image = frame.convertToFormat(QImage::Format_RGB32);
    const int w = size_.width(), h = size_.height();
    QRgb last_colour = 0;
    std::uint8_t last_index = mapper_.index(0);
    for (int y = 0; y < h; ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        std::uint8_t* out = current_.data() + std::size_t(y) * std::size_t(w);
        for (int x = 0; x < w; ++x) {
            if (line[x] != last_colour) { // runs of one colour are the rule in a chart
                last_colour = line[x];
                last_index = mapper_.index(last_colour);
            }
            out[x] = last_index;
        }
    }
}

// The rectangle that changed since the previous frame (the whole picture for the first).
QRect GifWriter::changedRect() const {
    const int w = size_.width(), h = size_.height();
    if (frames_ == 0)
        return {0, 0, w, h};
    int left = w, top = h, right = -1, bottom = -1;
    for (int y = 0; y < h; ++y) {
        const std::size_t row = std::size_t(y) * std::size_t(w);
        for (int x = 0; x < w; ++x)
            if (current_[row + std::size_t(x)] != previous_[row + std::size_t(x)]) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    }
    if (right < 0) // nothing changed: a one-pixel frame keeps the frame count and the timing
        return {0, 0, 1, 1};
    return {QPoint(left, top), QPoint(right, bottom)};
}

// Inside the rectangle, pixels the previous frame already shows are written transparent: long
// runs of one index that LZW packs into little (a spare palette entry is the transparent one).
void GifWriter::writeChangedRect(const QRect& rect) {
    const bool see_through = frames_ > 0 && mapper_.palette().size() < 256;
    const auto transparent = static_cast<std::uint8_t>(mapper_.palette().size());
    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;
    control.UserInputFlag = false;
    control.DelayTime = delay_;
    control.TransparentColor = see_through ? transparent : NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const std::size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, int(length), extension) != GIF_OK)
        fail("frame delay", gif_->Error);
    if (EGifPutImageDesc(gif_, rect.left(), rect.top(), rect.width(), rect.height(), false, nullptr) != GIF_OK)
        fail("frame header", gif_->Error);
    const int w = size_.width();
    std::vector<GifPixelType> pixels(static_cast<std::size_t>(rect.width()));
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        const std::size_t row = std::size_t(y) * std::size_t(w) + std::size_t(rect.left());
        for (std::size_t x = 0; x < pixels.size(); ++x)
            pixels[x] = see_through && current_[row + x] == previous_[row + x] ? transparent : current_[row + x];
        if (EGifPutLine(gif_, pixels.data(), rect.width()) != GIF_OK)
            fail("frame pixels", gif_->Error);
    }
}

void GifWriter::finish() {
    if (!gif_)
        return;
    int error = 0;
    GifFileType* gif = gif_;
    gif_ = nullptr;
    if (EGifCloseFile(gif, &error) != GIF_OK) {
        QFile::remove(path_);
        throw AnimationError(
            QStringLiteral("cannot write %1: %2").arg(path_, QString::fromLatin1(GifErrorString(error))).toStdString());
    }
}

} // namespace levex::ui
