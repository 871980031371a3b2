// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace levex {

/// SHA-256 (FIPS 180-4) of `bytes` as 64 lowercase hex digits: a book's identity (docs/command-line.md).
std::string sha256_hex(std::string_view bytes);

} // namespace levex
