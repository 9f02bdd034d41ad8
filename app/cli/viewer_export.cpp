#include "viewer_export.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "common/error.hpp"
#include "metrics/contact_ranking.hpp"
#include "viewers/viewer_scripts.hpp"

namespace axs::cli {

namespace {

/// "L", "L/2", "L/5" or a fraction in (0, 1].
double topFraction(const std::string& text) {
    if (text == "L") return 1.0;
    if (text == "L/2") return 0.5;
    if (text == "L/5") return 0.2;
    try {
        size_t used = 0;
        const double f = std::stod(text, &used);
        if (used == text.size() && f > 0 && f <= 1) return f;
    } catch (const std::logic_error&) {
    }
    throw Error("--top expects L, L/2, L/5 or a fraction in (0, 1], got '" + text + "'");
}

const char* verdictName(Verdict v) { return v == Verdict::True ? "true" : v == Verdict::False ? "false" : "unknown"; }

}  // namespace

const char* kViewerExportHelp =
    "  --pymol FILE       write the top pairs as a PyMOL script (.pml)\n"
    "  --chimerax FILE    ... as a ChimeraX command file (.cxc, pseudobonds)\n"
    "  --molviewspec FILE ... as a Mol* MolViewSpec scene (.mvsj)\n"
    "  --range R          pairs for the scripts: local, short, medium, long (default) or all (>= 6)\n"
    "  --top K            how many: L (default), L/2, L/5 or a fraction of L\n"
    "                     The scripts name residues by the structure's author chain and\n"
    "                     numbering; pairs are coloured green / red by the structure.\n";

std::vector<std::string> viewerExportOptions() {
    return {"--pymol", "--chimerax", "--molviewspec", "--range", "--top"};
}

void writeViewerExports(const Options& opt, const TensorD& scores, const TensorI64& truth, const QueryMapping& mapping,
                        const ProteinStructure& structure, const StructureChain& chain, const std::string& label,
                        std::ostream& report) {
    const std::vector<std::pair<std::string, ViewerFormat>> wanted = {{"--pymol", ViewerFormat::PyMol},
                                                                      {"--chimerax", ViewerFormat::ChimeraX},
                                                                      {"--molviewspec", ViewerFormat::MolViewSpec}};
    bool any = false;
    for (const auto& w : wanted) any |= opt.has(w.first);
    if (!any) {
        if (opt.has("--range") || opt.has("--top"))
            throw Error(
                "--range and --top choose the pairs of --pymol, --chimerax or --molviewspec; give one of those");
        return;
    }
    const auto range = separationRangeFromId(opt.get("--range", "long"));
    if (!range) throw Error("--range expects local, short, medium, long or all, got '" + opt.get("--range") + "'");
    ContactSelectionRule rule;
    rule.fraction = topFraction(opt.get("--top", "L"));
    const ContactSelection selection = selectContacts(scores, &truth, separationWindow(*range), rule);

    ViewerScene scene;
    scene.structurePath = structure.sourcePath;
    scene.format = structure.format;
    scene.title = "top " + opt.get("--top", "L") + " " + separationRangeId(*range) + "-range pairs (" +
                  std::to_string(selection.contacts.size()) + ") of " + label + " on chain " + chain.displayId();
    scene.pairs = viewerPairs(selection.contacts, mapping, chain);
    for (const auto& [option, format] : wanted)
        if (opt.has(option)) writeViewerScript(opt.get(option), format, scene);

    report << "\npairs in the viewer scripts: " << scene.title << "\n"
           << "rank  i     j     residue_i   residue_j   score       verdict\n";
    char line[160];
    for (size_t n = 0; n < scene.pairs.size(); ++n) {
        const ViewerPair& p = scene.pairs[n];
        const std::string a = p.first.chain + ":" + p.first.authorId(), b = p.second.chain + ":" + p.second.authorId();
        std::snprintf(line, sizeof line, "%-4zu  %-4d  %-4d  %-10s  %-10s  %-10.4g  %s\n", n + 1, p.i + 1, p.j + 1,
                      a.c_str(), b.c_str(), p.score, verdictName(p.verdict));
        report << line;
    }
    for (const auto& [option, format] : wanted)
        if (opt.has(option)) report << "wrote " << opt.get(option) << " (" << viewerFormatName(format) << ")\n";
}

}  // namespace axs::cli
