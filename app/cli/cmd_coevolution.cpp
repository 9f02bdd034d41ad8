// axialscope-cli coevolution: contacts from the alignment alone, by a pseudo-likelihood
// Potts model (plm, CCMpred's model) or APC-corrected mutual information (mi), written in
// the same files as `predict` and optionally scored against a structure like `evaluate`.
#include <omp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "commands.hpp"
#include "common/error.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "structure_choice.hpp"
#include "workflow/coevolution_run.hpp"
#include "workflow/contact_exports.hpp"
#include "workflow/evaluation_report.hpp"
#include "workflow/structure_truth.hpp"

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
    "  contacts.csv       i,j,probability,residue_i,residue_j,cb_distance,true_contact\n"
    "                     (1-based, i<j, best first; the last two with --structure)\n"
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
    const CoevolutionMethod method = parseCoevolutionMethod(opt.required("--method"), "--method");
    const std::string outDir = opt.required("--out");
    const long long row = opt.getInt("--query-row", 0);
    if (row < 0) throw Error("--query-row must be 0 or more");
    const long long threads = opt.getInt("--threads", 0);
    if (opt.has("--threads") && (threads < 1 || threads > 1024)) throw Error("--threads must be 1..1024");
    if (threads > 0) omp_set_num_threads(static_cast<int>(threads));

    const Msa msa = readOpenedMsa(msaPath, row);
    const StructureChoice structure = readStructureChoice(opt);
    const StructureChain* chain = structure.chain;
    makeOutputDir(outDir);

    Progress progress;
    if (isatty(STDERR_FILENO))
        progress.report = [](double, const std::string& stage) { std::fprintf(stderr, "\r%-70s", stage.c_str()); };
    const CoevolutionRun run = runCoevolution(msa, method, static_cast<int>(threads), progress);
    if (isatty(STDERR_FILENO)) std::fputc('\n', stderr);

    const ContactExport contacts = contactExport(run);
    std::optional<StructureTruth> truth;
    if (chain) truth = truthForQuery(msa.query(), *chain);
    const std::string npyPath = outDir + "/contacts.npy";
    writeContactFile(npyPath, ContactFileKind::Npy, contacts, nullptr);
    writeContactFile(outDir + "/contacts.csv", ContactFileKind::Csv, contacts, truth ? &*truth : nullptr);
    writeContactFile(outDir + "/contacts.rr", ContactFileKind::Rr, contacts, nullptr);

    std::printf("%s: %zu rows x %zu columns, query row %lld; %s: %s; %.1f s\n", msaPath.c_str(), msa.depth(),
                msa.width(), row, coevolutionMethodId(method).c_str(), run.summary.c_str(), run.seconds);
    std::printf("wrote %s/contacts.npy, contacts.csv, contacts.rr\n", outDir.c_str());

    if (chain) {
        const EvaluationContext context{npyPath, "npy", opt.get("--structure"),
                                        "MSA " + msaPath + " row " + std::to_string(row), msa.query()};
        std::vector<std::string> warnings;
        const ContactEvaluation ev =
            writeEvaluation(outDir + "/evaluation.json", contacts.map, context, *chain, &warnings);
        for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
        const RangePrecision& lr = ev[ContactRange::Long];
        std::printf("long-range P@L %.4f, P@L/2 %.4f, P@L/5 %.4f (Lc %zu); wrote %s/evaluation.json\n", lr.pAtL,
                    lr.pAtL2, lr.pAtL5, ev.lengthWithCoordinates, outDir.c_str());
    }
    return 0;
}

}  // namespace axs::cli
