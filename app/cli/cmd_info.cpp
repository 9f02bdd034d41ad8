// axialscope-cli info FILE: describes a checkpoint (model or contact-regression file) or
// an MSA. The kind of file is sniffed from its content, not its name.
#include <cstdio>
#include <string>

#include "checkpoint/checkpoint.hpp"
#include "checkpoint/torch_file.hpp"
#include "commands.hpp"
#include "common/error.hpp"
#include "msa/msa_io.hpp"

namespace axs::cli {

namespace {

const char* kInfoUsage =
    "usage: axialscope-cli info FILE\n"
    "\n"
    "Describes FILE, recognised by its content:\n"
    "  * an ESM-MSA checkpoint (torch.save zip or legacy): architecture, L/D/H/F, positions,\n"
    "    MSA row embedding, container, element type, parameter count, and whether the\n"
    "    contact-regression file <stem>-contact-regression.pt was found beside it;\n"
    "  * any other torch.save file holding tensors (e.g. a contact-regression file): its tensors;\n"
    "  * an MSA (A3M, FASTA, Stockholm, Clustal, PSICOV; .gz ok): format, depth, width, query.\n";

std::string grouped(int64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

void line(const char* label, const std::string& value) { std::printf("%-20s %s\n", label, value.c_str()); }

void describeModel(const std::string& path) {
    const Checkpoint ck = loadCheckpoint(path);
    const ModelArgs& a = ck.args;
    const int width = ck.rowEmbeddingWidth();
    const char* variant = width == 0 ? "no MSA row embedding" : width == 1 ? "ESM-MSA-1 layout" : "ESM-MSA-1b layout";
    line("file:", path);
    line("kind:", "MSA Transformer checkpoint");
    line("architecture:", a.arch + " (" + variant + ")");
    line("layers (L):", std::to_string(a.layers));
    line("embed dim (D):", std::to_string(a.embedDim));
    line("heads (H):",
         std::to_string(a.attentionHeads) + " (head dim " + std::to_string(a.embedDim / a.attentionHeads) + ")");
    line("ffn dim (F):", std::to_string(a.ffnEmbedDim));
    line("max positions:",
         std::to_string(a.maxPositions) + " (positional table " + std::to_string(a.maxPositions + 2) + " rows)");
    line("row embedding:", width == 0 ? std::string("none") : "1024 rows x " + std::to_string(width));
    line("chunk threshold:",
         std::to_string(a.chunkThreshold()) + " tokens per MSA (" +
             (a.maxTokensPerMsa ? "max_tokens_per_msa" : "max_tokens, no max_tokens_per_msa stored") + ")");
    line("container:", ck.container);
    line("dtype:", ck.storedDtype);
    line("parameters:", grouped(ck.parameterCount()) + (ck.hasContactHead() ? "" : " (without contact head)"));
    if (!ck.regressionPath.empty())
        line("contact regression:", "found: " + ck.regressionPath);
    else if (ck.hasContactHead())
        line("contact regression:", "stored in the model file");
    else
        line("contact regression:", "not found (looked for " + regressionPathFor(path) + "); contacts unavailable");
}

void describeTensorFile(const std::string& path) {
    const TensorDictFile f = readTensorDict(path);
    line("file:", path);
    line("kind:", "torch.save file with tensors (no model args; e.g. a contact-regression file)");
    line("container:", containerName(f.container));
    line("tensors:", std::to_string(f.names.size()));
    for (size_t i = 0; i < f.names.size(); ++i) {
        size_t nonzero = 0;
        for (float v : f.tensors[i].data) nonzero += v != 0.0f;
        std::printf("  %-40s %-14s %-9s %zu non-zero\n", f.names[i].c_str(), f.tensors[i].shapeString().c_str(),
                    dtypeName(f.dtypes[i]), nonzero);
    }
}

void describeMsa(const std::string& path) {
    const Msa msa = readMsa(path);
    line("file:", path);
    line("kind:", "multiple sequence alignment");
    line("format:", msa.format);
    line("depth:", std::to_string(msa.depth()) + " sequences");
    line("width:", std::to_string(msa.width()) + " aligned columns");
    if (msa.depth() > 0) {
        line("query name:", msa.names.empty() ? std::string() : msa.names.front());
        line("query:", msa.query());
    }
}

}  // namespace

int runInfo(const Args& args) {
    std::string path;
    for (const std::string& a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(kInfoUsage, stdout);
            return 0;
        }
        if (!a.empty() && a[0] == '-') throw Error("unknown option '" + a + "'\n\n" + kInfoUsage);
        if (!path.empty()) throw Error(std::string("info takes exactly one FILE\n\n") + kInfoUsage);
        path = a;
    }
    if (path.empty()) throw Error(std::string("missing FILE\n\n") + kInfoUsage);

    if (looksLikeCheckpoint(path)) {
        const TorchFile file = openTorchFile(path);
        const pickle::PyValue* root = file.object.root;
        if (root->kind == pickle::PyKind::Dict && root->find("args"))
            describeModel(path);
        else
            describeTensorFile(path);
    } else {
        describeMsa(path);
    }
    return 0;
}

}  // namespace axs::cli
