#include "common/decompression.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "common/error.hpp"

namespace axs {

namespace {

constexpr size_t kOutPiece = size_t{64} << 10;     // decompressed bytes per sink call
constexpr size_t kReadBlock = size_t{1} << 20;     // compressed bytes read from disk at a time
constexpr size_t kMaxZlibInput = size_t{1} << 30;  // avail_in is 32-bit

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr openForReading(const std::string& path) {
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) failFile(path, std::string("cannot open for reading: ") + std::strerror(errno));
    return f;
}

// Decompressed output gathered in pieces and joined once at the end, one piece at a time,
// so joining needs only the final size plus one piece (a growing std::string would hold
// its old and new buffer, up to twice the final size, when it reallocates).
class PieceBuffer {
public:
    void append(const char* data, size_t size) {
        if (pieces_.empty() || pieces_.back().size() + size > pieces_.back().capacity()) {
            // Pieces grow with the output (64 KiB up to 4 MiB), so small files stay small.
            pieces_.emplace_back();
            pieces_.back().reserve(std::max(size, std::clamp(total_, kFirstPieceBytes, kPieceBytes)));
        }
        pieces_.back().append(data, size);
        total_ += size;
    }
    size_t size() const { return total_; }
    std::string join() {
        std::string out;
        out.reserve(total_);
        for (std::string& p : pieces_) {
            out += p;
            std::string().swap(p);
        }
        pieces_.clear();
        return out;
    }

private:
    static constexpr size_t kFirstPieceBytes = size_t{64} << 10, kPieceBytes = size_t{4} << 20;
    std::vector<std::string> pieces_;
    size_t total_ = 0;
};

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

}  // namespace

bool isGzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string describeByteSize(uint64_t bytes) {
    constexpr double kMiB = 1024.0 * 1024, kGiB = kMiB * 1024;
    const auto b = static_cast<double>(bytes);
    if (b >= kGiB) return fixed1(b / kGiB) + " GiB";
    if (b >= kMiB) return fixed1(b / kMiB) + " MiB";
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

void checkDecompressedSize(const std::string& name, uint64_t compressed, uint64_t decompressed,
                           const DecompressionLimits& limits) {
    if (decompressed > limits.maxBytes)
        failFile(name, "the decompressed data exceeds the limit of " + describeByteSize(limits.maxBytes) +
                           " (a decompression bomb, or a file too large to open here)");
    if (limits.maxRatio > 0 && decompressed > limits.ratioGraceBytes &&
        static_cast<double>(decompressed) > limits.maxRatio * static_cast<double>(std::max<uint64_t>(compressed, 1)))
        failFile(name, "the compressed data expands more than " + fixed1(limits.maxRatio) + "-fold (" +
                           describeByteSize(decompressed) + " from " + describeByteSize(compressed) +
                           "), which only decompression bombs do; refused");
}

struct GzipInflater::State {
    z_stream zs{};
    bool initialised = false;
};

GzipInflater::GzipInflater(std::string nameForMessages, DecompressionLimits limits)
    : name_(std::move(nameForMessages)), limits_(limits), state_(std::make_unique<State>()) {
    // 16 + MAX_WBITS: gzip wrapper only (no raw deflate or zlib streams).
    if (inflateInit2(&state_->zs, 16 + MAX_WBITS) != Z_OK) fail("cannot initialise gzip decompression (zlib)");
    state_->initialised = true;
}

GzipInflater::~GzipInflater() {
    if (state_->initialised) inflateEnd(&state_->zs);
}

void GzipInflater::fail(const std::string& what) const { failFile(name_, what); }

// Called between members with input left: a further member, or zero padding to the end.
void GzipInflater::startMember(std::string_view& in) {
    if (zeroPadding_ || (members_ && in.front() == 0)) {
        zeroPadding_ = true;
        if (std::any_of(in.begin(), in.end(), [](char c) { return c != 0; }))
            fail("unexpected data after the gzip data (neither another gzip member nor zero padding)");
        bytesIn_ += in.size();
        in = {};
        return;
    }
    if (members_) {
        if (static_cast<unsigned char>(in.front()) != 0x1f || (in.size() >= 2 && !isGzip(in)))
            fail("unexpected data after the gzip data (neither another gzip member nor zero padding)");
        if (inflateReset(&state_->zs) != Z_OK) fail("cannot restart gzip decompression (zlib)");
    }
    inMember_ = true;
}

void GzipInflater::feed(std::string_view in, const Sink& sink) {
    z_stream& zs = state_->zs;
    char out[kOutPiece];
    while (!in.empty()) {
        if (!inMember_) {
            startMember(in);
            if (in.empty()) break;
        }
        const size_t chunk = std::min(in.size(), kMaxZlibInput);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        zs.avail_in = static_cast<uInt>(chunk);
        int rc = Z_OK;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(out);
            zs.avail_out = sizeof out;
            const uInt availBefore = zs.avail_in;
            rc = inflate(&zs, Z_NO_FLUSH);
            bytesIn_ += availBefore - zs.avail_in;
            if (rc == Z_BUF_ERROR && zs.avail_in > 0 && zs.avail_out > 0)  // cannot happen; never spin
                fail("gzip decompression made no progress (zlib)");
            if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_STREAM_ERROR || rc == Z_MEM_ERROR)
                fail(std::string("corrupt gzip data (zlib: ") + (zs.msg ? zs.msg : "error " + std::to_string(rc)) +
                     ")");
            const size_t produced = sizeof out - zs.avail_out;
            if (produced > 0) {
                const uint64_t room = limits_.maxBytes - std::min(limits_.maxBytes, bytesOut_);
                bytesOut_ += produced;
                if (produced > room && room > 0) sink(out, static_cast<size_t>(room));
                checkDecompressedSize(name_, bytesIn_, bytesOut_, limits_);
                sink(out, produced);
            }
            if (rc == Z_STREAM_END) {
                inMember_ = false;
                members_ = true;
                break;
            }
            // Z_BUF_ERROR: no progress without more input; Z_OK with room left: input used up.
        } while (rc != Z_BUF_ERROR && (zs.avail_in > 0 || zs.avail_out == 0));
        in.remove_prefix(chunk - zs.avail_in);
    }
}

