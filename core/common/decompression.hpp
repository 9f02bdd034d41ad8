// Bounded reading of files that may be gzip-compressed: the one place in core where user
// files are inflated (alignments, structures, contact predictions; zip entries of
// checkpoints are checked with the same policy). A hostile or broken file ends in an
// axs::Error naming the file and the limit, in bounded memory:
//   * the decompressed size is checked while inflating, piece by piece (64 KiB), so a
//     "decompression bomb" stops at the limit instead of after exhausting memory;
//   * the expansion ratio is checked as well, so a bomb whose output would still fit under
//     a generous size limit (e.g. 1 GiB of repeated text from 1 MiB) stops after the first
//     `ratioGraceBytes` of output. Real text files expand 2- to 20-fold; deflate cannot
//     exceed about 1032-fold, which is what bombs use;
//   * compressed input is read from disk in 1 MiB blocks, never whole.
// Accepted gzip data: one or more members (as `cat a.gz b.gz` writes), optionally followed
// by zero padding (tape tools). Anything else after the last member is an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace axs {

/// What a reader accepts. Defaults suit text inputs of interactive use.
struct DecompressionLimits {
    /// Largest accepted content in bytes: the decompressed size of gzip data, or the size
    /// of a plain file.
    uint64_t maxBytes = uint64_t{1} << 30;
    /// Largest accepted decompressed / compressed ratio, checked once more than
    /// `ratioGraceBytes` have come out (small files may expand more without harm).
    /// 0 disables the check.
    double maxRatio = 200;
    uint64_t ratioGraceBytes = uint64_t{32} << 20;
};

/// True when the bytes start with the gzip magic 1f 8b.
bool isGzip(std::string_view bytes);

/// "20000 bytes", "512 MiB", "1.5 GiB": sizes as messages show them (exact below 1 MiB).
std::string describeByteSize(uint64_t bytes);

/// Incremental gzip inflater that enforces DecompressionLimits as it goes. Feed the
/// compressed stream in pieces of any size; decompressed pieces (at most 64 KiB each) go
/// to the sink in order. Every problem throws axs::Error("<name>: ...").
class GzipInflater {
public:
    using Sink = std::function<void(const char* data, size_t size)>;

    GzipInflater(std::string nameForMessages, DecompressionLimits limits);
    ~GzipInflater();
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    /// Inflates the next piece of the compressed stream. When the size limit is reached the
    /// part below the limit is still passed to the sink before the error is thrown.
    void feed(std::string_view compressed, const Sink& sink);
    /// Declares the end of the input: throws when it ends inside a gzip member.
    void finish();

    uint64_t compressedBytes() const { return bytesIn_; }     ///< consumed so far
    uint64_t decompressedBytes() const { return bytesOut_; }  ///< produced so far

private:
    struct State;
    void startMember(std::string_view& in);
    [[noreturn]] void fail(const std::string& what) const;

    std::string name_;
    DecompressionLimits limits_;
    std::unique_ptr<State> state_;
    uint64_t bytesIn_ = 0, bytesOut_ = 0;
    bool inMember_ = false, members_ = false, zeroPadding_ = false;
};

/// Reads a whole file, inflating it when it is gzip data (detected by its magic bytes, not
/// by the name). Peak memory is about the returned size plus 1 MiB. Throws axs::Error
/// naming `path` when the file cannot be read, is corrupt or truncated gzip, or breaks a
/// limit.
std::string readFileDecompressed(const std::string& path, const DecompressionLimits& limits);

/// The same for bytes already in memory (e.g. a dropped file): returns them as they are
/// when they are not gzip data (after the size limit check), inflated otherwise.
std::string decompressIfGzip(std::string_view bytes, const std::string& nameForMessages,
                             const DecompressionLimits& limits);

/// Decompresses as much of a (possibly cut-off or corrupt) gzip prefix as possible, at most
/// `maxOutputBytes`; never throws on bad data (returns what was decoded). For sniffing the
/// content of a file from its first bytes.
std::string gunzipPrefix(std::string_view bytes, size_t maxOutputBytes);

/// The size and ratio policy for data another library inflates (zip entries, whose sizes
/// the archive declares): throws axs::Error("<name>: ...") when `decompressed` bytes from
/// `compressed` bytes break `limits`.
void checkDecompressedSize(const std::string& nameForMessages, uint64_t compressed, uint64_t decompressed,
                           const DecompressionLimits& limits);

}  // namespace axs
