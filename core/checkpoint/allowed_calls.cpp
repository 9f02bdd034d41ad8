#include "checkpoint/allowed_calls.hpp"

#include <map>
#include <set>
#include <utility>

#include "common/error.hpp"

namespace axs::pickle {

namespace {

enum class Call {
    OrderedDict,
    Namespace,
    RebuildTensorV2,
    RebuildTensor,
    RebuildParameter,
    RebuildFromTypeV2,
    CodecsEncode,
    MakeSet,
    OpaqueData,
};

// Largest tensor dimension / element count we accept (2^40 elements = 4 TiB of float32):
// keeps every extent computation far away from int64 overflow.
constexpr int64_t kMaxElements = int64_t{1} << 40;
constexpr size_t kMaxRank = 32;

std::string canonicalModule(const std::string& module) {
    // Python 2 names that Python 3's unpickler maps (pickle._compat_pickle).
    if (module == "__builtin__") return "builtins";
    if (module == "copy_reg") return "copyreg";
    if (module == "numpy._core.multiarray") return "numpy.core.multiarray";
    return module;
}

const std::map<std::pair<std::string, std::string>, Call>& allowList() {
    static const std::map<std::pair<std::string, std::string>, Call> calls = {
        {{"collections", "OrderedDict"}, Call::OrderedDict},
        {{"argparse", "Namespace"}, Call::Namespace},
        {{"torch._utils", "_rebuild_tensor_v2"}, Call::RebuildTensorV2},
        {{"torch._utils", "_rebuild_tensor"}, Call::RebuildTensor},
        {{"torch._utils", "_rebuild_parameter"}, Call::RebuildParameter},
        {{"torch._utils", "_rebuild_parameter_with_state"}, Call::RebuildParameter},
        {{"torch._tensor", "_rebuild_from_type_v2"}, Call::RebuildFromTypeV2},
        {{"_codecs", "encode"}, Call::CodecsEncode},
        {{"builtins", "set"}, Call::MakeSet},
        {{"builtins", "frozenset"}, Call::MakeSet},
        // Inert data that training checkpoints keep in extra entries; kept opaque.
        {{"numpy.core.multiarray", "scalar"}, Call::OpaqueData},
        {{"numpy.core.multiarray", "_reconstruct"}, Call::OpaqueData},
        {{"numpy", "dtype"}, Call::OpaqueData},
        {{"numpy", "ndarray"}, Call::OpaqueData},
        {{"builtins", "complex"}, Call::OpaqueData},
        {{"builtins", "slice"}, Call::OpaqueData},
        {{"builtins", "bytearray"}, Call::OpaqueData},
        {{"builtins", "range"}, Call::OpaqueData},
        {{"collections", "defaultdict"}, Call::OpaqueData},
        {{"collections", "deque"}, Call::OpaqueData},
        {{"collections", "Counter"}, Call::OpaqueData},
        {{"torch", "Size"}, Call::OpaqueData},
        {{"torch", "device"}, Call::OpaqueData},
        {{"datetime", "datetime"}, Call::OpaqueData},
        {{"datetime", "date"}, Call::OpaqueData},
        {{"datetime", "time"}, Call::OpaqueData},
        {{"datetime", "timedelta"}, Call::OpaqueData},
        {{"datetime", "timezone"}, Call::OpaqueData},
        {{"fractions", "Fraction"}, Call::OpaqueData},
        {{"decimal", "Decimal"}, Call::OpaqueData},
    };
    return calls;
}

[[noreturn]] void refuse(const PyValue& callable, const std::string& source) {
    failFile(source, "refuses to load: the pickle calls " + callable.text + "." + callable.name + " (not allowed)");
}

[[noreturn]] void corrupt(const std::string& source, const std::string& what) {
    failFile(source, "corrupt checkpoint pickle: " + what);
}

Call lookupCall(const PyValue& callable, const std::string& source) {
    if (callable.kind != PyKind::Global)
        corrupt(source, std::string("calls a value of type ") + kindName(callable.kind) + ", which is not callable");
    const auto it = allowList().find({canonicalModule(callable.text), callable.name});
    if (it == allowList().end()) refuse(callable, source);
    return it->second;
}

int64_t nonNegativeInt(const PyValue* v, const char* what, const std::string& source) {
    if (!v || v->kind != PyKind::Int || v->integer < 0 || v->integer > kMaxElements)
        corrupt(source, std::string("tensor ") + what + " is not a non-negative integer in range");
    return v->integer;
}

std::vector<int64_t> intTuple(const PyValue* v, const char* what, const std::string& source) {
    if (!v || (v->kind != PyKind::Tuple && v->kind != PyKind::List))
        corrupt(source, std::string("tensor ") + what + " is not a tuple");
    if (v->items.size() > kMaxRank) corrupt(source, std::string("tensor ") + what + " has more than 32 dimensions");
    std::vector<int64_t> out;
    out.reserve(v->items.size());
    for (const PyValue* item : v->items) out.push_back(nonNegativeInt(item, what, source));
    return out;
}

PyValue* rebuildTensor(PickleDocument& doc, const PyValue& args, bool v2, const std::string& source) {
    const size_t n = args.items.size();
    if (v2 ? (n < 6 || n > 7) : n != 4) corrupt(source, "tensor record has " + std::to_string(n) + " arguments");
    const PyValue* storage = args.items[0];
    if (storage->kind != PyKind::Storage) corrupt(source, "tensor record does not refer to a storage");
    auto ref = std::make_unique<TensorRef>();
    ref->storage = storage;
    ref->offset = nonNegativeInt(args.items[1], "storage offset", source);
    ref->size = intTuple(args.items[2], "size", source);
    ref->stride = intTuple(args.items[3], "stride", source);
    if (ref->size.size() != ref->stride.size()) corrupt(source, "tensor size and stride differ in rank");
    // Extent: the last element the tensor touches must lie inside the storage.
    int64_t numel = 1;
    int64_t last = ref->offset;
    for (size_t d = 0; d < ref->size.size(); ++d) {
        const int64_t s = ref->size[d];
        if (s == 0)
            numel = 0;
        else if (numel != 0 && numel > kMaxElements / s)
            corrupt(source, "tensor has too many elements");
        else
            numel *= s;
        if (s > 0 && ref->stride[d] > 0) {
            if (s - 1 > kMaxElements / ref->stride[d]) corrupt(source, "tensor stride is out of range");
            last += (s - 1) * ref->stride[d];
            if (last > kMaxElements) corrupt(source, "tensor stride is out of range");
        }
    }
    if (numel > 0 && last >= storage->storage->numel)
        corrupt(source, "tensor extends beyond its storage '" + storage->storage->key + "' (needs element " +
                            std::to_string(last) + ", storage holds " + std::to_string(storage->storage->numel) + ")");
    PyValue* tensor = doc.make(PyKind::Tensor);
    tensor->tensor = std::move(ref);
    return tensor;
}

// UTF-8 text -> bytes, one byte per code point (the latin-1 codec; all code points < 256).
PyValue* latin1Encode(PickleDocument& doc, const std::string& text, const std::string& source) {
    PyValue* out = doc.make(PyKind::Bytes);
    out->text.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out->text.push_back(static_cast<char>(c));
            ++i;
        } else if ((c & 0xe0) == 0xc0 && i + 1 < text.size() && c <= 0xc3) {
            out->text.push_back(
                static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3f)));
            i += 2;
        } else {
            corrupt(source, "_codecs.encode argument is not latin-1 text");
        }
    }
    return out;
}

}  // namespace

