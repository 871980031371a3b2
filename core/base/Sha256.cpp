// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 from libcrypto (OpenSSL 3 EVP): it uses the CPU's SHA extensions or vector units where
// there are any, several times the speed of portable code on the books of hundreds of MB we hash.
#include "core/base/Sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace levex {
namespace {

// OpenSSL 3 looks an algorithm up by name on every implicit use; fetching it once saves that
// lookup on each small hash.
const EVP_MD* sha256_algorithm() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md)
        throw std::runtime_error("SHA-256: libcrypto has no SHA256 implementation (OpenSSL providers missing?)");
    return md;
}

std::string to_hex(const unsigned char* digest, unsigned length) {
    static const char* hex = "0123456789abcdef";
    std::string out(2 * std::size_t(length), '0');
    for (unsigned i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xF];
    }
    return out;
}

} // namespace

struct Sha256::Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
    if (!context_->ctx || EVP_DigestInit_ex2(context_->ctx, sha256_algorithm(), nullptr) != 1)
        throw std::runtime_error("SHA-256: libcrypto could not start a digest (out of memory?)");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    if (EVP_DigestUpdate(context_->ctx, bytes.data(), bytes.size()) != 1)
        throw std::runtime_error("SHA-256: libcrypto failed to hash the data");
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    if (EVP_DigestFinal_ex(context_->ctx, digest, &length) != 1)
        throw std::runtime_error("SHA-256: libcrypto failed to finish the digest");
    return to_hex(digest, length);
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256_algorithm(), nullptr) != 1)
        throw std::runtime_error("SHA-256: libcrypto failed to hash the data");
    return to_hex(digest, length);
}

} // namespace levex
