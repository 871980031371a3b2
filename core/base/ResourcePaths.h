// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace levex {

/// The program version (the CMake project version).
const char* version();

/// Folder holding `venues/`, `protocols/` and `samples/`: $LEVEX_DATA_DIR if set, else `../share/levex` beside
/// the running executable (an installed copy, wherever its prefix), else the source tree's `resources/` (a build tree).
std::string resource_dir();

std::string venue_dir();
/// Folder of the bundled lending protocol profiles.
std::string protocol_dir();
/// The bundled sample book the app opens by default.
std::string sample_book_path();

} // namespace levex