PyValue* applyCall(PickleDocument& doc, const PyValue& callable, const PyValue& args, const std::string& source) {
    const Call call = lookupCall(callable, source);
    if (args.kind != PyKind::Tuple) corrupt(source, "call arguments are not a tuple");
    const auto& a = args.items;
    switch (call) {
        case Call::OrderedDict: {
            PyValue* dict = doc.make(PyKind::Dict);
            if (a.empty()) return dict;
            if (a.size() == 1 && (a[0]->kind == PyKind::List || a[0]->kind == PyKind::Tuple)) {
                for (PyValue* pair : a[0]->items) {
                    if ((pair->kind != PyKind::Tuple && pair->kind != PyKind::List) || pair->items.size() != 2)
                        corrupt(source, "OrderedDict items are not pairs");
                    dict->setItem(pair->items[0], pair->items[1]);
                }
                return dict;
            }
            corrupt(source, "unsupported OrderedDict arguments");
        }
        case Call::Namespace:
        case Call::OpaqueData: {
            PyValue* obj = doc.make(PyKind::Object);
            obj->name = canonicalModule(callable.text) + "." + callable.name;
            obj->items = a;
            return obj;
        }
        case Call::RebuildTensorV2:
            return rebuildTensor(doc, args, true, source);
        case Call::RebuildTensor:
            return rebuildTensor(doc, args, false, source);
        case Call::RebuildParameter:
            if (a.empty() || a[0]->kind != PyKind::Tensor) corrupt(source, "parameter record does not hold a tensor");
            return a[0];
        case Call::RebuildFromTypeV2: {
            // (func, new_type, args, state): func(*args), then cast to new_type.
            if (a.size() != 4) corrupt(source, "_rebuild_from_type_v2 takes 4 arguments");
            const PyValue& type = *a[1];
            const bool plainType =
                type.kind == PyKind::Global && ((type.text == "torch" && type.name == "Tensor") ||
                                                (type.text == "torch.nn.parameter" && type.name == "Parameter"));
            if (!plainType) {
                if (type.kind == PyKind::Global) refuse(type, source);
                corrupt(source, "_rebuild_from_type_v2 with a non-class type");
            }
            const Call inner = lookupCall(*a[0], source);
            if (inner != Call::RebuildTensorV2 && inner != Call::RebuildTensor) refuse(*a[0], source);
            if (a[2]->kind != PyKind::Tuple) corrupt(source, "call arguments are not a tuple");
            return rebuildTensor(doc, *a[2], inner == Call::RebuildTensorV2, source);
        }
        case Call::CodecsEncode: {
            if (a.size() != 2 || !a[0]->isString() || !a[1]->isString())
                corrupt(source, "_codecs.encode takes (text, encoding)");
            const std::string& encoding = a[1]->text;
            if (encoding == "latin1" || encoding == "latin-1") return latin1Encode(doc, a[0]->text, source);
            if (encoding == "utf-8" || encoding == "utf8") {
                PyValue* out = doc.make(PyKind::Bytes);
                out->text = a[0]->text;
                return out;
            }
            corrupt(source, "_codecs.encode with unsupported encoding '" + encoding + "'");
        }
        case Call::MakeSet: {
            PyValue* set = doc.make(PyKind::Set);
            if (a.empty()) return set;
            if (a.size() == 1 &&
                (a[0]->kind == PyKind::List || a[0]->kind == PyKind::Tuple || a[0]->kind == PyKind::Set)) {
                set->items = a[0]->items;
                return set;
            }
            corrupt(source, "unsupported set arguments");
        }
    }
    corrupt(source, "unsupported call");
}

void applyBuild(PyValue& target, PyValue* state, const std::string& source) {
    switch (target.kind) {
        case PyKind::Object:
            target.state = state;
            return;
        case PyKind::Dict:    // OrderedDict._metadata from Module.state_dict(): not needed
        case PyKind::Tensor:  // requires_grad / hooks state: irrelevant for inference
            return;
        case PyKind::Global:
            refuse(target, source);
        default:
            corrupt(source, std::string("sets the state of a ") + kindName(target.kind));
    }
}

}  // namespace axs::pickle
