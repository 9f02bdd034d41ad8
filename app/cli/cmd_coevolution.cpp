// axialscope-cli coevolution: contacts from the alignment alone, by a pseudo-likelihood
// Potts model (plm, CCMpred's model) or APC-corrected mutual information (mi), written in
// the same files as `predict` and optionally scored against a structure like `evaluate`.
#include <omp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "coevolution/apc.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/reweighting.hpp"
#include "coevolution/score_tensor.hpp"
#include "commands.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/contact_io.hpp"
#include "evaluation_report.hpp"
#include "metrics/contact_precision.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "options.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli coevolution --msa FILE [--query-row K] --method plm|mi --out DIR\n"
    "                                  [--threads N] [--structure FILE [--chain ID]]\n"
    "\n"
    "Predicts contacts from coevolution in the alignment, without the model:\n"
    "  plm  pseudo-likelihood Potts model as in CCMpred: sequences reweighted at 80%\n"
    "       identity, L2 regularisation (fields 0.01, couplings 0.2 * (L - 1)), L-BFGS;\n"
    "       score = Frobenius norm of each zero-sum-gauged 20 x 20 amino-acid coupling\n"
    "       block (gap excluded), then average product correction (APC)\n"
    "  mi   mutual information over 21 states (gap included) with the same reweighting\n"
    "       and a 5% pseudocount, then APC; fast, much less accurate\n"
    "\n"
    "  --msa FILE         alignment (A3M, FASTA, Stockholm, Clustal, PSICOV .aln; .gz ok)\n"
    "  --query-row K      0-based row that is the query (default 0); it is moved first\n"
    "  --method plm|mi    the method\n"
    "  --out DIR          output folder (created if missing); files are replaced atomically\n"
    "  --threads N        OpenMP threads (default: all cores / OMP_NUM_THREADS)\n"
    "  --structure FILE   also score against this PDB / mmCIF structure (first model)\n"
    "  --chain ID         author chain id (' ' or '' for a blank chain); default: first protein chain\n"
    "\n"
    "Writes to DIR:\n"
    "  contacts.npy       L x L float32 scores, symmetric, zero diagonal\n"
    "  contacts.csv       i,j,probability (1-based, i<j, best first)\n"
    "  contacts.rr        CASP RR (i j 0 8 score)\n"
    "  evaluation.json    with --structure: the JSON of `axialscope-cli evaluate --json`\n"
    "\n"
    "Positions are the alignment's columns: L = alignment width, and position i is column i\n"
    "(for A3M / Stockholm input the query's match states, i.e. the query residues). Columns\n"
    "where the query row has a gap are kept; in contacts.rr's sequence they appear as 'X',\n"
    "and in the evaluation they have no structure residue (so they are not scored).\n"
    "The scores are coupling strengths after APC, larger = more likely in contact; they are\n"
    "not probabilities (the CSV column keeps the shared name 'probability') and can be\n"
    "negative. Non-standard letters (X B Z J U O) count as gaps.\n";

void makeOutputDir(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) failFile(dir, "cannot create the output folder");
}

}  // namespace

int runCoevolution(const Args& args) {
    for (const std::string& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    const Options opt(args, {"--msa", "--query-row", "--method", "--out", "--threads", "--structure", "--chain"});
    const std::string msaPath = opt.required("--msa");
    const std::string method = opt.required("--method");
    const std::string outDir = opt.required("--out");
    if (method != "plm" && method != "mi") throw Error("--method must be 'plm' or 'mi', got '" + method + "'");
    if (opt.has("--chain") && !opt.has("--structure")) throw Error("--chain needs --structure");
    const long long row = opt.getInt("--query-row", 0);
    if (row < 0) throw Error("--query-row must be 0 or more");
    const long long threads = opt.getInt("--threads", 0);
    if (opt.has("--threads") && (threads < 1 || threads > 1024)) throw Error("--threads must be 1..1024");
    if (threads > 0) omp_set_num_threads(static_cast<int>(threads));

    const Msa msa = withQueryFirst(readMsa(msaPath), static_cast<size_t>(row));
    // Read the structure before the long computation, so a bad file fails at once.
    ProteinStructure structure;
    const StructureChain* chain = nullptr;
    if (opt.has("--structure")) {
        structure = readStructure(opt.get("--structure"));
        chain = opt.has("--chain") ? &structure.chain(opt.get("--chain")) : &structure.defaultChain();
    }
    makeOutputDir(outDir);

    const auto t0 = std::chrono::steady_clock::now();
    const coevolution::EncodedMsa encoded = coevolution::encodeMsa(msa);
    Eigen::MatrixXd scores;
    std::string summary;
    if (method == "plm") {
        coevolution::PlmOptions options;
        options.threads = static_cast<int>(threads);
        Progress progress;
        if (isatty(STDERR_FILENO))
            progress.report = [](double, const std::string& stage) { std::fprintf(stderr, "\r%-70s", stage.c_str()); };
        const coevolution::PlmResult r = coevolution::runPlm(encoded, options, progress);
        if (isatty(STDERR_FILENO)) std::fputc('\n', stderr);
        scores = r.scores;
        char buf[200];
        std::snprintf(buf, sizeof buf, "plm: Beff %.1f, %d iterations (%s), objective %.6g", r.beff, r.iterations,
                      r.stopReason.c_str(), r.objective);
        summary = buf;
    } else {
        const std::vector<double> w = coevolution::sequenceWeights(encoded, 0.8, static_cast<int>(threads));
        coevolution::MiOptions options;
        options.threads = static_cast<int>(threads);
        scores = coevolution::averageProductCorrection(coevolution::mutualInformation(encoded, w, options));
        char buf[100];
        std::snprintf(buf, sizeof buf, "mi: Beff %.1f", coevolution::effectiveSequences(w));
        summary = buf;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const TensorF map = coevolution::scoreTensor<float>(scores);
    const std::string npyPath = outDir + "/contacts.npy";
    writeNpy(npyPath, map);
    writeContactsCsv(outDir + "/contacts.csv", map);
    const std::string stem = std::filesystem::path(msaPath).stem().string();
    writeCaspRr(outDir + "/contacts.rr", map, rrSequence(msa.query()), stem);

    std::printf("%s: %zu rows x %zu columns, query row %lld; %s; %.1f s\n", msaPath.c_str(), msa.depth(), msa.width(),
                row, summary.c_str(), seconds);
    std::printf("wrote %s/contacts.npy, contacts.csv, contacts.rr\n", outDir.c_str());

    if (chain) {
        const EvaluationContext context{npyPath, "npy", opt.get("--structure"),
                                        "MSA " + msaPath + " row " + std::to_string(row), msa.query()};
        const ContactEvaluation ev = writeEvaluation(outDir + "/evaluation.json", map, context, *chain);
        const RangePrecision& lr = ev[ContactRange::Long];
        std::printf("long-range P@L %.4f, P@L/2 %.4f, P@L/5 %.4f (Lc %zu); wrote %s/evaluation.json\n", lr.pAtL,
                    lr.pAtL2, lr.pAtL5, ev.lengthWithCoordinates, outDir.c_str());
    }
    return 0;
}

}  // namespace axs::cli
