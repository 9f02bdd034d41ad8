// axialscope-cli predict: read an MSA, subsample it the official way, run ESM-MSA-1b and
// write the requested outputs as .npy (names, dtypes and shapes of the golden reference
// data, batch dimension 1) plus the contacts as CSV and CASP RR.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "checkpoint/checkpoint.hpp"
#include "commands.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "predict_options.hpp"
#include "structure_choice.hpp"
#include "workflow/analysis_document.hpp"
#include "workflow/contact_exports.hpp"
#include "workflow/evaluation_report.hpp"
#include "workflow/model_run.hpp"
#include "workflow/structure_truth.hpp"

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
    "  --outputs LIST           comma-separated, default tokens,contacts (tokens.npy is always\n"
    "                           written):\n"
    "                             tokens          tokens.npy          int64 1 x R x C\n"
    "                             logits          logits.npy          1 x R x C x 33\n"
    "                             repr:K[:K...]   repr_layer<K>.npy   1 x R x C x D (K = 0..L, or repr:all)\n"
    "                             row_attentions  row_attentions.npy  1 x L x H x C x C\n"
    "                             col_attentions  col_attentions.npy  1 x L x H x C x R x R (large!)\n"
    "                             contacts        contacts.npy        1 x T x T, plus contacts.csv\n"
    "                                             (i,j,probability,residue_i,residue_j,cb_distance,\n"
    "                                             true_contact; the last two with --structure) and\n"
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
    "DIR also gets analysis.json, the manifest of a saved analysis (docs/saved-analysis.md):\n"
    "`axialscope DIR` shows the run's contacts (and attention, with row_attentions) without\n"
    "running the model again.\n"
    "\n"
    "R = rows, C = columns + 1 (the <cls> column), T = C - 1, L layers, H heads.\n"
    "Progress goes to stderr.\n";

template <class T>
void writeOut(const std::filesystem::path& dir, const std::string& name, const Tensor<T>& t) {
    writeNpy((dir / name).string(), t);
    std::fprintf(stderr, "wrote %s %s\n", (dir / name).c_str(), t.shapeString().c_str());
}

/// analysis.json beside the outputs, so that `axialscope DIR` opens the result.
void writeManifest(const std::filesystem::path& outDir, std::shared_ptr<const Msa> fileMsa, size_t queryRow,
                   const StructureChoice& structure, bool chainChosen, const ModelIdentity& model,
                   std::shared_ptr<const ModelRun> run, const std::vector<AnalysisExtraOutput>& streamed) {
    AnalysisDocument doc;
    doc.createdBy = std::string("axialscope-cli ") + AXS_VERSION;
    doc.alignment = std::move(fileMsa);
    doc.queryRow = queryRow;
    doc.structure = structure.structure;
    if (structure.chain) doc.chainId = structure.chain->id;
    doc.chainChosen = chainChosen;
    doc.model = model;
    doc.runs.push_back(std::move(run));
    doc.view.tab = doc.runs.front()->contacts.size() ? "contacts" : "alignment";
    writeAnalysisManifest(outDir.string(), doc, streamed);
    std::fprintf(stderr, "wrote %s\n", (outDir / kAnalysisManifestName).c_str());
}

}  // namespace

