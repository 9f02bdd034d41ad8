// axialscope-cli heads: which row-attention heads know about contacts? Runs the model on
// an MSA, scores every head's symmetrised, APC-corrected row attention against the
// query's structure (analysis/head_scores.hpp) and prints the heads ranked by precision
// next to the contact head's own precision.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/head_scores.hpp"
#include "checkpoint/checkpoint.hpp"
#include "commands.hpp"
#include "common/error.hpp"
#include "metrics/contact_precision.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "structure_choice.hpp"
#include "workflow/evaluation_report.hpp"
#include "workflow/model_run.hpp"
#include "workflow/structure_truth.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli heads --model PATH|NAME --msa FILE --structure FILE [options]\n"
    "\n"
    "Which attention heads know about contacts? Runs ESM-MSA-1b on the MSA and scores each\n"
    "row-attention head on its own as a contact predictor: its map without <cls>,\n"
    "symmetrised and APC-corrected (what the contact head's regression sees), ranked\n"
    "against the query's structure with the ESM contact notebook's rules (contact = virtual\n"
    "C-beta distance < 8 A; k = floor(f * L), L = query positions with coordinates).\n"
    "Prints the heads sorted by precision with the contact regression's weight of each\n"
    "head, and the contact head's own precision for comparison.\n"
    "\n"
    "  --model PATH|NAME        checkpoint (regression file <model>-contact-regression.pt\n"
    "                           beside it is optional) or a released name\n"
    "  --msa FILE               alignment (A3M, FASTA, Stockholm, Clustal, PSICOV; .gz ok)\n"
    "  --structure FILE         PDB or mmCIF of the query, optionally .gz (first model)\n"
    "  --chain ID               author chain id (default: the first protein chain)\n"
    "  --query-row K            0-based MSA row that is the query (moved first; default 0)\n"
    "  --max-seqs N|all         rows fed to the model, query included (default 128)\n"
    "  --subsample greedy|first\n"
    "                           how to choose them (default greedy = official notebook)\n"
    "  --range R                long (>= 24, default), medium (12-23), short (6-11), local (3-5)\n"
    "  --k L|L/2|L/5            how many top pairs each head is judged on (default L)\n"
    "  --threads N              worker threads (default: all cores)\n"
    "  --csv OUT                also write the table: layer,head,precision,regression_weight\n"
    "                           (one row per head, layer-major, 0-based)\n"
    "  --json                   print one JSON object instead of the table\n"
    "  --allow-mismatch         score even when the query aligns poorly to the chain\n"
    "                           (identity < 90% or coverage < 50%); normally an error\n"
    "\n"
    "Layers and heads are 0-based: head (l, h) is feature l*H + h of the contact regression.\n";

ContactRange parseRange(const std::string& s) {
    for (ContactRange r : kAllRanges)
        if (s == rangeBounds(r).name) return r;
    throw Error("--range must be long, medium, short or local, got '" + s + "'");
}

double parseFraction(const std::string& s) {
    if (s == "L") return 1.0;
    if (s == "L/2") return 0.5;
    if (s == "L/5") return 0.2;
    throw Error("--k must be L, L/2 or L/5, got '" + s + "'");
}

std::string separationText(ContactRange r) {
    const RangeBounds b = rangeBounds(r);
    if (b.maxSeparation == 0) return "separation >= " + std::to_string(b.minSeparation);
    return "separation " + std::to_string(b.minSeparation) + "-" + std::to_string(b.maxSeparation - 1);
}

std::string fixed(double v, int decimals) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// Known pairs of the range and how many are contacts: the precision a random ranking
/// would reach on average, as a baseline for the table.
struct RangeCounts {
    size_t knownPairs = 0, contacts = 0;
};
RangeCounts countRange(const TensorI64& truth, ContactRange range) {
    const RangeBounds b = rangeBounds(range);
    const int64_t t = truth.shape[0];
    RangeCounts c;
    for (int64_t i = 0; i < t; ++i)
        for (int64_t j = i + b.minSeparation; j < t && (b.maxSeparation == 0 || j - i < b.maxSeparation); ++j) {
            if (truth.at(i, j) < 0) continue;
            ++c.knownPairs;
            c.contacts += truth.at(i, j) > 0;
        }
    return c;
}

}  // namespace

