// ChimeraX command file: `open` the structure (model #1 in a fresh session), then one
// `pbond` per pair. Atom specs: #1/<chain>:<number><insertion code>@<atom>.
#include <cstdio>
#include <sstream>

#include "viewers/viewer_scripts.hpp"

namespace axs {

namespace {

std::string atomSpec(const ViewerResidue& r) {
    std::string s = "#1";
    if (!r.chain.empty()) s += "/" + r.chain;
    return s + ":" + r.authorId() + "@" + r.atom;
}

std::string quoted(const std::string& path) {
    std::string out = "\"";
    for (char c : path) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string chimeraxScript(const ViewerScene& scene, const std::string& structureRef) {
    std::ostringstream out;
    out << "# AxialScope: " << scene.title << "\n"
        << "# " << scene.pairs.size()
        << " pairs as pseudobonds (green: true contact, red: false, grey: no verdict), between CB atoms\n"
        << "# (CA where the residue has none), in the author numbering of " << structureRef << ".\n"
        << "# Run it in a fresh ChimeraX session (open this file): the structure becomes model #1.\n"
        << "open " << quoted(structureRef) << "\n"
        << "cartoon #1\n"
        << "color #1 lightgray target c\n";
    char radius[32];
    for (const ViewerPair& p : scene.pairs) {
        std::snprintf(radius, sizeof radius, "%.3f", p.radius);
        out << "pbond " << atomSpec(p.first) << " " << atomSpec(p.second) << " color " << p.color << " radius "
            << radius << " dashes 0 reveal true name axialscope\n";
    }
    out << "view #1\n";
    return out.str();
}

}  // namespace axs
