#include "workflow/file_digest.hpp"

#include <nettle/sha2.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <vector>

#include "common/error.hpp"

namespace axs {

namespace {

std::string hex(const std::array<uint8_t, SHA256_DIGEST_SIZE>& digest) {
    static const char* const kDigits = "0123456789abcdef";
    std::string out;
    for (uint8_t b : digest) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out;
}

}  // namespace

std::string sha256OfFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) failFile(path, "cannot be read");
    sha256_ctx ctx;
    sha256_init(&ctx);
    std::vector<char> block(size_t{1} << 20);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        const std::streamsize n = in.gcount();
        if (n > 0) sha256_update(&ctx, static_cast<size_t>(n), reinterpret_cast<const uint8_t*>(block.data()));
    }
    if (in.bad()) failFile(path, "read error");
    std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&ctx, digest.size(), digest.data());
    return hex(digest);
}

std::string sha256OfBytes(const std::string& bytes) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
    std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&ctx, digest.size(), digest.data());
    return hex(digest);
}

}  // namespace axs
