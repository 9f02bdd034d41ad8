// The pickle reader and the whole checkpoint interpretation behind it (args, key mapping,
// shape validation, tensor loading): the input is a data.pkl; the storages it refers to
// are the real ones of the small reference model msa_t2_e128_h2, served from memory.
// (Its deterministic sibling is tests/checkpoint/test_checkpoint_fuzz.cpp.)
#include <zip.h>

#include <cstdint>
#include <cstring>
#include <map>

#include "checkpoint/checkpoint_builder.hpp"
#include "checkpoint/pickle_reader.hpp"
#include "checkpoint/torch_persistent.hpp"
#include "fuzz_support.hpp"

using namespace axs;

namespace {

std::map<std::string, std::string>* gStorages = nullptr;

class MemoryStorages : public StorageReader {
public:
    uint64_t byteSize(const std::string& key) override { return record(key).size(); }
    void read(const std::string& key, uint64_t offset, uint64_t size, void* dst) override {
        const std::string& r = record(key);
        if (offset > r.size() || size > r.size() - offset) throw Error("fuzz.pt: short storage " + key);
        std::memcpy(dst, r.data() + offset, size);
    }

private:
    static const std::string& record(const std::string& key) {
        const auto it = gStorages->find(key);
        if (it == gStorages->end()) throw Error("fuzz.pt: no storage " + key);
        return it->second;
    }
};

// The storage records of the reference model's zip archive: key -> bytes.
std::map<std::string, std::string> referenceStorages() {
    const std::string path = AXS_TEST_DATA "/reference/models/msa_t2_e128_h2.pt", prefix = "msa_t2_e128_h2/data/";
    std::map<std::string, std::string> out;
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) fuzz::broken("cannot open " + path);
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(z, zip_uint64_t(i), 0, &st);
        const std::string name = st.name;
        if (name.rfind(prefix, 0) != 0) continue;
        std::string bytes(st.size, '\0');
        zip_file_t* f = zip_fopen_index(z, zip_uint64_t(i), 0);
        zip_fread(f, bytes.data(), st.size);
        zip_fclose(f);
        out[name.substr(prefix.size())] = bytes;
    }
    zip_discard(z);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    gStorages = new std::map<std::string, std::string>(referenceStorages());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::expectSuccessOrError("fuzz.pt", [&] {
        TorchFile file;
        file.path = "fuzz.pt";
        const pickle::PersistentLoader loader = [](pickle::PickleDocument& doc, const pickle::PyValue& pid) {
            return makeStorageValue(doc, pid, "fuzz.pt");
        };
        file.object = pickle::readPickle(data, size, "fuzz.pt", loader);
        file.storages = std::make_unique<MemoryStorages>();
        const Checkpoint checkpoint = buildCheckpoint(file, nullptr);
        if (checkpoint.weights.empty()) fuzz::broken("checkpoint without weights returned");
    });
    return 0;
}
