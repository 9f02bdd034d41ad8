// Legacy container (torch < 1.6 or _use_new_zipfile_serialization=False), spec §8.3:
// five pickles (magic number, protocol 1001, system info, the object, storage keys), then
// per key an int64 element count and the raw little-endian elements.
#include <cstring>
#include <map>
#include <memory>

#include "checkpoint/mapped_file.hpp"
#include "checkpoint/pickle_reader.hpp"
#include "checkpoint/torch_containers.hpp"
#include "checkpoint/torch_persistent.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

// 0x1950a86a20f9469cfc6c as LONG1 stores it: little-endian two's complement.
constexpr unsigned char kMagic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
constexpr int64_t kProtocolVersion = 1001;

struct Block {
    uint64_t offset = 0;  ///< of the first element byte in the file
    uint64_t bytes = 0;
};

class LegacyStorageReader : public StorageReader {
public:
    LegacyStorageReader(std::shared_ptr<MappedFile> map, std::map<std::string, Block> blocks, std::string path)
        : map_(std::move(map)), blocks_(std::move(blocks)), path_(std::move(path)) {}

    uint64_t byteSize(const std::string& key) override { return block(key).bytes; }

    void read(const std::string& key, uint64_t offset, uint64_t size, void* dst) override {
        const Block& b = block(key);
        if (offset > b.bytes || size > b.bytes - offset)
            failFile(path_, "storage '" + key + "' is shorter than needed");
        std::memcpy(dst, map_->data() + b.offset + offset, size);
    }

private:
    const Block& block(const std::string& key) const {
        const auto it = blocks_.find(key);
        if (it == blocks_.end()) failFile(path_, "storage '" + key + "' is not in the file's storage list");
        return it->second;
    }

    std::shared_ptr<MappedFile> map_;
    std::map<std::string, Block> blocks_;
    std::string path_;
};

class LegacyParser {
public:
    explicit LegacyParser(const std::string& path) : path_(path), map_(std::make_shared<MappedFile>(path)) {}

    TorchFile parse() {
        checkMagic(next());
        checkProtocol(next());
        next();  // system info: legacy storages are always written little-endian

        // The object; remember every storage it refers to (element type and size).
        const pickle::PersistentLoader loader = [this](pickle::PickleDocument& doc, const pickle::PyValue& pid) {
            pickle::PyValue* v = makeStorageValue(doc, pid, path_);
            const pickle::StorageRef& ref = *v->storage;
            const auto [it, inserted] = storages_.emplace(ref.key, ref.dtype);
            if (!inserted && elementSize(it->second) != elementSize(ref.dtype))
                failFile(path_, "corrupt checkpoint: storage '" + ref.key + "' is declared with two element sizes");
            const auto [n, fresh] = numels_.emplace(ref.key, ref.rootNumel);
            if (!fresh && n->second != ref.rootNumel)
                failFile(path_, "corrupt checkpoint: storage '" + ref.key + "' is declared with two sizes");
            return v;
        };
        TorchFile file;
        file.path = path_;
        file.container = TorchContainer::Legacy;
        file.object = next(loader);

        const pickle::PickleDocument keys = next();
        file.storages = std::make_unique<LegacyStorageReader>(map_, blocks(*keys.root), path_);
        return file;
    }

private:
    pickle::PickleDocument next(const pickle::PersistentLoader& loader = {}) {
        size_t consumed = 0;
        pickle::PickleDocument doc =
            pickle::readPickle(map_->data() + pos_, map_->size() - pos_, path_, loader, &consumed);
        pos_ += consumed;
        return doc;
    }

    void checkMagic(const pickle::PickleDocument& doc) const {
        const pickle::PyValue& v = *doc.root;
        if (v.kind != pickle::PyKind::BigInt || v.text.size() != sizeof(kMagic) ||
            std::memcmp(v.text.data(), kMagic, sizeof(kMagic)) != 0)
            failFile(path_, "not a PyTorch checkpoint (the legacy magic number is missing)");
    }

    void checkProtocol(const pickle::PickleDocument& doc) const {
        const pickle::PyValue& v = *doc.root;
        if (v.kind != pickle::PyKind::Int || v.integer != kProtocolVersion)
            failFile(path_, "unsupported legacy checkpoint protocol version (expected 1001)");
    }

    std::map<std::string, Block> blocks(const pickle::PyValue& keys) {
        if (keys.kind != pickle::PyKind::List)
            failFile(path_, "corrupt checkpoint: the storage key list is not a list");
        std::map<std::string, Block> out;
        for (const pickle::PyValue* k : keys.items) {
            if (!k->isString()) failFile(path_, "corrupt checkpoint: a storage key is not a string");
            const auto dtype = storages_.find(k->text);
            if (dtype == storages_.end())
                failFile(path_, "corrupt checkpoint: storage '" + k->text + "' is listed but never used");
            int64_t count = 0;
            if (map_->size() - pos_ < 8) failFile(path_, "truncated: storage '" + k->text + "' is missing");
            std::memcpy(&count, map_->data() + pos_, 8);  // little-endian int64 (x86/ARM hosts)
            pos_ += 8;
            const uint64_t esize = elementSize(dtype->second);
            if (count < 0 || static_cast<uint64_t>(count) > (map_->size() - pos_) / esize)
                failFile(path_, "truncated or corrupt: storage '" + k->text + "' declares " + std::to_string(count) +
                                    " elements but the file ends sooner");
            if (count != numels_[k->text])
                failFile(path_, "corrupt checkpoint: storage '" + k->text + "' holds " + std::to_string(count) +
                                    " elements but the pickle declares " + std::to_string(numels_[k->text]));
            const uint64_t bytes = static_cast<uint64_t>(count) * esize;
            if (!out.emplace(k->text, Block{pos_, bytes}).second)
                failFile(path_, "corrupt checkpoint: storage '" + k->text + "' is listed twice");
            pos_ += bytes;
        }
        return out;
    }

    std::string path_;
    std::shared_ptr<MappedFile> map_;
    size_t pos_ = 0;
    std::map<std::string, StorageDtype> storages_;
    std::map<std::string, int64_t> numels_;
};

}  // namespace

TorchFile openTorchLegacy(const std::string& path) { return LegacyParser(path).parse(); }

}  // namespace axs
