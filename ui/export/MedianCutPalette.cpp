// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/MedianCutPalette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace levex::ui {

namespace {

struct Entry {
    QRgb colour;
    double count;  ///< pixels of this colour
    double weight; ///< sqrt(count): rare colours (anti-aliased text, small marks) still get a say
};

struct Box {
    std::size_t begin, end; ///< range of entries
    int axis = 0;
    int range = 0;
    double weight = 0;
};

int channel(QRgb c, int axis) {
    return axis == 0 ? qRed(c) : axis == 1 ? qGreen(c) : qBlue(c);
}

void measure(Box& box, const std::vector<Entry>& entries) {
    std::array<int, 3> lo{255, 255, 255}, hi{0, 0, 0};
    box.weight = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) {
        for (int a = 0; a < 3; ++a) {
            lo[std::size_t(a)] = std::min(lo[std::size_t(a)], channel(entries[i].colour, a));
            hi[std::size_t(a)] = std::max(hi[std::size_t(a)], channel(entries[i].colour, a));
        }
        box.weight += entries[i].weight;
    }
    box.axis = 0;
    box.range = 0;
    for (int a = 0; a < 3; ++a)
        if (hi[std::size_t(a)] - lo[std::size_t(a)] > box.range) {
            box.range = hi[std::size_t(a)] - lo[std::size_t(a)];
            box.axis = a;
        }
}

QRgb representative(const Box& box, const std::vector<Entry>& entries) {
    double total = 0, r = 0, g = 0, b = 0;
    const Entry* top = &entries[box.begin];
    for (std::size_t i = box.begin; i < box.end; ++i) {
        const Entry& e = entries[i];
        total += e.count;
        r += e.count * qRed(e.colour);
        g += e.count * qGreen(e.colour);
        b += e.count * qBlue(e.colour);
        if (e.count > top->count)
            top = &e;
    }
    if (top->count * 2 >= total)
        return top->colour;
    return qRgb(int(std::lround(r / total)), int(std::lround(g / total)), int(std::lround(b / total)));
}

} // namespace

std::vector<QRgb> median_cut_palette(const std::vector<QImage>& samples, int colours) {
    std::unordered_map<QRgb, double> histogram;
    for (const QImage& sample : samples) {
        const QImage image = sample.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                histogram[line[x] | 0xff000000u] += 1.0;
        }
    }
    std::vector<Entry> entries;
    entries.reserve(histogram.size());
    for (const auto& [colour, count] : histogram)
        entries.push_back({colour, count, std::sqrt(count)});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.colour < b.colour; });
    if (entries.empty())
        return {qRgb(0, 0, 0)};

    std::vector<Box> boxes{Box{0, entries.size()}};
    measure(boxes.front(), entries);
    while (int(boxes.size()) < colours) {
        // Split the box whose colours spread most, weighted by how much they are seen.
        auto widest = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            return double(a.range) * a.weight < double(b.range) * b.weight;
        });
        if (widest->range == 0 || widest->end - widest->begin < 2)
            break;
        Box box = *widest;
        std::sort(entries.begin() + std::ptrdiff_t(box.begin), entries.begin() + std::ptrdiff_t(box.end),
                  [axis = box.axis](const Entry& a, const Entry& b) {
                      return channel(a.colour, axis) < channel(b.colour, axis);
                  });
        double half = 0;
        std::size_t split = box.begin;
        while (split < box.end - 1 && half + entries[split].weight <= box.weight / 2)
            half += entries[split++].weight;
        split = std::max(split, box.begin + 1);
        Box low{box.begin, split}, high{split, box.end};
        measure(low, entries);
        measure(high, entries);
        *widest = low;
        boxes.push_back(high);
    }
    std::vector<QRgb> palette;
    for (const Box& box : boxes)
        palette.push_back(representative(box, entries));
    return palette;
}

PaletteMapper::PaletteMapper(std::vector<QRgb> palette) : palette_(std::move(palette)) {}

std::uint8_t PaletteMapper::index(QRgb colour) {
    colour |= 0xff000000u;
    if (const auto it = cache_.find(colour); it != cache_.end())
        return it->second;
    // Nearest by a weighted distance close to how the eye ranks differences (green most, blue least).
    std::uint8_t best = 0;
    int best_distance = INT32_MAX;
    for (std::size_t i = 0; i < palette_.size(); ++i) {
        const int dr = qRed(colour) - qRed(palette_[i]), dg = qGreen(colour) - qGreen(palette_[i]),
                  db = qBlue(colour) - qBlue(palette_[i]);
        const int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
        if (distance < best_distance) {
            best_distance = distance;
            best = std::uint8_t(i);
        }
    }
    cache_.emplace(colour, best);
    return best;
}

} // namespace levex::ui