int runHeads(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        }
    const Options opt(args,
                      {"--model", "--msa", "--structure", "--chain", "--query-row", "--max-seqs", "--subsample",
                       "--range", "--k", "--threads", "--csv"},
                      {"--json", "--allow-mismatch"});
    const std::string modelArg = opt.required("--model");
    const std::string msaPath = opt.required("--msa");
    const std::string structurePath = opt.required("--structure");
    const MsaSelection selection = MsaSelection::fromOptions(opt);
    const long long queryRow = selection.queryRow;
    const std::string mode = subsampleModeName(selection.rows.mode);
    const long long threads = opt.getInt("--threads", 0);
    if (threads < 0) throw Error("--threads must be positive");
    HeadScoreOptions hso;
    hso.range = parseRange(opt.get("--range", "long"));
    const std::string kText = opt.get("--k", "L");
    hso.fraction = parseFraction(kText);
    hso.threads = static_cast<int>(threads);
    const bool json = opt.has("--json");

    // Cheap inputs first, so a wrong file fails before the forward pass.
    const std::string modelPath = resolveModelPath(modelArg);
    const LoadedModel model = loadModelFile(modelPath);
    const std::vector<float>& weights = model.model->contactRegressionWeights();
    const StructureChoice structure = readStructureChoice(opt, true);
    const StructureChain& chain = *structure.chain;

    PreparedMsa prepared = prepareMsa(readOpenedMsa(msaPath, queryRow), selection.rows);
    const size_t depth = prepared.openedRows;
    const bool subsampled = prepared.subsampled();

    const StructureTruth truthForRun = truthForQuery(prepared.msa.query(), chain);
    const QueryMapping& mapping = truthForRun.mapping;
    std::vector<std::string> warnings;
    if (mapping.lowConfidence) {
        if (!opt.has("--allow-mismatch"))
            failFile(structurePath, "chain " + chain.displayId() + " does not match the query (row " +
                                        std::to_string(queryRow) + " of " + msaPath + "): " + mapping.warning +
                                        "; pick the right --chain or --query-row, or pass --allow-mismatch");
        warnings = truthForRun.warnings;
    }
    const QueryContactMap& truth = truthForRun.map;
    if (truth.positionsWithCoordinates == 0)
        failFile(structurePath, "no query position maps to a residue with coordinates in chain " + chain.displayId());
    const auto topK =
        static_cast<size_t>(std::floor(hso.fraction * static_cast<double>(truth.positionsWithCoordinates) + 1e-9));
    if (topK == 0)
        failFile(structurePath, "only " + std::to_string(truth.positionsWithCoordinates) +
                                    " query positions have coordinates, so " + kText + " is 0 pairs; use a larger --k");

    const ForwardOptions fo = workbenchForwardOptions(!weights.empty(), static_cast<int>(threads));
    const auto start = std::chrono::steady_clock::now();
    Progress progress;
    progress.report = [&](double fraction, const std::string& stage) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "[%3.0f%%] %6.1f s  %s\n", 100.0 * fraction, s, stage.c_str());
    };
    const ModelRun run = runModel(model, std::move(prepared), selection.rows, fo, progress);
    const Msa& msa = run.msa;
    const HeadScores scores = scoreHeads(run.rowAttentions, truth.contacts, hso);

    double contactHeadPrecision = std::nan("");
    if (fo.contacts) {
        contactHeadPrecision = contactPrecision(contactMap(run), truth.contacts, hso.range, hso.fraction);
    } else {
        warnings.push_back("no contact-regression weights beside " + modelPath +
                           ": regression weights and the contact head's precision are not available");
    }
    if (opt.has("--csv")) {
        writeHeadScoresCsv(opt.get("--csv"), scores, run.regressionWeights);
        std::fprintf(stderr, "wrote %s (%lld heads)\n", opt.get("--csv").c_str(),
                     static_cast<long long>(scores.precision.size()));
    }

    const std::vector<size_t> order = scores.rankedByPrecision();
    const RangeCounts counts = countRange(truth.contacts, hso.range);
    const double randomPrecision = counts.knownPairs
                                       ? static_cast<double>(counts.contacts) / static_cast<double>(counts.knownPairs)
                                       : std::nan("");
    const std::string rangeName = rangeBounds(hso.range).name;

    if (json) {
        std::ostringstream js;
        js << "{\"model\": " << jsonString(modelPath) << ", \"layers\": " << scores.layers
           << ", \"heads\": " << scores.heads << ", \"msa\": " << jsonString(msaPath) << ", \"msa_rows\": " << depth
           << ", \"rows_used\": " << msa.depth() << ", \"subsample\": " << jsonString(subsampled ? mode : "all")
           << ", \"query_row\": " << queryRow << ", \"structure\": " << jsonString(structurePath)
           << ", \"chain\": " << jsonString(chain.id) << ", \"mapping\": {\"identity\": " << mapping.identity
           << ", \"coverage\": " << mapping.coverage << ", \"segments\": " << jsonString(truthForRun.mappingText)
           << "}, \"L\": " << truth.contacts.shape[0] << ", \"Lc\": " << truth.positionsWithCoordinates
           << ", \"range\": " << jsonString(rangeName) << ", \"k\": " << jsonString(kText)
           << ", \"top_k\": " << scores.topK << ", \"true_contacts\": " << counts.contacts
           << ", \"known_pairs\": " << counts.knownPairs << ", \"random_precision\": " << jsonNumber(randomPrecision)
           << ", \"contact_head_precision\": " << jsonNumber(contactHeadPrecision) << ", \"head_scores\": [";
        for (size_t n = 0; n < order.size(); ++n) {
            const size_t f = order[n];
            js << (n ? ", " : "") << "{\"layer\": " << f / static_cast<size_t>(scores.heads)
               << ", \"head\": " << f % static_cast<size_t>(scores.heads)
               << ", \"precision\": " << jsonNumber(scores.precision[f])
               << ", \"regression_weight\": " << (weights.empty() ? std::string("null") : jsonNumber(weights[f]))
               << "}";
        }
        js << "], \"warnings\": [";
        for (size_t w = 0; w < warnings.size(); ++w) js << (w ? ", " : "") << jsonString(warnings[w]);
        js << "]}\n";
        std::cout << js.str();
        return 0;
    }

    for (const std::string& w : warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "model:     " << modelPath << " (" << scores.layers << " layers x " << scores.heads << " heads)\n"
              << "MSA:       " << msaPath << ", " << depth << " rows x " << msa.width() << " columns, " << msa.depth()
              << " rows used (" << (subsampled ? mode : "all") << "), query row " << queryRow << "\n"
              << "structure: " << structurePath << ", chain " << chain.displayId() << ", " << truthForRun.mappingText
              << " (identity " << fixed(100 * mapping.identity, 1) << "%), L = " << truth.positionsWithCoordinates
              << " positions with coordinates\n"
              << "scored:    top " << kText << " = " << scores.topK << " " << rangeName << "-range pairs ("
              << separationText(hso.range) << ") per head; " << counts.contacts << " contacts among "
              << counts.knownPairs << " known pairs (random ranking ~ " << fixed(randomPrecision, 4) << ")\n\n";
    std::cout << "rank  layer  head  precision  regression_weight\n";  // layer, head 0-based
    for (size_t n = 0; n < order.size(); ++n) {
        const size_t f = order[n];
        char line[128];
        std::snprintf(line, sizeof line, "%4zu  %5zu  %4zu  %9s  %17s\n", n + 1, f / static_cast<size_t>(scores.heads),
                      f % static_cast<size_t>(scores.heads), fixed(scores.precision[f], 4).c_str(),
                      weights.empty() ? "n/a" : fixed(weights[f], 4).c_str());
        std::cout << line;
    }
    std::cout << "\nbest head:    layer " << order.front() / static_cast<size_t>(scores.heads) << " head "
              << order.front() % static_cast<size_t>(scores.heads) << ", precision "
              << fixed(scores.precision[order.front()], 4) << "\n"
              << "contact head: precision " << fixed(contactHeadPrecision, 4)
              << (weights.empty() ? " (no regression weights)" : " (logistic regression over all heads)") << "\n"
              << "(layers and heads 0-based; head (l, h) is regression feature l*" << scores.heads << " + h)\n";
    return 0;
}

}  // namespace axs::cli