int runPredict(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    std::set<std::string> valued = forwardOptionNames();
    valued.insert({"--model", "--msa", "--out", "--structure", "--chain"});
    const Options opt(args, valued);
    const std::string modelArg = opt.required("--model");
    const std::string msaPath = opt.required("--msa");
    const std::filesystem::path outDir = opt.required("--out");
    const PredictOutputs want = parseOutputs(opt.get("--outputs", "tokens,contacts"));

    const MsaSelection selection = MsaSelection::fromOptions(opt);
    ForwardOptions fo = baseForwardOptions(opt);
    if (fo.precision == Precision::Bf16 && !kernels::bf16Accelerated())
        std::fprintf(stderr,
                     "note: this CPU has no AVX512_BF16, so bf16 is emulated: the numbers a bf16 CPU "
                     "would give, more slowly than fp32\n");

    if (opt.has("--structure") && !want.contacts) throw Error("--structure needs 'contacts' in --outputs");
    const StructureChoice structure = readStructureChoice(opt);
    const StructureChain* chain = structure.chain;

    // Model first: a bad --model should fail before a long MSA read or subsampling.
    const std::string modelPath = resolveModelPath(modelArg);
    const LoadedModel model = loadModelFile(modelPath);
    const int L = model.model->config().layers;
    requestOutputs(fo, want, model.model->config(), modelPath);

    const auto fileMsa = std::make_shared<const Msa>(readMsa(msaPath));
    PreparedMsa prepared =
        prepareMsa(selection.queryRow ? withQueryFirst(*fileMsa, static_cast<size_t>(selection.queryRow)) : *fileMsa,
                   selection.rows);
    std::fprintf(stderr, "MSA %s: %zu rows x %zu columns, using %zu rows (%s)\n", msaPath.c_str(), prepared.openedRows,
                 prepared.msa.width(), prepared.msa.depth(),
                 prepared.subsampled() ? subsampleModeName(selection.rows.mode).c_str() : "all");
    const auto rows = static_cast<int64_t>(prepared.msa.depth());
    const auto columns = static_cast<int64_t>(prepared.msa.width()) + 1;

    std::filesystem::create_directories(outDir);
    // The manifest of an earlier run would describe a mixture of old and new files until
    // this run writes its own: remove it first, so a failed run leaves none.
    std::filesystem::remove(outDir / kAnalysisManifestName);
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
    const int H = model.model->config().heads;
    if (want.colAttentions) {
        colOut.emplace(colPath.string(), std::vector<int64_t>{1, L, H, columns, rows, rows});
        const int64_t layerValues = H * columns * rows * rows;
        // layerValues by value: the sink runs after this block has ended.
        fo.colAttentionSink = [&colOut, layerValues](int64_t, int, const float* values) {
            colOut->append(values, static_cast<size_t>(layerValues));
        };
    }
    const auto runPtr =
        std::make_shared<const ModelRun>(runModel(model, std::move(prepared), selection.rows, fo, progress));
    const ModelRun& run = *runPtr;

    writeOut(outDir, "tokens.npy", run.tokens);  // always: the saved analysis checks the rows by them
    if (want.logits) writeOut(outDir, "logits.npy", run.logits);
    for (const auto& [k, t] : run.representations) writeOut(outDir, "repr_layer" + std::to_string(k) + ".npy", t);
    if (want.rowAttentions) writeOut(outDir, "row_attentions.npy", run.rowAttentions);
    if (colOut) {
        colOut->commit();
        std::fprintf(stderr, "wrote %s (1, %d, %d, %lld, %lld, %lld)\n", colPath.c_str(), L, H,
                     static_cast<long long>(columns), static_cast<long long>(rows), static_cast<long long>(rows));
    }
    if (want.contacts) {
        const ContactExport contacts = contactExport(run);
        std::optional<StructureTruth> truth;
        if (chain) truth = truthForQuery(run.msa.query(), *chain);
        writeOut(outDir, "contacts.npy", contacts.stored);
        writeContactFile((outDir / "contacts.csv").string(), ContactFileKind::Csv, contacts, truth ? &*truth : nullptr);
        writeContactFile((outDir / "contacts.rr").string(), ContactFileKind::Rr, contacts, nullptr);
        if (const auto gaps = std::count(contacts.query.begin(), contacts.query.end(), '-'); gaps > 0)
            std::fprintf(stderr, "note: the query has %ld gap columns; they appear as X in contacts.rr\n",
                         static_cast<long>(gaps));
        std::fprintf(stderr, "wrote %s and %s\n", (outDir / "contacts.csv").c_str(), (outDir / "contacts.rr").c_str());
        if (chain) {
            const EvaluationContext context{(outDir / "contacts.npy").string(), "npy", opt.get("--structure"),
                                            "MSA " + msaPath + " row " + std::to_string(selection.queryRow),
                                            run.msa.query()};
            std::vector<std::string> warnings;
            const ContactEvaluation ev =
                writeEvaluation((outDir / "evaluation.json").string(), contacts.map, context, *chain, &warnings);
            for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
            const RangePrecision& lr = ev[ContactRange::Long];
            std::fprintf(stderr, "long-range P@L %.4f, P@L/2 %.4f, P@L/5 %.4f (L %zu); wrote %s\n", lr.pAtL, lr.pAtL2,
                         lr.pAtL5, ev.lengthWithCoordinates, (outDir / "evaluation.json").c_str());
        }
    }
    std::vector<AnalysisExtraOutput> streamed;
    if (colOut) streamed.push_back({"col_attentions", {1, L, H, columns, rows, rows}});
    writeManifest(outDir, fileMsa, static_cast<size_t>(selection.queryRow), structure, opt.has("--chain"),
                  model.identity, runPtr, streamed);
    return 0;
}

}  // namespace axs::cli
