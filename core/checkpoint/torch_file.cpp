#include "checkpoint/torch_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "checkpoint/torch_containers.hpp"
#include "common/error.hpp"

namespace axs {

using pickle::PyKind;
using pickle::PyValue;

const char* containerName(TorchContainer container) { return container == TorchContainer::Zip ? "zip" : "legacy"; }

std::optional<TorchContainer> sniffTorchBytes(std::string_view head) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(head[k]); };
    if (head.size() >= 4 && byte(0) == 'P' && byte(1) == 'K' &&
        ((byte(2) == 3 && byte(3) == 4) || (byte(2) == 5 && byte(3) == 6)))
        return TorchContainer::Zip;
    if (head.size() >= 2 && byte(0) == 0x80 && byte(1) >= 2 && byte(1) <= 5) return TorchContainer::Legacy;
    return std::nullopt;
}

std::optional<TorchContainer> sniffTorchContainer(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) failFile(path, "is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) failFile(path, "cannot open the file");
    char head[4] = {0, 0, 0, 0};
    in.read(head, 4);
    return sniffTorchBytes(std::string_view(head, static_cast<size_t>(in.gcount())));
}

TorchFile openTorchFile(const std::string& path) {
    const std::optional<TorchContainer> container = sniffTorchContainer(path);
    if (!container) failFile(path, "not a PyTorch checkpoint (neither a zip archive nor a pickle)");
    return *container == TorchContainer::Zip ? openTorchZip(path) : openTorchLegacy(path);
}

namespace {

bool isContiguous(const pickle::TensorRef& t) {
    int64_t expected = 1;
    for (size_t d = t.size.size(); d-- > 0;) {
        if (t.size[d] != 1 && t.stride[d] != expected) return false;
        expected *= t.size[d];
    }
    return true;
}

// Copies a strided window of `storage` (element type `dtype`) into `out`, row-major.
void gather(const unsigned char* storage, StorageDtype dtype, bool bigEndian, const pickle::TensorRef& t, int64_t base,
            TensorF& out) {
    const size_t esize = elementSize(dtype);
    if (out.data.empty()) return;
    if (isContiguous(t)) {
        // Widening float16 is the bulk of loading a half-precision checkpoint: split it.
        const unsigned char* src = storage + static_cast<size_t>(base) * esize;
        const int64_t n = static_cast<int64_t>(out.data.size());
        constexpr int64_t kBlock = int64_t{1} << 18;
#pragma omp parallel for schedule(static) if (n > 2 * kBlock)
        for (int64_t start = 0; start < n; start += kBlock)
            convertToFloat(src + static_cast<size_t>(start) * esize, static_cast<size_t>(std::min(kBlock, n - start)),
                           dtype, bigEndian, out.data.data() + start);
        return;
    }
    const size_t rank = t.size.size();
    std::vector<int64_t> index(rank, 0);
    for (size_t flat = 0; flat < out.data.size(); ++flat) {
        int64_t element = base;
        for (size_t d = 0; d < rank; ++d) element += index[d] * t.stride[d];
        convertToFloat(storage + static_cast<size_t>(element) * esize, 1, dtype, bigEndian, &out.data[flat]);
        for (size_t d = rank; d-- > 0;) {  // odometer increment
            if (++index[d] < t.size[d]) break;
            index[d] = 0;
        }
    }
}

}  // namespace

