// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string_view>

namespace levex {

/// Takes a text piece by piece, in order: a file being written, standard output, a string. A piece
/// is valid only during the call. A sink that cannot take a piece throws (IoError for a file).
using TextSink = std::function<void(std::string_view)>;

/// Makes a text by passing its pieces, in order, to the sink it is given: a large table is then
/// written while it is being made, never held whole in memory.
using TextProducer = std::function<void(const TextSink&)>;

} // namespace levex
