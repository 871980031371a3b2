// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a window screenshot: at least 1000x600, and both the long and the short bar colours
// cover a visible area (the map was drawn, not an empty window).
#include "ui/views/Theme.h"

#include <QCoreApplication>
#include <QImage>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: check_screenshot FILE.png\n");
        return 2;
    }
    const QImage image(QString::fromLocal8Bit(argv[1]));
    if (image.isNull()) {
        std::fprintf(stderr, "%s: not a readable image\n", argv[1]);
        return 1;
    }
    long long longs = 0, shorts = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            longs += p == levex::ui::theme::kLongColor.rgb();
            shorts += p == levex::ui::theme::kShortColor.rgb();
        }
    std::printf("%dx%d, long pixels %lld, short pixels %lld\n", image.width(), image.height(), longs, shorts);
    if (image.width() < 1000 || image.height() < 600) {
        std::fprintf(stderr, "expected at least 1000x600\n");
        return 1;
    }
    if (longs < 200 || shorts < 200) {
        std::fprintf(stderr, "expected the liquidation map's long and short bars to be drawn\n");
        return 1;
    }
    return 0;
}