void GzipInflater::finish() {
    if (inMember_) fail("truncated gzip data (the file ends inside a compressed stream)");
    if (!members_) fail("no gzip data");
}

std::string decompressIfGzip(std::string_view bytes, const std::string& name, const DecompressionLimits& limits) {
    if (!isGzip(bytes)) {
        if (bytes.size() > limits.maxBytes)
            failFile(name, "the data has " + describeByteSize(bytes.size()) + ", more than the limit of " +
                               describeByteSize(limits.maxBytes));
        return std::string(bytes);
    }
    PieceBuffer out;
    GzipInflater inflater(name, limits);
    inflater.feed(bytes, [&out](const char* d, size_t n) { out.append(d, n); });
    inflater.finish();
    return out.join();
}

std::string readFileDecompressed(const std::string& path, const DecompressionLimits& limits) {
    FilePtr file = openForReading(path);
    std::vector<char> block(kReadBlock);
    size_t got = std::fread(block.data(), 1, block.size(), file.get());
    if (std::ferror(file.get())) failFile(path, std::string("read error: ") + std::strerror(errno));
    const std::string_view first(block.data(), got);
    PieceBuffer out;
    if (!isGzip(first)) {
        // Plain file: stop at the limit instead of reading an oversized file to the end.
        for (;;) {
            if (out.size() + got > limits.maxBytes)
                failFile(path, "the file is larger than the limit of " + describeByteSize(limits.maxBytes));
            out.append(block.data(), got);
            if (got < block.size()) return out.join();
            got = std::fread(block.data(), 1, block.size(), file.get());
            if (std::ferror(file.get())) failFile(path, std::string("read error: ") + std::strerror(errno));
        }
    }
    GzipInflater inflater(path, limits);
    const auto sink = [&out](const char* d, size_t n) { out.append(d, n); };
    inflater.feed(first, sink);
    while (got == block.size()) {
        got = std::fread(block.data(), 1, block.size(), file.get());
        if (std::ferror(file.get())) failFile(path, std::string("read error: ") + std::strerror(errno));
        inflater.feed(std::string_view(block.data(), got), sink);
    }
    inflater.finish();
    return out.join();
}

std::string gunzipPrefix(std::string_view bytes, size_t maxOutputBytes) {
    std::string out;
    DecompressionLimits limits;
    limits.maxBytes = maxOutputBytes;
    limits.maxRatio = 0;
    try {
        GzipInflater inflater("", limits);
        inflater.feed(bytes, [&out](const char* d, size_t n) { out.append(d, n); });
    } catch (const Error&) {
        // Keep what was decoded before the damage or the limit.
    }
    return out;
}

}  // namespace axs
