// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 against the FIPS 180-4 examples (NIST CSRC "Example Algorithms") and the padding edges.
#include "core/base/Sha256.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using levex::sha256_hex;

TEST(Sha256, FipsExamples) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// 55 bytes is the longest message whose padding fits its last block; 56 needs one more block.
TEST(Sha256, PaddingEdges) {
    EXPECT_EQ(sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, BinaryBytesIncludingZeros) {
    const std::string bytes("\0\x01\xff\0", 4);
    EXPECT_EQ(sha256_hex(bytes), "7d5c5de84c8ff4027cfb003aed237d4b27d0fe6edfb7e83e3e4bda87c5eec7d9");
}

// Pieces of every size across the 64-byte block edges hash as the whole.
TEST(Sha256, StreamedPiecesEqualTheWhole) {
    std::string whole;
    for (int i = 0; i < 1000; ++i)
        whole += static_cast<char>(i * 7 + 3);
    for (std::size_t piece : {1u, 3u, 63u, 64u, 65u, 200u, 1000u}) {
        levex::Sha256 hash;
        for (std::size_t at = 0; at < whole.size(); at += piece)
            hash.update(std::string_view(whole).substr(at, piece));
        EXPECT_EQ(hash.hex(), sha256_hex(whole)) << piece;
    }
    levex::Sha256 nothing;
    EXPECT_EQ(nothing.hex(), sha256_hex(""));
}
