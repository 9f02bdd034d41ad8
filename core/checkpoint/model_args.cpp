#include "checkpoint/model_args.hpp"

#include <map>

#include "checkpoint/key_mapping.hpp"
#include "common/error.hpp"

namespace axs {

using pickle::PyKind;
using pickle::PyValue;

namespace {

class Fields {
public:
    Fields(const PyValue& args, const std::string& path) : path_(path) {
        const PyValue* dict = &args;
        if (args.kind == PyKind::Object) {
            if (args.name != "argparse.Namespace")
                failFile(path, "the 'args' entry is a " + args.name + " object, not an argparse.Namespace");
            dict = args.state;
            if (!dict) return;  // a Namespace without fields
        }
        if (dict->kind != PyKind::Dict)
            failFile(path, "the 'args' entry is a " + dict->describe() + ", not a Namespace");
        for (const auto& [key, value] : dict->entries) {
            if (!key->isString()) continue;  // argparse field names are always strings
            const std::string renamed = convertArgName(key->text);
            fields_[renamed] = {key->text, value};  // later fields win, like the official dict comprehension
        }
    }

    const PyValue* find(const std::string& name) const {
        const auto it = fields_.find(name);
        return it == fields_.end() ? nullptr : it->second.second;
    }
    std::string storedName(const std::string& name) const {
        const auto it = fields_.find(name);
        return it == fields_.end() ? name : it->second.first;
    }

    const PyValue& required(const std::string& name, const std::string& releasedName) const {
        const PyValue* v = find(name);
        if (!v) failFile(path_, "the checkpoint args lack the required field '" + releasedName + "'");
        return *v;
    }

    [[noreturn]] void wrongType(const std::string& name, const char* expected, const PyValue& v) const {
        failFile(path_, "the checkpoint args field '" + storedName(name) + "' is a " + v.describe() + " (expected " +
                            expected + ")");
    }

    int64_t integer(const std::string& name, const std::string& releasedName, int64_t lo, int64_t hi) const {
        const PyValue& v = required(name, releasedName);
        if (v.kind != PyKind::Int) wrongType(name, "an integer", v);
        if (v.integer < lo || v.integer > hi)
            failFile(path_, "the checkpoint args field '" + storedName(name) + "' = " + std::to_string(v.integer) +
                                " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return v.integer;
    }

    void number(const std::string& name) const {
        const PyValue& v = required(name, name);
        if (v.kind != PyKind::Float && v.kind != PyKind::Int) wrongType(name, "a number", v);
    }

    bool flag(const std::string& name) const {
        const PyValue* v = find(name);
        if (!v || v->kind == PyKind::None) return false;
        if (v->kind == PyKind::Bool) return v->boolean;
        if (v->kind == PyKind::Int) return v->integer != 0;
        wrongType(name, "a bool", *v);
    }

private:
    std::string path_;
    std::map<std::string, std::pair<std::string, const PyValue*>> fields_;  ///< renamed -> (stored name, value)
};

}  // namespace

ModelArgs parseModelArgs(const PyValue& args, const std::string& path) {
    const Fields f(args, path);
    ModelArgs out;
    const PyValue& arch = f.required("arch", "arch");
    if (!arch.isString()) f.wrongType("arch", "a string", arch);
    out.arch = arch.text;
    if (out.arch != "msa_transformer")
        failFile(path, "architecture '" + out.arch + "' is not supported (expected 'msa_transformer', ESM-MSA-1/1b)");

    out.layers = static_cast<int>(f.integer("layers", "encoder_layers", 1, 1000));
    out.embedDim = static_cast<int>(f.integer("embed_dim", "encoder_embed_dim", 1, 1 << 16));
    out.ffnEmbedDim = static_cast<int>(f.integer("ffn_embed_dim", "encoder_ffn_embed_dim", 1, 1 << 20));
    out.attentionHeads = static_cast<int>(f.integer("attention_heads", "encoder_attention_heads", 1, 1 << 12));
    out.maxPositions = static_cast<int>(f.integer("max_positions", "max_positions", 1, 1 << 20));
    if (out.embedDim % out.attentionHeads != 0)
        failFile(path, "the checkpoint args are inconsistent: embed dim " + std::to_string(out.embedDim) +
                           " is not divisible by " + std::to_string(out.attentionHeads) + " heads");
    // Read (and so required) by the official model even though eval mode ignores them.
    f.number("dropout");
    f.number("attention_dropout");
    f.number("activation_dropout");
    out.embedPositionsMsa = f.flag("embed_positions_msa");

    const PyValue* perMsa = f.find("max_tokens_per_msa");
    if (perMsa && perMsa->kind != PyKind::None) {
        if (perMsa->kind != PyKind::Int || perMsa->integer < 1)
            f.wrongType("max_tokens_per_msa", "a positive integer", *perMsa);
        out.maxTokensPerMsa = perMsa->integer;
    }
    // max_tokens is read even when max_tokens_per_msa exists (spec §7.2); fairseq stores
    // None when batches were sized by count, which only matters if it is the threshold.
    const PyValue& maxTokens = f.required("max_tokens", "max_tokens");
    if (maxTokens.kind == PyKind::Int && maxTokens.integer >= 1)
        out.maxTokens = maxTokens.integer;
    else if (!(maxTokens.kind == PyKind::None && out.maxTokensPerMsa))
        f.wrongType("max_tokens", "a positive integer", maxTokens);
    return out;
}

}  // namespace axs
