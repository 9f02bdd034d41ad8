// axialscope-cli evaluate: score a contact prediction (any format of
// contacts/contact_prediction.hpp) against a structure, with the precision rules of the
// official contact notebook (metrics/contact_precision.hpp).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "common/error.hpp"
#include "contacts/contact_prediction.hpp"
#include "metrics/contact_precision.hpp"
#include "msa_selection.hpp"
#include "options.hpp"
#include "structure_choice.hpp"
#include "viewer_export.hpp"
#include "workflow/evaluation_report.hpp"
#include "workflow/structure_truth.hpp"

namespace axs::cli {

namespace {

const char* kHelp =
    "usage: axialscope-cli evaluate --contacts FILE --structure FILE [--chain ID]\n"
    "                               [--msa FILE [--query-row K]] [--format ID] [--json]\n"
    "                               [--pymol FILE] [--chimerax FILE] [--molviewspec FILE]\n"
    "                               [--range R] [--top K]\n"
    "\n"
    "Scores a contact prediction against a structure: precision of the top L, L/2, L/5\n"
    "pairs and the AUC over 0.1L..L for local (3-5), short (6-11), medium (12-23) and\n"
    "long (>= 24) separations; contact = virtual C-beta distance < 8 A; L = query\n"
    "positions that have coordinates (the ESM contact notebook's rules).\n"
    "\n"
    "  --contacts FILE    prediction: CASP RR / PSICOV ('i j 0 8 p', 1-based), plmDCA\n"
    "                     'i,j,score', FreeContact, CCMpred/GREMLIN matrix, EVcouplings\n"
    "                     CSV, .npy (L x L); format sniffed from the content\n"
    "  --format ID        force the prediction format (casp-rr, pair-list, evfold, matrix,\n"
    "                     table, npy; or a tool name: psicov, ccmpred, plmdca, evcouplings)\n"
    "  --structure FILE   PDB or mmCIF, optionally .gz; the first model is used\n"
    "  --chain ID         author chain id (' ' or '' for a blank chain); default: the first\n"
    "                     protein chain\n"
    "  --msa FILE         alignment whose query row the prediction's positions refer to\n"
    "  --query-row K      0-based row of the MSA that is the query (default 0)\n"
    "  --json             print one JSON object instead of the table\n";

const char* kHelpTail =
    "\n"
    "Without --msa the query is the sequence written in the prediction file (CASP RR\n"
    "header or sequence line) or, if it has none, the chain's own sequence. The query is\n"
    "aligned to the chain, so missing residues and other numbering are fine; a poor match\n"
    "(identity < 90% or coverage < 50%) is reported as a warning.\n";

std::string fixed(double v, int decimals) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string ungapped(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '-' && c != '.') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

int runEvaluate(const Args& args) {
    for (const std::string& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            std::fputs(kViewerExportHelp, stdout);
            std::fputs(kHelpTail, stdout);
            return 0;
        }
    std::set<std::string> valued = {"--contacts", "--structure", "--chain", "--msa", "--query-row", "--format"};
    for (const std::string& o : viewerExportOptions()) valued.insert(o);
    const Options opt(args, valued, {"--json"});
    const std::string contactsPath = opt.required("--contacts");
    const std::string structurePath = opt.required("--structure");
    if (opt.has("--query-row") && !opt.has("--msa")) throw Error("--query-row needs --msa");
    std::vector<std::string> warnings;

    const StructureChoice choice = readStructureChoice(opt, true);
    const ProteinStructure& structure = *choice.structure;
    const StructureChain& chain = *choice.chain;

    std::string query, querySource;
    ContactPrediction prediction;
    if (opt.has("--msa")) {
        const long long row = opt.getInt("--query-row", 0);
        if (row < 0) throw Error("--query-row must be 0 or more");
        const Msa msa = readOpenedMsa(opt.get("--msa"), row);
        query = msa.query();
        querySource = "MSA " + opt.get("--msa") + " row " + std::to_string(row);
        prediction = readContactPrediction(contactsPath, query.size(), opt.get("--format"));
        if (!prediction.sequence.empty() && prediction.sequence != ungapped(query))
            warnings.push_back("the sequence written in " + contactsPath + " differs from the MSA query");
    } else {
        prediction = readContactPrediction(contactsPath, 0, opt.get("--format"));
        if (!prediction.sequence.empty()) {
            query = prediction.sequence;
            querySource = "sequence in the prediction file";
        } else {
            query = chain.sequence();
            querySource = "chain " + chain.displayId() + " sequence";
            if (prediction.length() != query.size())  // fix L so a size mismatch is reported, not guessed
                prediction = readContactPrediction(contactsPath, query.size(), opt.get("--format"));
        }
    }
    if (prediction.duplicatePairs > 0)
        warnings.push_back(std::to_string(prediction.duplicatePairs) +
                           (prediction.duplicatePairs == 1 ? " line of " : " lines of ") + contactsPath +
                           (prediction.duplicatePairs == 1 ? " repeats" : " repeat") +
                           " a pair listed before; the largest score of each pair was kept");

    const StructureTruth truth = truthForQuery(query, chain);
    const QueryMapping& mapping = truth.mapping;
    warnings.insert(warnings.end(), truth.warnings.begin(), truth.warnings.end());
    const ContactEvaluation ev = evaluateContacts(prediction.scores, truth.map.contacts);

    if (opt.has("--json")) {
        const EvaluationContext context{contactsPath, prediction.format, structurePath, querySource, query};
        std::cout << evaluationDocument(context, chain, mapping, ev, warnings);
    } else {
        for (const std::string& w : warnings) std::cerr << "warning: " << w << "\n";
        std::cout << "contacts:  " << contactsPath << " (" << prediction.format << ")\n"
                  << "structure: " << structurePath << ", chain " << chain.displayId() << ", model 1 of "
                  << structure.modelCount << ", " << chain.residues.size() << " residues\n"
                  << "query:     " << query.size() << " positions (" << querySource << ")\n"
                  << "mapping:   " << truth.mappingText << "\n"
                  << "           identity " << fixed(100 * mapping.identity, 1) << "%, coverage "
                  << fixed(100 * mapping.coverage, 1) << "%, " << ev.lengthWithCoordinates
                  << " positions with coordinates (L)\n\n"
                  << "range     P@L     P@L/2   P@L/5   AUC     contacts\n";
        for (ContactRange r : {ContactRange::Local, ContactRange::Short, ContactRange::Medium, ContactRange::Long}) {
            const RangePrecision& p = ev[r];
            char line[128];
            std::snprintf(line, sizeof line, "%-8s  %-6s  %-6s  %-6s  %-6s  %zu\n", rangeBounds(r).name,
                          fixed(p.pAtL, 4).c_str(), fixed(p.pAtL2, 4).c_str(), fixed(p.pAtL5, 4).c_str(),
                          fixed(p.auc, 4).c_str(), p.trueContacts);
            std::cout << line;
        }
    }
    // With --json the pair list goes to stderr, so stdout stays one JSON document.
    writeViewerExports(opt, prediction.scores, truth.map.contacts, mapping, structure, chain, contactsPath,
                       opt.has("--json") ? std::cerr : std::cout);
    return 0;
}

}  // namespace axs::cli
