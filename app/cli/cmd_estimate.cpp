// axialscope-cli estimate: the memory (and, for the model, the time) a `predict` or
// `coevolution` run will need, planned from the same options and inputs without running it,
// so that a batch scheduler can reserve truthful resources (workflows/batch asks Slurm for
// this --mem).
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "checkpoint/checkpoint.hpp"
#include "coevolution/memory_estimate.hpp"
#include "commands.hpp"
#include "common/error.hpp"
#include "model/msa_transformer.hpp"
#include "model/run_estimate.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "predict_options.hpp"
#include "workflow/evaluation_report.hpp"
#include "workflow/prepared_msa.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli estimate --msa FILE [--method model|plm|mi] [--model PATH|NAME]\n"
    "                               [predict's or coevolution's options] [--json]\n"
    "\n"
    "Plans a run without doing it: the peak memory, and for the model the wall time, that\n"
    "`axialscope-cli predict` (--method model, the default) or `axialscope-cli coevolution\n"
    "--method plm|mi` with the same options would need on this machine. Reads the MSA (and\n"
    "the model), applies predict's row selection, and fails with the run's own message where\n"
    "the run would fail on its inputs: unreadable MSA or model, more columns or rows than\n"
    "the model takes, no contact-regression weights.\n"
    "\n"
    "  --msa FILE               alignment, as for predict / coevolution\n"
    "  --method model|plm|mi    which run to plan (default model)\n"
    "  --model PATH|NAME        checkpoint or released name (model only), as for predict\n"
    "  --max-seqs, --subsample, --outputs, --max-tokens-per-msa, --precision\n"
    "                           as for predict (model only)\n"
    "  --query-row K, --threads N\n"
    "                           as for predict / coevolution\n"
    "  --json                   one JSON object (below) instead of a sentence\n"
    "\n"
    "JSON fields: method, msa, rows and columns (as fed to the run, after row selection),\n"
    "file_rows, threads, memory_mib (peak resident memory of the whole process, MiB,\n"
    "rounded up), seconds (expected wall time of the forward pass at these threads, timed\n"
    "from a matrix product on this machine; null for plm and mi, whose iteration count is\n"
    "not known in advance), and memory: the parts of memory_mib.\n"
    "The model's memory follows the forward pass's own buffer plan; 'loading' is what reading\n"
    "the checkpoint needs beyond the run (its tensors and the model's are held together\n"
    "while the model is built, then the checkpoint is freed); plm's is dominated by L-BFGS: (2 x 5 + 7)\n"
    "vectors of 20 L + 441 L (L - 1) / 2 float32 parameters.\n";

/// The program itself besides what the plans count (code, C++ runtime, OpenMP thread
/// stacks): measured at 12-15 MiB for `coevolution` on tiny alignments, rounded up.
constexpr double kProgramMib = 24.0;

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

/// Bytes an alignment holds in memory (rows, names, per-string overhead).
double msaBytes(const Msa& msa) {
    double b = 0;
    for (size_t r = 0; r < msa.depth(); ++r) b += msa.rows[r].capacity() + msa.names[r].capacity() + 64;
    return b;
}

struct Plan {
    std::string method;
    size_t rows = 0, columns = 0, fileRows = 0;
    int threads = 0;
    std::string precision;  // model only
    double seconds = -1;    // < 0: not estimated
    double gflop = 0;
    std::vector<std::pair<std::string, double>> parts;  // name, bytes
};

void print(const Plan& p, const std::string& msaPath, bool json) {
    double total = 0;
    for (const auto& part : p.parts) total += part.second;
    const double totalMib = std::ceil(mib(total));
    if (!json) {
        std::printf("%s on %s: %zu rows x %zu columns, %d threads: %.0f MiB", p.method.c_str(), msaPath.c_str(), p.rows,
                    p.columns, p.threads, totalMib);
        if (p.seconds >= 0) std::printf(", about %.1f s", p.seconds);
        std::printf("\n");
        return;
    }
    std::printf("{\"method\": %s, \"msa\": %s, \"rows\": %zu, \"columns\": %zu, \"file_rows\": %zu, \"threads\": %d",
                jsonString(p.method).c_str(), jsonString(msaPath).c_str(), p.rows, p.columns, p.fileRows, p.threads);
    if (!p.precision.empty()) std::printf(", \"precision\": %s", jsonString(p.precision).c_str());
    std::printf(", \"memory_mib\": %.0f, \"seconds\": ", totalMib);
    if (p.seconds >= 0)
        std::printf("%.3f, \"gflop\": %.3f", p.seconds, p.gflop);
    else
        std::printf("null");
    std::printf(", \"memory\": {");
    for (size_t i = 0; i < p.parts.size(); ++i)
        std::printf("%s\"%s_mib\": %.1f", i ? ", " : "", p.parts[i].first.c_str(), mib(p.parts[i].second));
    std::printf("}}\n");
}