std::vector<TensorF> loadTensors(TorchFile& file, const std::vector<const PyValue*>& tensors,
                                 const std::vector<std::string>& names) {
    std::vector<TensorF> out(tensors.size());
    std::map<std::string, std::vector<size_t>> byStorage;  // shared storages are read once
    for (size_t i = 0; i < tensors.size(); ++i) {
        const PyValue* v = tensors[i];
        if (!v || v->kind != PyKind::Tensor) failFile(file.path, "'" + names[i] + "' is not a tensor");
        const pickle::StorageRef& s = *v->tensor->storage->storage;
        if (!isFloatingPoint(s.dtype))
            failFile(file.path, "tensor '" + names[i] + "' has element type " + dtypeName(s.dtype) +
                                    " (expected a floating-point type)");
        byStorage[s.key].push_back(i);
    }
    StorageReader& reader = *file.storages;
    for (const auto& [key, users] : byStorage) {
        const uint64_t bytes = reader.byteSize(key);
        for (size_t i : users) {
            const pickle::StorageRef& s = *tensors[i]->tensor->storage->storage;
            const uint64_t declared = static_cast<uint64_t>(s.rootNumel) * elementSize(s.dtype);
            if (declared != bytes)
                failFile(file.path, "corrupt checkpoint: storage '" + key + "' of tensor '" + names[i] + "' holds " +
                                        std::to_string(bytes) + " bytes, but " + std::to_string(s.rootNumel) + " " +
                                        dtypeName(s.dtype) + " elements need " + std::to_string(declared));
        }
        for (size_t i : users) out[i] = TensorF(tensors[i]->tensor->size);

        const pickle::TensorRef& first = *tensors[users[0]]->tensor;
        const pickle::StorageRef& s0 = *first.storage->storage;
        if (users.size() == 1 && s0.dtype == StorageDtype::Float32 && !reader.bigEndian && isContiguous(first) &&
            s0.viewOffset == 0 && first.offset == 0 && out[users[0]].data.size() == static_cast<size_t>(s0.rootNumel)) {
            // Fast path (every weight of a float32 checkpoint): the whole record straight
            // into the tensor, no intermediate copy.
            if (bytes > 0) reader.read(key, 0, bytes, out[users[0]].data.data());
            continue;
        }
        // Not value-initialised: every byte is overwritten by the read.
        const std::unique_ptr<unsigned char[]> raw(new unsigned char[std::max<uint64_t>(bytes, 1)]);
        if (bytes > 0) reader.read(key, 0, bytes, raw.get());
        for (size_t i : users) {
            const pickle::TensorRef& t = *tensors[i]->tensor;
            const pickle::StorageRef& s = *t.storage->storage;
            gather(raw.get(), s.dtype, reader.bigEndian, t, s.viewOffset + t.offset, out[i]);
        }
    }
    return out;
}

std::vector<std::pair<std::string, const PyValue*>> tensorDict(const TorchFile& file, const std::string& entry) {
    const PyValue* root = file.object.root;
    if (!root || root->kind != PyKind::Dict)
        failFile(file.path,
                 std::string("the saved object is a ") + (root ? root->describe() : "nothing") + ", not a dict");
    const PyValue* dict = root->find(entry);
    if (!dict) {
        // torch.save(model.state_dict()) stores the tensors directly.
        bool allTensors = !root->entries.empty();
        for (const auto& [k, v] : root->entries) allTensors = allTensors && k->isString() && v->kind == PyKind::Tensor;
        if (!allTensors) failFile(file.path, "has no '" + entry + "' entry");
        dict = root;
    }
    if (dict->kind != PyKind::Dict)
        failFile(file.path, "the '" + entry + "' entry is a " + dict->describe() + ", not a dict");
    std::vector<std::pair<std::string, const PyValue*>> out;
    out.reserve(dict->entries.size());
    for (const auto& [k, v] : dict->entries) {
        if (!k->isString()) failFile(file.path, "the '" + entry + "' dict has a key that is not a string");
        if (v->kind != PyKind::Tensor)
            failFile(file.path, "'" + entry + "' entry '" + k->text + "' is a " + v->describe() + ", not a tensor");
        out.emplace_back(k->text, v);
    }
    return out;
}

TensorDictFile readTensorDict(const std::string& path, const std::string& entry) {
    TorchFile file = openTorchFile(path);
    const auto dict = tensorDict(file, entry);
    TensorDictFile out;
    out.container = file.container;
    std::vector<const PyValue*> refs;
    for (const auto& [name, v] : dict) {
        out.names.push_back(name);
        out.dtypes.push_back(v->tensor->storage->storage->dtype);
        refs.push_back(v);
    }
    out.tensors = loadTensors(file, refs, out.names);
    return out;
}

}  // namespace axs
