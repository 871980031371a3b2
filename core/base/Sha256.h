// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace levex {

/// SHA-256 (FIPS 180-4) of `bytes` as 64 lowercase hex digits: a book's identity (docs/command-line.md).
std::string sha256_hex(std::string_view bytes);

/// SHA-256 fed in pieces, for a file read in blocks: update() any number of times, then hex()
/// (once; the hash is finished by it). Equal to sha256_hex() of the concatenated pieces.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    std::string hex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

} // namespace levex
