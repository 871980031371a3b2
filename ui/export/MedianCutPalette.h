// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QRgb>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace levex::ui {

/// At most `colours` colours representing the pixels of `samples` (median cut over their colour
/// histogram). A chart has a few dominant flat colours (page, text, bars) and a smooth scale: each
/// box's colour is its most frequent one when that dominates the box, so the page and the text
/// stay exact, and the mean otherwise, so a smooth scale keeps its steps.
std::vector<QRgb> median_cut_palette(const std::vector<QImage>& samples, int colours = 256);

/// Maps colours to their nearest palette entry, remembering each answer (charts repeat colours).
class PaletteMapper {
public:
    explicit PaletteMapper(std::vector<QRgb> palette);
    std::uint8_t index(QRgb colour);
    const std::vector<QRgb>& palette() const { return palette_; }

private:
    std::vector<QRgb> palette_;
    std::unordered_map<QRgb, std::uint8_t> cache_;
};

} // namespace levex::ui
