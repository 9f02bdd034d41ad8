// The inert value tree that the safe pickle reader (pickle_reader.hpp) builds. Nothing
// in it can run code: classes and functions only appear as names (PyKind::Global), and
// the few calls the reader understands are replaced by the data they would produce.
//
// Ownership: every value lives in one PickleDocument arena and refers to others by
// plain pointers. Cycles (a list that contains itself, which a pickle can express) and
// very deep nesting are therefore harmless: destruction never recurses, and no code in
// this module walks the tree recursively.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checkpoint/dtype.hpp"

namespace axs::pickle {

enum class PyKind : uint8_t {
    None,
    Bool,
    Int,     ///< fits in int64
    BigInt,  ///< wider integer: little-endian two's complement bytes in `text`
    Float,
    String,  ///< UTF-8 bytes in `text`
    Bytes,   ///< raw bytes in `text`
    List,
    Tuple,
    Set,      ///< set or frozenset
    Dict,     ///< dict or collections.OrderedDict (insertion order kept)
    Global,   ///< a reference to a class/function `module.name`; never called
    Object,   ///< an opaque instance of an allow-listed class: `name`, `items` (args), `state`
    Storage,  ///< a torch storage reference (from a persistent id), see `storage`
    Tensor,   ///< a torch tensor record (from _rebuild_tensor_v2), see `tensor`
};

const char* kindName(PyKind kind);

struct PyValue;

/// Where a tensor's elements live: one storage (zip entry / legacy block) by key.
struct StorageRef {
    std::string key;  ///< record name: "0", "94014523261328", ...
    StorageDtype dtype = StorageDtype::Float32;
    std::string location;    ///< "cpu", "cuda:0", ... (informational only)
    int64_t numel = 0;       ///< elements a tensor may address (the view's size for legacy views)
    int64_t viewOffset = 0;  ///< legacy storage views: first element inside the root storage
    int64_t rootNumel = 0;   ///< elements of the whole stored record
};

/// A tensor as torch._utils._rebuild_tensor_v2 describes it: a strided window into a storage.
struct TensorRef {
    const PyValue* storage = nullptr;  ///< kind Storage
    int64_t offset = 0;                ///< in elements
    std::vector<int64_t> size;         ///< outermost first
    std::vector<int64_t> stride;       ///< in elements, same rank as size
};

struct PyValue {
    PyKind kind = PyKind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;                                    ///< String/Bytes/BigInt payload; Global: module
    std::string name;                                    ///< Global: name; Object: "module.name" of its class
    std::vector<PyValue*> items;                         ///< List/Tuple/Set elements; Object: constructor args
    std::vector<std::pair<PyValue*, PyValue*>> entries;  ///< Dict, in insertion order
    PyValue* state = nullptr;                            ///< Object: what BUILD set (nullptr if none)
    std::unique_ptr<StorageRef> storage;                 ///< kind Storage
    std::unique_ptr<TensorRef> tensor;                   ///< kind Tensor

    /// Dict lookup by string key; nullptr if absent (or not a dict).
    const PyValue* find(const std::string& key) const;
    /// Dict insert-or-replace (Python semantics for string and int keys).
    void setItem(PyValue* key, PyValue* value);

    bool isString() const { return kind == PyKind::String; }
    /// "argparse.Namespace" style full name for Global; kind name otherwise.
    std::string describe() const;

private:
    friend class PickleDocument;
    std::unique_ptr<std::unordered_map<std::string, size_t>> keyIndex_;  ///< Dict: key -> entries index
};

/// Owns every value of one unpickled object graph.
class PickleDocument {
public:
    PickleDocument() = default;
    PickleDocument(PickleDocument&&) = default;  // std::deque keeps element addresses on move
    PickleDocument& operator=(PickleDocument&&) = default;
    PickleDocument(const PickleDocument&) = delete;
    PickleDocument& operator=(const PickleDocument&) = delete;

    PyValue* make(PyKind kind) {
        values_.emplace_back();
        values_.back().kind = kind;
        return &values_.back();
    }
    size_t valueCount() const { return values_.size(); }
    const PyValue* root = nullptr;

private:
    std::deque<PyValue> values_;
};

}  // namespace axs::pickle
