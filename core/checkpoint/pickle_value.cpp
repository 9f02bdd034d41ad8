#include "checkpoint/pickle_value.hpp"

#include <optional>

namespace axs::pickle {

namespace {

// Python treats 1, True (and 1.0) as the same dict key; strings only equal strings.
// Keys of other kinds (tuples, ...) are appended without de-duplication, which cannot
// matter for the two entries we read ("args", "model") nor for state-dict names.
std::optional<std::string> canonicalKey(const PyValue& key) {
    std::string canon;
    switch (key.kind) {
        case PyKind::String:
            canon.assign(1, 's').append(key.text);
            break;
        case PyKind::Int:
            canon.assign(1, 'i').append(std::to_string(key.integer));
            break;
        case PyKind::Bool:
            canon.assign(1, 'i').append(key.boolean ? "1" : "0");
            break;
        case PyKind::None:
            canon.assign(1, 'n');
            break;
        default:
            return std::nullopt;
    }
    return canon;
}

}  // namespace

const char* kindName(PyKind kind) {
    switch (kind) {
        case PyKind::None:
            return "None";
        case PyKind::Bool:
            return "bool";
        case PyKind::Int:
        case PyKind::BigInt:
            return "int";
        case PyKind::Float:
            return "float";
        case PyKind::String:
            return "str";
        case PyKind::Bytes:
            return "bytes";
        case PyKind::List:
            return "list";
        case PyKind::Tuple:
            return "tuple";
        case PyKind::Set:
            return "set";
        case PyKind::Dict:
            return "dict";
        case PyKind::Global:
            return "class or function";
        case PyKind::Object:
            return "object";
        case PyKind::Storage:
            return "storage";
        case PyKind::Tensor:
            return "tensor";
    }
    return "?";
}

const PyValue* PyValue::find(const std::string& key) const {
    if (kind != PyKind::Dict || !keyIndex_) return nullptr;
    std::string canon(1, 's');
    canon.append(key);
    const auto it = keyIndex_->find(canon);
    return it == keyIndex_->end() ? nullptr : entries[it->second].second;
}

void PyValue::setItem(PyValue* key, PyValue* value) {
    const std::optional<std::string> canon = canonicalKey(*key);
    if (canon) {
        if (!keyIndex_) keyIndex_ = std::make_unique<std::unordered_map<std::string, size_t>>();
        const auto [it, inserted] = keyIndex_->emplace(*canon, entries.size());
        if (!inserted) {
            entries[it->second].second = value;  // Python keeps the first key object, replaces the value
            return;
        }
    }
    entries.emplace_back(key, value);
}

std::string PyValue::describe() const {
    if (kind == PyKind::Global) return text + "." + name;
    if (kind == PyKind::Object) return name + " object";
    return kindName(kind);
}

}  // namespace axs::pickle
