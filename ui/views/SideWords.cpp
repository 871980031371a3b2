// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/views/SideWords.h"

#include <array>
#include <utility>

namespace levex::ui {

QString in_lending_words(QString text) {
    // The longer phrases first, then the bare words.
    static const std::array<std::pair<const char*, const char*>, 10> words{{
        {"Longs: open levels", "At stake on a fall"},
        {"Shorts: open levels", "At stake on a rise"},
        {"Longs, cumulative", "On a fall, cumulative"},
        {"Shorts, cumulative", "On a rise, cumulative"},
        {"open longs", "at stake on a fall"},
        {"open shorts", "at stake on a rise"},
        {"longs below", "on a fall, below"},
        {"shorts above", "on a rise, above"},
        {"longs", "on a fall"},
        {"shorts", "on a rise"},
    }};
    for (const auto& [from, to] : words)
        text.replace(QLatin1String(from), QLatin1String(to));
    return text;
}

} // namespace levex::ui
