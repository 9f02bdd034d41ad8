#include "common/npy.hpp"

#include <cstring>
#include <regex>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

struct NpyHeader {
    std::string descr;
    std::vector<int64_t> shape;
    size_t dataOffset = 0;
};

NpyHeader parseHeader(const std::string& path, std::string_view bytes) {
    static const char kMagic[] = "\x93NUMPY";
    if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0)
        failFile(path, "not a NumPy .npy file (bad magic)");
    const auto major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, pos = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        pos = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) failFile(path, "truncated .npy header");
        headerLen = 0;
        for (int i = 0; i < 4; ++i)
            headerLen |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
        pos = 12;
    } else {
        failFile(path, "unsupported .npy version " + std::to_string(major));
    }
    if (pos + headerLen > bytes.size()) failFile(path, "truncated .npy header");
    const std::string header(bytes.substr(pos, headerLen));
    NpyHeader h;
    h.dataOffset = pos + headerLen;
    std::smatch m;
    if (!std::regex_search(header, m, std::regex("'descr'\\s*:\\s*'([^']+)'")))
        failFile(path, "no dtype in .npy header");
    h.descr = m[1];
    if (std::regex_search(header, m, std::regex("'fortran_order'\\s*:\\s*True")))
        failFile(path, "Fortran-ordered arrays are not supported");
    if (!std::regex_search(header, m, std::regex("'shape'\\s*:\\s*\\(([^)]*)\\)")))
        failFile(path, "no shape in .npy header");
    std::string dims = m[1];
    std::stringstream ss(dims);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.find_first_not_of(" \t") == std::string::npos) continue;
        try {
            const long long v = std::stoll(item);
            if (v < 0) failFile(path, "negative dimension in .npy header");
            h.shape.push_back(v);
        } catch (const std::logic_error&) {
            failFile(path, "bad shape in .npy header: (" + dims + ")");
        }
    }
    return h;
}

template <class Out, class In>
void convertInto(std::vector<Out>& out, const char* src, size_t n) {
    out.resize(n);
    for (size_t i = 0; i < n; ++i) {
        In v;
        std::memcpy(&v, src + i * sizeof(In), sizeof(In));
        out[i] = static_cast<Out>(v);
    }
}

float halfToFloat(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {
            exp = 127 - 15 + 1;
            while (!(mant & 0x400)) {
                mant <<= 1;
                --exp;
            }
            bits = sign | (exp << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000 | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

template <class T>
Tensor<T> readAs(const std::string& path, std::string_view bytes, bool wantFloat) {
    const NpyHeader h = parseHeader(path, bytes);
    Tensor<T> t;
    t.shape = h.shape;
    const char* src = bytes.data() + h.dataOffset;
    const size_t avail = bytes.size() - h.dataOffset;
    // Element count without overflow: a hostile header may declare any shape, and the data
    // must be present before anything is allocated.
    int64_t count = 1;
    for (const int64_t dim : h.shape)
        if (__builtin_mul_overflow(count, dim, &count))
            failFile(path, "the .npy header declares an impossibly large shape " + t.shapeString());
    const auto n = static_cast<size_t>(count);
    auto need = [&](size_t elem) {
        if (n > avail / elem)
            failFile(path,
                     "truncated .npy data (" + std::to_string(avail) + " bytes for the shape " + t.shapeString() + ")");
    };
    const std::string& d = h.descr;
    if (wantFloat && (d == "<f4")) {
        need(4);
        convertInto<T, float>(t.data, src, n);
    } else if (wantFloat && d == "<f8") {
        need(8);
        convertInto<T, double>(t.data, src, n);
    } else if (wantFloat && d == "<f2") {
        need(2);
        t.data.resize(n);
        for (size_t i = 0; i < n; ++i) {
            uint16_t v;
            std::memcpy(&v, src + 2 * i, 2);
            t.data[i] = static_cast<T>(halfToFloat(v));
        }
    } else if (!wantFloat && d == "<i8") {
        need(8);
        convertInto<T, int64_t>(t.data, src, n);
    } else if (!wantFloat && d == "<i4") {
        need(4);
        convertInto<T, int32_t>(t.data, src, n);
    } else if (!wantFloat && d == "<i2") {
        need(2);
        convertInto<T, int16_t>(t.data, src, n);
    } else if (!wantFloat && d == "|i1") {
        need(1);
        convertInto<T, int8_t>(t.data, src, n);
    } else if (!wantFloat && d == "|u1") {
        need(1);
        convertInto<T, uint8_t>(t.data, src, n);
    } else
        failFile(path, std::string("unsupported .npy dtype '") + d + "' (expected " +
                           (wantFloat ? "float" : "integer") + ")");
    return t;
}

/// The 64-byte-aligned version-1.0 preamble and header of a C-order array.
std::string npyPreamble(const std::vector<int64_t>& dims, const char* descr) {
    std::string shape = "(";
    for (size_t i = 0; i < dims.size(); ++i)
        shape += std::to_string(dims[i]) + (dims.size() == 1 ? "," : (i + 1 < dims.size() ? ", " : ""));
    shape += ")";
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Pad so that magic(6)+version(2)+len(2)+header is a multiple of 64, ending in '\n'.
    const size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header.push_back('\n');
    const uint16_t len = static_cast<uint16_t>(header.size());
    std::string preamble("\x93NUMPY\x01\x00", 8);
    preamble.push_back(static_cast<char>(len & 0xff));
    preamble.push_back(static_cast<char>(len >> 8));
    return preamble + header;
}

template <class T>
void writeAs(const std::string& path, const Tensor<T>& t, const char* descr) {
    const std::string preamble = npyPreamble(t.shape, descr);
    writeFileAtomically(path, [&](std::ostream& out) {
        out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
        out.write(reinterpret_cast<const char*>(t.data.data()),
                  static_cast<std::streamsize>(t.data.size() * sizeof(T)));
    });
}

}  // namespace

TensorF readNpyFloat(const std::string& path) { return readAs<float>(path, readFileBytes(path), true); }
TensorI64 readNpyInt64(const std::string& path) { return readAs<int64_t>(path, readFileBytes(path), false); }
TensorF readNpyFloatFromMemory(std::string_view bytes, const std::string& nameForMessages) {
    return readAs<float>(nameForMessages, bytes, true);
}
void writeNpy(const std::string& path, const TensorF& t) { writeAs(path, t, "<f4"); }
void writeNpy(const std::string& path, const TensorI64& t) { writeAs(path, t, "<i8"); }

NpyFloatStreamWriter::NpyFloatStreamWriter(const std::string& path, std::vector<int64_t> shape)
    : file_(path), expected_(1) {
    for (int64_t dim : shape) {
        if (dim < 0) failFile(path, "negative dimension for a .npy array");
        expected_ *= static_cast<size_t>(dim);
    }
    const std::string preamble = npyPreamble(shape, "<f4");
    file_.stream().write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
}

void NpyFloatStreamWriter::append(const float* values, size_t count) {
    if (written_ + count > expected_)
        failFile(file_.path(), "more values than the declared shape holds (" + std::to_string(written_ + count) +
                                   " > " + std::to_string(expected_) + ")");
    file_.stream().write(reinterpret_cast<const char*>(values), static_cast<std::streamsize>(count * sizeof(float)));
    if (!file_.stream()) failFile(file_.path(), "write failed (disk full or I/O error)");
    written_ += count;
}

void NpyFloatStreamWriter::commit() {
    if (written_ != expected_)
        failFile(file_.path(), "incomplete array: " + std::to_string(written_) + " of " + std::to_string(expected_) +
                                   " values written");
    file_.commit();
}

}  // namespace axs
