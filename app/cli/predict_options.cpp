#include "predict_options.hpp"

#include <sstream>
#include <stdexcept>

#include "common/error.hpp"

namespace axs::cli {

namespace {

Precision parsePrecision(const std::string& p) {
    if (p == "fp32") return Precision::Fp32;
    if (p == "bf16") return Precision::Bf16;
    throw Error("--precision must be fp32 or bf16, got '" + p + "'");
}

}  // namespace

std::set<std::string> forwardOptionNames() {
    return {"--max-seqs",           "--subsample", "--query-row", "--outputs",
            "--max-tokens-per-msa", "--threads",   "--precision"};
}

PredictOutputs parseOutputs(const std::string& list) {
    PredictOutputs r;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.empty()) continue;
        if (item == "tokens")
            r.tokens = true;
        else if (item == "logits")
            r.logits = true;
        else if (item == "row_attentions")
            r.rowAttentions = true;
        else if (item == "col_attentions")
            r.colAttentions = true;
        else if (item == "contacts")
            r.contacts = true;
        else if (item == "repr:all")
            r.allReprs = true;
        else if (item.rfind("repr:", 0) == 0) {
            std::stringstream ks(item.substr(5));
            std::string k;
            while (std::getline(ks, k, ':')) {
                try {
                    size_t used = 0;
                    const int layer = std::stoi(k, &used);
                    if (used != k.size() || layer < 0) throw std::invalid_argument(k);
                    r.reprLayers.insert(layer);
                } catch (const std::logic_error&) {
                    throw Error("--outputs: '" + item + "' needs layer numbers, e.g. repr:0:6:12");
                }
            }
        } else {
            throw Error("--outputs: unknown output '" + item +
                        "' (expected tokens, logits, repr:K[:K...], row_attentions, col_attentions, contacts)");
        }
    }
    return r;
}

ForwardOptions baseForwardOptions(const Options& opt) {
    ForwardOptions fo;
    fo.precision = parsePrecision(opt.get("--precision", "fp32"));
    const long long threads = opt.getInt("--threads", 0);
    if (threads < 0) throw Error("--threads must be positive");
    fo.threads = static_cast<int>(threads);
    if (opt.has("--max-tokens-per-msa")) {
        const long long t = opt.getInt("--max-tokens-per-msa", 0);
        if (t < 1) throw Error("--max-tokens-per-msa must be positive");
        fo.maxTokensPerMsa = t;
    }
    return fo;
}

void requestOutputs(ForwardOptions& fo, const PredictOutputs& want, const ModelConfig& model,
                    const std::string& checkpointPath) {
    if (want.contacts && !model.hasContactHead)
        failFile(checkpointPath,
                 "no contact-regression weights: put the regression file beside the model as <model>-"
                 "contact-regression.pt, or leave 'contacts' out of --outputs");
    const int layers = model.layers;
    if (want.allReprs)
        for (int k = 0; k <= layers; ++k) fo.reprLayers.push_back(k);
    for (int k : want.reprLayers) {
        if (k > layers)
            throw Error("--outputs: repr:" + std::to_string(k) + " does not exist, the model has layers 0.." +
                        std::to_string(layers));
        if (!want.allReprs) fo.reprLayers.push_back(k);
    }
    fo.logits = want.logits;
    fo.rowAttentions = want.rowAttentions;
    fo.colAttentions = want.colAttentions;
    fo.contacts = want.contacts;
}

}  // namespace axs::cli
