// axialscope-cli predict: read an MSA, subsample it the official way, run ESM-MSA-1b and
// write the requested outputs as .npy (names, dtypes and shapes of the golden reference
// data, batch dimension 1) plus the contacts as CSV and CASP RR.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "checkpoint/checkpoint.hpp"
#include "commands.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/contact_io.hpp"
#include "evaluation_report.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "structure/structure.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli predict --model PATH|NAME --msa FILE --out DIR [options]\n"
    "\n"
    "Runs ESM-MSA-1b on one MSA and writes the outputs into DIR.\n"
    "\n"
    "  --model PATH|NAME        checkpoint file (the contact-regression file is taken from\n"
    "                           <model>-contact-regression.pt beside it) or a released name\n"
    "                           such as esm_msa1b_t12_100M_UR50S (torch hub cache)\n"
    "  --msa FILE               alignment (A3M, FASTA, Stockholm, Clustal, PSICOV; .gz ok)\n"
    "  --out DIR                output directory (created if missing)\n"
    "  --max-seqs N|all         rows fed to the model, query included (default 128)\n"
    "  --subsample greedy|first\n"
    "                           how to choose them (default greedy = official notebook)\n"
    "  --query-row K            0-based row to use as query (moved first; default 0)\n"
    "  --outputs LIST           comma-separated, default tokens,contacts:\n"
    "                             tokens          tokens.npy          int64 1 x R x C\n"
    "                             logits          logits.npy          1 x R x C x 33\n"
    "                             repr:K[:K...]   repr_layer<K>.npy   1 x R x C x D (K = 0..L, or repr:all)\n"
    "                             row_attentions  row_attentions.npy  1 x L x H x C x C\n"
    "                             col_attentions  col_attentions.npy  1 x L x H x C x R x R (large!)\n"
    "                             contacts        contacts.npy        1 x T x T, plus contacts.csv and\n"
    "                                             contacts.rr (1-based, i<j, by probability)\n"
    "  --max-tokens-per-msa N   chunking threshold (default: the checkpoint's, 16384)\n"
    "  --threads N              worker threads (default: all cores)\n"
    "  --precision fp32|bf16    fp32 reproduces the reference (default); bf16 rounds the large\n"
    "                           products to bfloat16 and is faster only on CPUs with\n"
    "                           AVX512_BF16 (elsewhere it is emulated: same numbers, slower)\n"
    "  --structure FILE         also score the contacts against this PDB / mmCIF structure\n"
    "                           (first model) and write evaluation.json (schema of\n"
    "                           `axialscope-cli evaluate --json`)\n"
    "  --chain ID               author chain id for --structure (default: first protein chain)\n"
    "\n"
    "R = rows, C = columns + 1 (the <cls> column), T = C - 1, L layers, H heads.\n"
    "Progress goes to stderr.\n";

struct Requested {
    bool tokens = false, logits = false, rowAttentions = false, colAttentions = false, contacts = false;
    std::set<int> reprLayers;
    bool allReprs = false;
};

Requested parseOutputs(const std::string& list) {
    Requested r;
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

Precision parsePrecision(const std::string& p) {
    if (p == "fp32") return Precision::Fp32;
    if (p == "bf16") return Precision::Bf16;
    throw Error("--precision must be fp32 or bf16, got '" + p + "'");
}

void writeOut(const std::filesystem::path& dir, const std::string& name, const TensorF& t) {
    writeNpy((dir / name).string(), t);
    std::fprintf(stderr, "wrote %s %s\n", (dir / name).c_str(), t.shapeString().c_str());
}

}  // namespace