Plan planModel(const Options& opt, const std::string& msaPath) {
    const PredictOutputs want = parseOutputs(opt.get("--outputs", "tokens,contacts"));
    const MsaSelection selection = MsaSelection::fromOptions(opt);
    ForwardOptions fo = baseForwardOptions(opt);
    // Model first and then the MSA, in predict's order, so both fail with predict's message.
    const Checkpoint ckpt = loadCheckpoint(resolveModelPath(opt.required("--model")));
    const ModelConfig config = configFromCheckpoint(ckpt);  // the model itself is not built
    requestOutputs(fo, want, config, ckpt.path);
    if (fo.colAttentions) fo.colAttentionSink = [](int64_t, int, const float*) {};  // predict streams them to disk
    // As predict reads it: the file (kept for the analysis manifest), the query moved first,
    // the rows selected.
    const Msa fileMsa = readMsa(msaPath);
    const PreparedMsa prepared =
        prepareMsa(selection.queryRow ? withQueryFirst(fileMsa, static_cast<size_t>(selection.queryRow)) : fileMsa,
                   selection.rows);
    const Msa& msa = prepared.msa;
    checkInputSize(config, static_cast<int64_t>(msa.depth()), static_cast<int64_t>(msa.width()));

    const RunEstimate e = estimateRun(config, static_cast<int>(msa.depth()), static_cast<int>(msa.width()), fo);
    double checkpointBytes = 0;  // held together with the model while it is built, freed before the run
    for (const auto& [name, tensor] : ckpt.weights) checkpointBytes += static_cast<double>(tensor.data.size()) * 4;
    const double tokenBytes = static_cast<double>(msa.depth() * (msa.width() + 1)) * 8;
    const double msaTotal = msaBytes(fileMsa) + msaBytes(msa) + tokenBytes;
    const double run = static_cast<double>(e.workingBytes + e.outputBytes) + msaTotal;

    Plan p;
    p.method = "model";
    p.rows = msa.depth();
    p.columns = msa.width();
    p.fileRows = prepared.openedRows;
    p.threads = fo.threads > 0 ? fo.threads : omp_get_max_threads();
    p.precision = fo.precision == Precision::Bf16 ? "bf16" : "fp32";
    p.seconds = e.seconds;
    p.gflop = e.gflop;
    p.parts = {{"model", static_cast<double>(e.modelBytes)},
               {"working", static_cast<double>(e.workingBytes)},
               {"outputs", static_cast<double>(e.outputBytes)},
               {"msa", msaTotal},
               {"loading", std::max(0.0, checkpointBytes - run)}};
    return p;
}

Plan planCoevolution(const Options& opt, const std::string& msaPath, const std::string& method) {
    for (const std::string& name : forwardOptionNames())
        if (name != "--query-row" && name != "--threads" && opt.has(name))
            throw Error(name + " applies to --method model only");
    if (opt.has("--model")) throw Error("--model applies to --method model only");
    const long long row = opt.getInt("--query-row", 0);
    if (row < 0) throw Error("--query-row must be 0 or more");
    const long long threads = opt.getInt("--threads", 0);
    if (opt.has("--threads") && (threads < 1 || threads > 1024)) throw Error("--threads must be 1..1024");

    // As `coevolution` reads it: every row, the query moved first.
    const Msa msa = withQueryFirst(readMsa(msaPath), static_cast<size_t>(row));
    Plan p;
    p.method = method;
    p.rows = p.fileRows = msa.depth();
    p.columns = msa.width();
    p.threads = threads > 0 ? static_cast<int>(threads) : omp_get_max_threads();
    coevolution::CoevolutionMemory m;
    if (method == "plm") {
        coevolution::PlmOptions options;
        options.threads = p.threads;
        m = coevolution::plmMemory(p.rows, p.columns, options);
    } else {
        m = coevolution::mutualInformationMemory(p.rows, p.columns, p.threads);
    }
    p.parts = {{"alignment", static_cast<double>(m.alignmentBytes)},
               {"method", static_cast<double>(m.methodBytes)},
               {"scores", static_cast<double>(m.scoreBytes)},
               {"msa", msaBytes(msa)},
               {"program", kProgramMib * 1024 * 1024}};
    return p;
}

}  // namespace

int runEstimate(const Args& args) {
    for (const std::string& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    std::set<std::string> valued = forwardOptionNames();
    valued.insert({"--msa", "--method", "--model"});
    const Options opt(args, valued, {"--json"});
    const std::string msaPath = opt.required("--msa");
    const std::string method = opt.get("--method", "model");
    if (method != "model" && method != "plm" && method != "mi")
        throw Error("--method must be model, plm or mi, got '" + method + "'");
    const Plan plan = method == "model" ? planModel(opt, msaPath) : planCoevolution(opt, msaPath, method);
    print(plan, msaPath, opt.has("--json"));
    return 0;
}

}  // namespace axs::cli
