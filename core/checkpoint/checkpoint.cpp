// loadCheckpoint: the official loader's steps (esm/pretrained.py, spec §7) on top of the
// container readers: args renaming, regression merge, key conversion, strict key and
// shape validation (before any tensor data is read), tied LM matrix.
#include "checkpoint/checkpoint.hpp"

#include <filesystem>
#include <map>
#include <set>

#include "checkpoint/checkpoint_builder.hpp"
#include "checkpoint/expected_parameters.hpp"
#include "checkpoint/key_mapping.hpp"
#include "checkpoint/model_args.hpp"
#include "checkpoint/torch_file.hpp"
#include "common/error.hpp"

namespace axs {

using pickle::PyValue;

namespace {

struct StoredTensor {
    std::string storedName;
    std::string name;  ///< after convertStoredKey
    const PyValue* tensor = nullptr;
    TorchFile* file = nullptr;  ///< model or regression file
};

std::string shapeString(const std::vector<int64_t>& shape) {
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? " x " : "") + std::to_string(shape[i]);
    return s + ")";
}

std::string describeKey(const StoredTensor& t) {
    return t.storedName == t.name ? "'" + t.name + "'" : "'" + t.storedName + "' (" + t.name + ")";
}

// Stored entries of model and regression file; the regression's replace equal stored
// keys (the official loader merges with dict.update before converting).
std::vector<StoredTensor> storedTensors(TorchFile& model, TorchFile* regression) {
    std::vector<StoredTensor> out;
    std::map<std::string, size_t> byStored;
    auto addAll = [&](TorchFile& file) {
        for (const auto& [key, tensor] : tensorDict(file, "model")) {
            const StoredTensor t{key, convertStoredKey(key), tensor, &file};
            const auto [it, inserted] = byStored.emplace(key, out.size());
            if (inserted)
                out.push_back(t);
            else
                out[it->second] = t;
        }
    };
    addAll(model);
    if (regression) addAll(*regression);
    return out;
}

int64_t rowEmbeddingWidthOf(const std::vector<StoredTensor>& tensors) {
    for (const StoredTensor& t : tensors)
        if (t.name == "msa_position_embedding" && !t.tensor->tensor->size.empty()) return t.tensor->tensor->size.back();
    return 0;
}

// Strict validation against the model's parameter set, before reading any data.
void validate(const std::vector<StoredTensor>& tensors, const ModelArgs& args, bool haveRegression,
              const std::string& modelPath) {
    const int64_t width = rowEmbeddingWidthOf(tensors);
    const std::vector<ExpectedParameter> expected = expectedParameters(args, width);
    std::map<std::string, const ExpectedParameter*> byName;
    for (const ExpectedParameter& p : expected) byName[p.name] = &p;

    std::map<std::string, const StoredTensor*> found;
    for (const StoredTensor& t : tensors) {
        const auto [it, inserted] = found.emplace(t.name, &t);
        if (!inserted)
            failFile(t.file->path, "the stored keys '" + it->second->storedName + "' and '" + t.storedName +
                                       "' both map to '" + t.name + "'");
        const auto e = byName.find(t.name);
        if (e == byName.end())
            failFile(t.file->path, "unexpected key " + describeKey(t) + " (not a parameter of this model)");
        const std::vector<int64_t>& shape = t.tensor->tensor->size;
        if (t.name == "msa_position_embedding" && width != 1 && width != args.embedDim)
            failFile(t.file->path, "key " + describeKey(t) + ": expected shape (1 x 1024 x 1 x " +
                                       std::to_string(args.embedDim) + ") or (1 x 1024 x 1 x 1), found " +
                                       shapeString(shape));
        if (shape != e->second->shape)
            failFile(t.file->path, "key " + describeKey(t) + ": expected shape " + shapeString(e->second->shape) +
                                       ", found " + shapeString(shape));
    }
    std::string missing;
    for (const ExpectedParameter& p : expected) {
        if (found.count(p.name) || (p.contactHead && !haveRegression)) continue;
        missing += (missing.empty() ? "" : ", ") + p.name;
    }
    if (!missing.empty()) failFile(modelPath, "missing parameter(s) in the state dict: " + missing);
}

void loadInto(Checkpoint& out, TorchFile& file, const std::vector<StoredTensor>& tensors) {
    std::vector<const PyValue*> refs;
    std::vector<std::string> names;
    for (const StoredTensor& t : tensors) {
        if (t.file != &file) continue;
        refs.push_back(t.tensor);
        names.push_back(t.storedName);
    }
    std::vector<TensorF> loaded = loadTensors(file, refs, names);
    size_t k = 0;
    for (const StoredTensor& t : tensors)
        if (t.file == &file) out.weights[t.name] = std::move(loaded[k++]);
}

}  // namespace

std::string regressionPathFor(const std::string& modelPath) {
    const bool pt = modelPath.size() >= 3 && modelPath.compare(modelPath.size() - 3, 3, ".pt") == 0;
    return (pt ? modelPath.substr(0, modelPath.size() - 3) : modelPath) + "-contact-regression.pt";
}

bool looksLikeCheckpoint(const std::string& path) { return sniffTorchContainer(path).has_value(); }

Checkpoint buildCheckpoint(TorchFile& model, TorchFile* regression) {
    const std::string& path = model.path;
    const PyValue* root = model.object.root;
    if (root->kind != pickle::PyKind::Dict)
        failFile(path, "the saved object is a " + root->describe() + ", not a checkpoint dict");
    const PyValue* argsValue = root->find("args");
    if (!argsValue)
        failFile(path,
                 "has no 'args' entry, so it is not a model checkpoint (a contact-regression file or a bare "
                 "state dict?)");
    if (!root->find("model")) failFile(path, "has no 'model' entry (the state dict)");

    Checkpoint out;
    out.path = path;
    out.args = parseModelArgs(*argsValue, path);
    out.container = containerName(model.container);
    if (regression) out.regressionPath = regression->path;

    const std::vector<StoredTensor> tensors = storedTensors(model, regression);
    validate(tensors, out.args, regression != nullptr, path);

    std::set<std::string> dtypes;
    for (const StoredTensor& t : tensors)
        if (t.file == &model) dtypes.insert(dtypeName(t.tensor->tensor->storage->storage->dtype));
    for (const std::string& d : dtypes) out.storedDtype += (out.storedDtype.empty() ? "" : "+") + d;

    loadInto(out, model, tensors);
    if (regression) loadInto(out, *regression, tensors);
    // One matrix in the model (tied); if a file carried two different ones, the official
    // loader ends up using lm_head.weight for both (spec §4).
    out.weights["embed_tokens.weight"] = out.weights.at("lm_head.weight");
    return out;
}

Checkpoint loadCheckpoint(const std::string& path) {
    TorchFile model = openTorchFile(path);
    const std::string regressionPath = regressionPathFor(path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(regressionPath, ec)) return buildCheckpoint(model, nullptr);
    TorchFile regression = openTorchFile(regressionPath);
    return buildCheckpoint(model, &regression);
}

int Checkpoint::rowEmbeddingWidth() const {
    const auto it = weights.find("msa_position_embedding");
    return it == weights.end() || it->second.shape.empty() ? 0 : static_cast<int>(it->second.shape.back());
}

int64_t Checkpoint::parameterCount() const {
    int64_t n = 0;
    for (const auto& [name, t] : weights)
        if (name != "lm_head.weight") n += static_cast<int64_t>(t.size());  // tied with embed_tokens.weight
    return n;
}

}  // namespace axs
