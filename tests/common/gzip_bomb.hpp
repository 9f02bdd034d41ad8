// Gzip "bombs" made at run time, never committed: one block of text is deflated once with a
// full flush (so it refers to nothing before it), and its compressed bytes are written
// `repeats` times between a gzip header and trailer. Gigabytes of output cost a few
// megabytes and milliseconds to write. Tests that use it link ZLIB::ZLIB.
#pragma once

#include <zlib.h>

#include <QFile>
#include <QString>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

namespace axs::test {

/// `lines` repeated up to `bytes` bytes (whole copies and a cut-off one).
inline std::string repeatedText(const std::string& lines, size_t bytes) {
    std::string out;
    out.reserve(bytes);
    while (out.size() < bytes) out.append(lines, 0, std::min(lines.size(), bytes - out.size()));
    return out;
}

/// A valid gzip stream of `block` repeated `repeats` times, in memory.
inline QByteArray gzipBomb(const std::string& block, uint64_t repeats) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);  // raw deflate, we write the wrapper
    std::string body(deflateBound(&z, uLong(block.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
    z.avail_in = uInt(block.size());
    z.next_out = reinterpret_cast<Bytef*>(body.data());
    z.avail_out = uInt(body.size());
    deflate(&z, Z_FULL_FLUSH);
    body.resize(body.size() - z.avail_out);
    std::string end(64, '\0');
    z.next_out = reinterpret_cast<Bytef*>(end.data());
    z.avail_out = uInt(end.size());
    deflate(&z, Z_FINISH);  // the final (empty) block
    end.resize(end.size() - z.avail_out);
    deflateEnd(&z);

    // CRC-32 of the whole output without computing it byte by byte: combine by doubling.
    const uLong blockCrc = crc32(0, reinterpret_cast<const Bytef*>(block.data()), uInt(block.size()));
    uLong crc = 0, powCrc = blockCrc;
    z_off64_t powLen = z_off64_t(block.size());
    for (uint64_t n = repeats; n; n >>= 1) {
        if (n & 1) crc = crc32_combine64(crc, powCrc, powLen);
        powCrc = crc32_combine64(powCrc, powCrc, powLen);
        powLen *= 2;
    }
    const uint64_t total = uint64_t(block.size()) * repeats;
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    out.reserve(qsizetype(10 + body.size() * repeats + end.size() + 8));
    for (uint64_t k = 0; k < repeats; ++k) out.append(body.data(), qsizetype(body.size()));
    out.append(end.data(), qsizetype(end.size()));
    for (int b = 0; b < 4; ++b) out.append(char((crc >> (8 * b)) & 0xff));
    for (int b = 0; b < 4; ++b) out.append(char((total >> (8 * b)) & 0xff));  // ISIZE: size mod 2^32
    return out;
}

/// Writes gzipBomb(block, repeats) to `path`; false on failure.
inline bool writeGzipBomb(const QString& path, const std::string& block, uint64_t repeats) {
    QFile f(path);
    const QByteArray bytes = gzipBomb(block, repeats);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// 1 MiB of PDB ATOM lines: `distinctLines` lines with pseudo-random coordinates, repeated.
/// The fewer distinct lines, the more the block compresses: 1 line expands about 290-fold
/// (like the 20 MB file that inflates to 6 GB), 100 lines about 120-fold (zlib level 9).
inline std::string pdbBombBlock(int distinctLines) {
    std::string motif;
    uint32_t x = 12345;
    char line[96];
    for (int k = 0; k < distinctLines; ++k) {
        auto coordinate = [&x] {
            x = x * 1664525u + 1013904223u;
            return double(x >> 8) / double(1u << 24) * 99.0;
        };
        const double a = coordinate(), b = coordinate(), c = coordinate();
        std::snprintf(line, sizeof line, "ATOM  %5d  CA  ALA A%4d    %8.3f%8.3f%8.3f  1.00  0.00           C\n", k + 1,
                      k + 1, a, b, c);
        motif += line;
    }
    return repeatedText(motif, size_t{1} << 20);
}

}  // namespace axs::test
