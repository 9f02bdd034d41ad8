#include "checkpoint/torch_persistent.hpp"

#include "common/error.hpp"

namespace axs {

using pickle::PyKind;
using pickle::PyValue;

namespace {

constexpr int64_t kMaxStorageElements = int64_t{1} << 40;

[[noreturn]] void badId(const std::string& source, const std::string& what) {
    failFile(source, "corrupt checkpoint: storage reference " + what);
}

int64_t count(const PyValue* v, const char* what, const std::string& source) {
    if (v->kind != PyKind::Int || v->integer < 0 || v->integer > kMaxStorageElements)
        badId(source, std::string("has an invalid ") + what);
    return v->integer;
}

}  // namespace

PyValue* makeStorageValue(pickle::PickleDocument& doc, const PyValue& pid, const std::string& source) {
    if (pid.kind != PyKind::Tuple || pid.items.empty() || !pid.items[0]->isString())
        badId(source, "is not a ('storage', ...) tuple");
    if (pid.items[0]->text == "module")
        failFile(
            source,
            "refuses to load: the checkpoint contains a pickled Python module (source code), which is not supported");
    if (pid.items[0]->text != "storage") badId(source, "has unknown type '" + pid.items[0]->text + "'");
    const auto& it = pid.items;
    if (it.size() != 5 && it.size() != 6) badId(source, "has " + std::to_string(it.size()) + " fields");

    const PyValue& cls = *it[1];
    if (cls.kind != PyKind::Global || (cls.text != "torch" && cls.text != "torch.storage"))
        badId(source, "names " + cls.describe() + " instead of a torch storage class");
    const std::optional<StorageDtype> dtype = dtypeFromStorageClass(cls.name);
    if (!dtype) badId(source, "names the unknown storage class " + cls.describe());

    auto ref = std::make_unique<pickle::StorageRef>();
    ref->dtype = *dtype;
    if (it[2]->isString())
        ref->key = it[2]->text;
    else if (it[2]->kind == PyKind::Int)
        ref->key = std::to_string(it[2]->integer);
    else
        badId(source, "has a key that is not a string");
    if (ref->key.empty() || ref->key.size() > 256) badId(source, "has an empty or overlong key");
    if (it[3]->isString()) ref->location = it[3]->text;
    ref->rootNumel = count(it[4], "element count", source);
    ref->numel = ref->rootNumel;

    if (it.size() == 6 && it[5]->kind != PyKind::None) {
        // Legacy storage view: (view_key, offset, size) inside the root storage.
        const PyValue& view = *it[5];
        if (view.kind != PyKind::Tuple || view.items.size() != 3) badId(source, "has malformed view metadata");
        ref->viewOffset = count(view.items[1], "view offset", source);
        ref->numel = count(view.items[2], "view size", source);
        if (ref->viewOffset + ref->numel > ref->rootNumel) badId(source, "has a view outside its storage");
    }
    PyValue* v = doc.make(PyKind::Storage);
    v->storage = std::move(ref);
    return v;
}

}  // namespace axs
