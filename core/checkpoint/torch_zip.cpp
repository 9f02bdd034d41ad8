// Zip container: <prefix>/data.pkl (the pickle), <prefix>/data/<key> (raw storages),
// <prefix>/byteorder (optional), <prefix>/version; the folder name <prefix> varies.
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "checkpoint/pickle_reader.hpp"
#include "checkpoint/torch_containers.hpp"
#include "checkpoint/torch_persistent.hpp"
#include "common/decompression.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

constexpr zip_uint64_t kMaxPickleBytes = zip_uint64_t{256} << 20;
constexpr zip_int64_t kMaxEntries = 1 << 20;
// Compressed entries: no size limit beyond what the pickle's shapes ask for (checked where
// storages are read), but the default ratio check against decompression bombs.
const DecompressionLimits kEntryLimits{~uint64_t{0}, DecompressionLimits{}.maxRatio,
                                       DecompressionLimits{}.ratioGraceBytes};

// zlib's CRC-32 of `size` bytes, computed in 4 MiB chunks on all OpenMP threads and
// joined with crc32_combine.
uint32_t parallelCrc32(const void* data, uint64_t size) {
    constexpr uint64_t kChunk = uint64_t{4} << 20;
    const auto* bytes = static_cast<const Bytef*>(data);
    if (size <= kChunk) return static_cast<uint32_t>(crc32_z(0, bytes, size));
    const int64_t chunks = static_cast<int64_t>((size + kChunk - 1) / kChunk);
    std::vector<uLong> crcs(static_cast<size_t>(chunks));
#pragma omp parallel for schedule(static)
    for (int64_t c = 0; c < chunks; ++c) {
        const uint64_t start = static_cast<uint64_t>(c) * kChunk;
        crcs[static_cast<size_t>(c)] = crc32_z(0, bytes + start, std::min(kChunk, size - start));
    }
    uLong crc = crcs[0];
    for (int64_t c = 1; c < chunks; ++c) {
        const uint64_t start = static_cast<uint64_t>(c) * kChunk;
        crc = crc32_combine(crc, crcs[static_cast<size_t>(c)], static_cast<z_off_t>(std::min(kChunk, size - start)));
    }
    return static_cast<uint32_t>(crc);
}

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

class ZipArchive {
public:
    ZipArchive(const std::string& path) : path_(path) {
        int code = 0;
        zip_.reset(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
        if (!zip_) {
            zip_error_t error;
            zip_error_init_with_code(&error, code);
            const std::string message = zip_error_strerror(&error);
            zip_error_fini(&error);
            failFile(path, "not a readable zip archive, the file is truncated or corrupt (" + message + ")");
        }
    }

    zip_t* get() const { return zip_.get(); }

    /// Index of entry `name`, or -1.
    zip_int64_t locate(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), 0); }

    zip_stat_t stat(zip_uint64_t index, const std::string& name) const {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip_.get(), index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            failFile(path_, "cannot read the zip entry " + name + " (" + zip_strerror(zip_.get()) + ")");
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            failFile(path_, "the zip entry " + name + " is encrypted");
        // torch.save stores entries uncompressed; a compressed one is inflated by libzip, so
        // hold its declared sizes to the same policy as gzip input (a bomb entry is refused
        // before anything is allocated for it).
        if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE && (st.valid & ZIP_STAT_COMP_SIZE))
            checkDecompressedSize(path_ + " (zip entry " + name + ")", st.comp_size, st.size, kEntryLimits);
        return st;
    }

    /// Reads bytes [offset, offset + size) of entry `index` into dst. Every whole-entry
    /// read is CRC-checked: by libzip for compressed entries; for stored (uncompressed)
    /// entries here, in parallel chunks, because libzip's single-threaded check would
    /// double the load time of the ~460 MB real checkpoint.
    void read(zip_uint64_t index, const std::string& name, zip_uint64_t offset, zip_uint64_t size, void* dst) const {
        const zip_stat_t st = stat(index, name);
        if (offset > st.size || size > st.size - offset)
            failFile(path_, "the zip entry " + name + " is shorter than needed");
        const bool stored = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
        ZipFilePtr file(zip_fopen_index(zip_.get(), index, 0));
        if (!file) failFile(path_, "cannot open the zip entry " + name + " (" + zip_strerror(zip_.get()) + ")");
        auto* out = static_cast<char*>(dst);
        if (stored && offset == 0 && size == st.size && size > 1 && (st.valid & ZIP_STAT_CRC) &&
            zip_fseek(file.get(), 1, SEEK_SET) == 0) {
            // libzip only checksums bytes read in order from the start: reading byte 0
            // last skips its check, and we verify the CRC of the whole entry below.
            readFully(file.get(), name, out + 1, size - 1);
            if (zip_fseek(file.get(), 0, SEEK_SET) != 0) failFile(path_, "cannot seek in the zip entry " + name);
            readFully(file.get(), name, out, 1);
            if (parallelCrc32(dst, size) != st.crc)
                failFile(path_, "the zip entry " + name + " is corrupt (CRC-32 mismatch)");
            return;
        }
        if (offset > 0 && (!stored || zip_fseek(file.get(), static_cast<zip_int64_t>(offset), SEEK_SET) != 0)) {
            // Compressed entries cannot seek: read and drop the leading bytes instead.
            file.reset(zip_fopen_index(zip_.get(), index, 0));
            if (!file) failFile(path_, "cannot open the zip entry " + name);
            std::vector<char> skip(1 << 16);
            for (zip_uint64_t left = offset; left > 0;) {
                const zip_uint64_t n = std::min<zip_uint64_t>(left, skip.size());
                readFully(file.get(), name, skip.data(), n);
                left -= n;
            }
        }
        readFully(file.get(), name, out, size);
    }

