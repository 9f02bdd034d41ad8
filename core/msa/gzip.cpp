#include "msa/gzip.hpp"

#include <zlib.h>

#include <algorithm>

#include "common/error.hpp"

namespace axs {
namespace {

// Inflates member after member. Returns false (with `why`) on corrupt/truncated data or
// when the limit is hit; `out` holds what was decoded so far.
bool inflateAll(std::string_view in, size_t maxOut, std::string& out, std::string& why) {
    size_t pos = 0;
    char buffer[1 << 15];
    while (pos < in.size()) {
        if (!isGzip(in.substr(pos))) {
            // Trailing zero padding after the last member (written by some tape tools) is harmless.
            if (std::all_of(in.begin() + static_cast<std::ptrdiff_t>(pos), in.end(), [](char c) { return c == 0; }))
                return true;
            why = "unexpected data after gzip member";
            return false;
        }
        z_stream zs{};
        if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
            why = "zlib initialisation failed";
            return false;
        }
        int rc = Z_OK;
        while (rc != Z_STREAM_END) {
            const size_t chunk = std::min<size_t>(in.size() - pos, 1u << 30);
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
            zs.avail_in = static_cast<uInt>(chunk);
            zs.next_out = reinterpret_cast<Bytef*>(buffer);
            zs.avail_out = sizeof(buffer);
            rc = inflate(&zs, Z_NO_FLUSH);
            pos += chunk - zs.avail_in;
            const size_t produced = sizeof(buffer) - zs.avail_out;
            if (produced > maxOut - std::min(maxOut, out.size())) {
                out.append(buffer, std::min(produced, maxOut - std::min(maxOut, out.size())));
                inflateEnd(&zs);
                why = "decompressed size exceeds the limit of " + std::to_string(maxOut) + " bytes";
                return false;
            }
            out.append(buffer, produced);
            if (rc == Z_STREAM_END) break;
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                why =
                    std::string("corrupt gzip data (zlib: ") + (zs.msg ? zs.msg : "error " + std::to_string(rc)) + ")";
                inflateEnd(&zs);
                return false;
            }
            if (pos >= in.size() && zs.avail_out != 0) {
                inflateEnd(&zs);
                why = "truncated gzip data (the file ends inside a compressed stream)";
                return false;
            }
        }
        inflateEnd(&zs);
    }
    return true;
}

}  // namespace

bool isGzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, size_t maxOutputBytes, const std::string& nameForMessages) {
    std::string out, why;
    if (!inflateAll(bytes, maxOutputBytes, out, why)) failFile(nameForMessages, why);
    return out;
}

std::string gunzipPrefix(std::string_view bytes, size_t maxOutputBytes) {
    std::string out, why;
    inflateAll(bytes, maxOutputBytes, out, why);
    return out;
}

}  // namespace axs