int runPredict(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    const Options opt(args, {"--model", "--msa", "--out", "--max-seqs", "--subsample", "--query-row", "--outputs",
                             "--max-tokens-per-msa", "--threads", "--precision", "--structure", "--chain"});
    const std::string modelArg = opt.required("--model");
    const std::string msaPath = opt.required("--msa");
    const std::filesystem::path outDir = opt.required("--out");
    const Requested want = parseOutputs(opt.get("--outputs", "tokens,contacts"));

    const MsaSelection selection = MsaSelection::fromOptions(opt);
    const long long queryRow = selection.queryRow;
    const std::string& mode = selection.mode;
    ForwardOptions fo;
    fo.precision = parsePrecision(opt.get("--precision", "fp32"));
    if (fo.precision == Precision::Bf16 && !kernels::bf16Accelerated())
        std::fprintf(stderr,
                     "note: this CPU has no AVX512_BF16, so bf16 is emulated: the numbers a bf16 CPU "
                     "would give, more slowly than fp32\n");
    const long long threads = opt.getInt("--threads", 0);
    if (threads < 0) throw Error("--threads must be positive");
    fo.threads = static_cast<int>(threads);
    if (opt.has("--max-tokens-per-msa")) {
        const long long t = opt.getInt("--max-tokens-per-msa", 0);
        if (t < 1) throw Error("--max-tokens-per-msa must be positive");
        fo.maxTokensPerMsa = t;
    }

    if (opt.has("--chain") && !opt.has("--structure")) throw Error("--chain needs --structure");
    if (opt.has("--structure") && !want.contacts) throw Error("--structure needs 'contacts' in --outputs");
    // Read the structure before the long computation, so a bad file fails at once.
    ProteinStructure structure;
    const StructureChain* chain = nullptr;
    if (opt.has("--structure")) {
        structure = readStructure(opt.get("--structure"));
        chain = opt.has("--chain") ? &structure.chain(opt.get("--chain")) : &structure.defaultChain();
    }

    // Model first: a bad --model should fail before a long MSA read or subsampling.
    const Checkpoint ckpt = loadCheckpoint(resolveModelPath(modelArg));
    const MsaTransformer model = MsaTransformer::fromCheckpoint(ckpt);
    const int L = model.config().layers;
    if (want.contacts && model.contactRegressionWeights().empty())
        failFile(ckpt.path,
                 "no contact-regression weights: put the regression file beside the model as <model>-"
                 "contact-regression.pt, or leave 'contacts' out of --outputs");
    if (want.allReprs)
        for (int k = 0; k <= L; ++k) fo.reprLayers.push_back(k);
    for (int k : want.reprLayers) {
        if (k > L)
            throw Error("--outputs: repr:" + std::to_string(k) + " does not exist, the model has layers 0.." +
                        std::to_string(L));
        if (!want.allReprs) fo.reprLayers.push_back(k);
    }
    fo.logits = want.logits;
    fo.rowAttentions = want.rowAttentions;
    fo.colAttentions = want.colAttentions;
    fo.contacts = want.contacts;

    const SelectedMsa selected = readSelectedMsa(msaPath, selection);
    const Msa& msa = selected.msa;
    std::fprintf(stderr, "MSA %s: %zu rows x %zu columns, using %zu rows (%s)\n", msaPath.c_str(),
                 selected.originalDepth, msa.width(), msa.depth(), selected.subsampled ? mode.c_str() : "all");
    const TensorI64 tokens = tokenizeMsa(msa);

    std::filesystem::create_directories(outDir);
    const auto start = std::chrono::steady_clock::now();
    Progress progress;
    progress.report = [&](double fraction, const std::string& stage) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "[%3.0f%%] %6.1f s  %s\n", 100.0 * fraction, s, stage.c_str());
    };
    // Column attentions (L·H·C·R² floats: 578 MiB at 64 x 256, 2.3 GiB at 128 x 256) go to
    // disk layer by layer instead of being held; the file appears only when it is complete.
    std::optional<NpyFloatStreamWriter> colOut;
    const std::filesystem::path colPath = outDir / "col_attentions.npy";
    if (want.colAttentions) {
        colOut.emplace(colPath.string(), std::vector<int64_t>{1, L, model.config().heads, tokens.shape[2],
                                                              tokens.shape[1], tokens.shape[1]});
        const int64_t layerValues = model.config().heads * tokens.shape[2] * tokens.shape[1] * tokens.shape[1];
        // layerValues by value: the sink runs after this block has ended.
        fo.colAttentionSink = [&colOut, layerValues](int64_t, int, const float* values) {
            colOut->append(values, static_cast<size_t>(layerValues));
        };
    }
    const ForwardResult r = model.forward(tokens, fo, progress);

    if (want.tokens) {
        writeNpy((outDir / "tokens.npy").string(), tokens);
        std::fprintf(stderr, "wrote %s %s\n", (outDir / "tokens.npy").c_str(), tokens.shapeString().c_str());
    }
    if (want.logits) writeOut(outDir, "logits.npy", r.logits);
    for (const auto& [k, t] : r.representations) writeOut(outDir, "repr_layer" + std::to_string(k) + ".npy", t);
    if (want.rowAttentions) writeOut(outDir, "row_attentions.npy", r.rowAttentions);
    if (colOut) {
        colOut->commit();
        std::fprintf(stderr, "wrote %s (1, %d, %d, %lld, %lld, %lld)\n", colPath.c_str(), L, model.config().heads,
                     static_cast<long long>(tokens.shape[2]), static_cast<long long>(tokens.shape[1]),
                     static_cast<long long>(tokens.shape[1]));
    }
    if (want.contacts) {
        writeOut(outDir, "contacts.npy", r.contacts);
        const int64_t T = r.contacts.shape[1];
        TensorF map({T, T});
        std::copy(r.contacts.data.begin(), r.contacts.data.end(), map.data.begin());
        writeContactsCsv((outDir / "contacts.csv").string(), map);
        const std::string seq = rrSequence(msa.query());
        if (const auto gaps =
                std::count(seq.begin(), seq.end(), 'X') - std::count(msa.query().begin(), msa.query().end(), 'X');
            gaps > 0)
            std::fprintf(stderr, "note: the query has %ld gap columns; they appear as X in contacts.rr\n",
                         static_cast<long>(gaps));
        writeCaspRr((outDir / "contacts.rr").string(), map, seq, std::filesystem::path(msaPath).stem().string());
        std::fprintf(stderr, "wrote %s and %s\n", (outDir / "contacts.csv").c_str(), (outDir / "contacts.rr").c_str());
        if (chain) {
            const EvaluationContext context{(outDir / "contacts.npy").string(), "npy", opt.get("--structure"),
                                            "MSA " + msaPath + " row " + std::to_string(queryRow), msa.query()};
            const ContactEvaluation ev = writeEvaluation((outDir / "evaluation.json").string(), map, context, *chain);
            const RangePrecision& lr = ev[ContactRange::Long];
            std::fprintf(stderr, "long-range P@L %.4f, P@L/2 %.4f, P@L/5 %.4f (L %zu); wrote %s\n", lr.pAtL, lr.pAtL2,
                         lr.pAtL5, ev.lengthWithCoordinates, (outDir / "evaluation.json").c_str());
        }
    }
    return 0;
}

}  // namespace axs::cli
