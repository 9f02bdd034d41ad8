// A torch.save file opened without Python: the unpickled object (inert value tree) plus
// access to the raw storages it refers to. Two containers exist (spec §8): the zip
// archive (torch >= 1.6 default) and the legacy concatenation of pickles and raw blocks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checkpoint/pickle_value.hpp"
#include "common/tensor.hpp"

namespace axs {

enum class TorchContainer { Zip, Legacy };

/// "zip" or "legacy".
const char* containerName(TorchContainer container);

/// Raw bytes of the storages of one file, by storage key.
class StorageReader {
public:
    virtual ~StorageReader() = default;
    /// Size in bytes of storage record `key`; throws axs::Error when the record is missing.
    virtual uint64_t byteSize(const std::string& key) = 0;
    /// Copies bytes [offset, offset + size) of record `key` to `dst`; throws on short data.
    virtual void read(const std::string& key, uint64_t offset, uint64_t size, void* dst) = 0;
    /// Element byte order of the records (zip "byteorder" record; legacy data is little-endian).
    bool bigEndian = false;
};

struct TorchFile {
    std::string path;
    TorchContainer container = TorchContainer::Zip;
    pickle::PickleDocument object;  ///< object.root: what torch.save was given
    std::unique_ptr<StorageReader> storages;
};

/// Classifies the first bytes of a file (at least 4 for a definite answer): a zip local
/// header or an empty-zip record -> Zip, a pickle PROTO opcode (protocol 2..5) -> Legacy,
/// anything else -> nullopt. The one torch sniffer of the program (CLI info, the
/// workbench's file opener).
std::optional<TorchContainer> sniffTorchBytes(std::string_view head);

/// sniffTorchBytes on the first bytes of `path`. Throws axs::Error when the file cannot
/// be opened.
std::optional<TorchContainer> sniffTorchContainer(const std::string& path);

/// Opens either container and unpickles its object. Throws axs::Error naming `path`
/// for anything wrong (not a torch file, truncated, corrupt, disallowed pickle calls).
TorchFile openTorchFile(const std::string& path);

/// Reads tensor records as float32 (float16/bfloat16 widen exactly, float64 rounds).
/// `names` (same length as `refs`) only label error messages. Storage sizes are checked
/// against the declared element counts; each storage is read once even when shared.
std::vector<TensorF> loadTensors(TorchFile& file, const std::vector<const pickle::PyValue*>& tensors,
                                 const std::vector<std::string>& names);

/// The name -> tensor dict stored under `entry` of the saved dict (e.g. "model"), or the
/// saved object itself when it is a dict of tensors. Order as stored. Throws axs::Error
/// naming the file when there is no such dict or a value is not a tensor.
std::vector<std::pair<std::string, const pickle::PyValue*>> tensorDict(const TorchFile& file, const std::string& entry);

/// Convenience for tools and tests: every tensor of `entry` as float32, plus dtypes.
struct TensorDictFile {
    TorchContainer container = TorchContainer::Zip;
    std::vector<std::string> names;    ///< stored order
    std::vector<TensorF> tensors;      ///< same order
    std::vector<StorageDtype> dtypes;  ///< stored element type, same order
};
TensorDictFile readTensorDict(const std::string& path, const std::string& entry = "model");

}  // namespace axs