private:
    void readFully(zip_file_t* file, const std::string& name, char* out, zip_uint64_t size) const {
        for (zip_uint64_t done = 0; done < size;) {
            const zip_int64_t n = zip_fread(file, out + done, size - done);
            if (n <= 0)
                failFile(path_, "the zip entry " + name + " is truncated or corrupt (" +
                                    (n < 0 ? zip_file_strerror(file) : "short read") + ")");
            done += static_cast<zip_uint64_t>(n);
        }
    }

    std::string path_;
    ZipPtr zip_;
};

class ZipStorageReader : public StorageReader {
public:
    ZipStorageReader(std::shared_ptr<ZipArchive> zip, std::string prefix, std::string path)
        : zip_(std::move(zip)), prefix_(std::move(prefix)), path_(std::move(path)) {}

    uint64_t byteSize(const std::string& key) override { return zip_->stat(indexOf(key), entryName(key)).size; }

    void read(const std::string& key, uint64_t offset, uint64_t size, void* dst) override {
        zip_->read(indexOf(key), entryName(key), offset, size, dst);
    }

private:
    std::string entryName(const std::string& key) const { return prefix_ + "data/" + key; }
    zip_uint64_t indexOf(const std::string& key) const {
        const zip_int64_t index = zip_->locate(entryName(key));
        if (index < 0) failFile(path_, "the storage record " + entryName(key) + " is missing from the zip archive");
        return static_cast<zip_uint64_t>(index);
    }

    std::shared_ptr<ZipArchive> zip_;
    std::string prefix_;
    std::string path_;
};

// "<folder>/data.pkl" with exactly one folder level, as torch writes it.
std::string findPrefix(const ZipArchive& zip, const std::string& path) {
    const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
    if (count > kMaxEntries) failFile(path, "the zip archive has too many entries to be a checkpoint");
    std::string prefix;
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* raw = zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!raw) continue;
        const std::string name = raw;
        const size_t slash = name.find('/');
        if (slash == std::string::npos || name.compare(slash + 1, std::string::npos, "data.pkl") != 0) continue;
        if (!prefix.empty()) failFile(path, "the zip archive holds more than one data.pkl");
        prefix = name.substr(0, slash + 1);
    }
    if (prefix.empty()) failFile(path, "not a PyTorch checkpoint: the zip archive has no <folder>/data.pkl record");
    return prefix;
}

bool readByteOrder(const ZipArchive& zip, const std::string& prefix, const std::string& path) {
    const std::string name = prefix + "byteorder";
    const zip_int64_t index = zip.locate(name);
    if (index < 0) return false;  // absent means little-endian
    const zip_stat_t st = zip.stat(static_cast<zip_uint64_t>(index), name);
    if (st.size > 16) failFile(path, "the byteorder record is malformed");
    std::string text(st.size, '\0');
    zip.read(static_cast<zip_uint64_t>(index), name, 0, st.size, text.data());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text == "little") return false;
    if (text == "big") return true;
    failFile(path, "the byteorder record says '" + text + "' (expected little or big)");
}

}  // namespace

TorchFile openTorchZip(const std::string& path) {
    auto zip = std::make_shared<ZipArchive>(path);
    const std::string prefix = findPrefix(*zip, path);

    const std::string pklName = prefix + "data.pkl";
    const zip_uint64_t pklIndex = static_cast<zip_uint64_t>(zip->locate(pklName));
    const zip_stat_t st = zip->stat(pklIndex, pklName);
    if (st.size > kMaxPickleBytes)
        failFile(path, "data.pkl is implausibly large (" + std::to_string(st.size) + " bytes)");
    std::vector<unsigned char> pickleBytes(st.size);
    zip->read(pklIndex, pklName, 0, st.size, pickleBytes.data());

    TorchFile file;
    file.path = path;
    file.container = TorchContainer::Zip;
    const pickle::PersistentLoader loader = [&path](pickle::PickleDocument& doc, const pickle::PyValue& pid) {
        return makeStorageValue(doc, pid, path);
    };
    size_t consumed = 0;
    file.object = pickle::readPickle(pickleBytes.data(), pickleBytes.size(), path, loader, &consumed);
    auto reader = std::make_unique<ZipStorageReader>(zip, prefix, path);
    reader->bigEndian = readByteOrder(*zip, prefix, path);
    file.storages = std::move(reader);
    return file;
}

}  // namespace axs
