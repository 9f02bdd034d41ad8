// PyMOL script: load the structure (unless an object of that name is already open), show
// it as cartoon, then one distance object per pair with its colour and radius, grouped.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <vector>

#include "viewers/viewer_scripts.hpp"

namespace axs {

namespace {

/// PyMOL object names: letters, digits and '_' (the file name's stem, e.g. "1a3a").
std::string objectName(const std::string& path) {
    std::string stem = std::filesystem::path(path).filename().string();
    for (const char* ext : {".gz", ".pdb", ".ent", ".cif", ".mmcif"}) {
        const std::string e(ext);
        if (stem.size() > e.size() && stem.compare(stem.size() - e.size(), e.size(), e) == 0)
            stem.erase(stem.size() - e.size());
    }
    std::string out;
    for (char c : stem) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out.empty() ? "structure" : out;
}

std::string selection(const std::string& object, const ViewerResidue& r) {
    std::string resi = r.authorId();
    if (!resi.empty() && resi[0] == '-') resi = "\\" + resi;  // a leading '-' would read as a range
    return "/" + object + "//" + r.chain + "/" + resi + "/" + r.atom;
}

std::string colorTriple(const std::string& hex) {
    unsigned r = 0, g = 0, b = 0;
    std::sscanf(hex.c_str(), "#%02x%02x%02x", &r, &g, &b);
    char buf[64];
    std::snprintf(buf, sizeof buf, "[%.3f, %.3f, %.3f]", r / 255.0, g / 255.0, b / 255.0);
    return buf;
}

std::string colorName(const std::string& hex) { return "axs_" + hex.substr(1); }

}  // namespace

std::string pymolScript(const ViewerScene& scene, const std::string& structureRef) {
    const std::string object = objectName(structureRef);
    std::ostringstream out;
    out << "# AxialScope: " << scene.title << "\n"
        << "# " << scene.pairs.size()
        << " pairs as distance objects (green: true contact, red: false, grey: no verdict), between CB\n"
        << "# atoms (CA where the residue has none), in the author numbering of " << structureRef << ".\n"
        << "# Run with: pymol this.pml, or @this.pml in PyMOL. Uses the object '" << object
        << "' if it is open, else loads the file.\n"
        << "python\n"
        << "from pymol import cmd\n"
        << "if '" << object << "' not in cmd.get_object_list():\n"
        << "    cmd.load(r'''" << structureRef << "''', '" << object << "')\n"
        << "python end\n"
        << "hide everything, " << object << "\n"
        << "show cartoon, " << object << "\n"
        << "color grey80, " << object << "\n";
    std::vector<std::string> defined;
    for (const ViewerPair& p : scene.pairs) {
        const std::string name = colorName(p.color);
        if (std::find(defined.begin(), defined.end(), name) != defined.end()) continue;
        defined.push_back(name);
        out << "set_color " << name << ", " << colorTriple(p.color) << "\n";
    }
    char line[96];
    for (size_t n = 0; n < scene.pairs.size(); ++n) {
        const ViewerPair& p = scene.pairs[n];
        std::snprintf(line, sizeof line, "axs_pair_%04zu", n + 1);
        const std::string d = line;
        out << "distance " << d << ", " << selection(object, p.first) << ", " << selection(object, p.second) << "\n"
            << "color " << colorName(p.color) << ", " << d << "\n";
        std::snprintf(line, sizeof line, "%.3f", p.radius);
        out << "set dash_radius, " << line << ", " << d << "\n";
    }
    out << "set dash_gap, 0\n"
        << "hide labels, axs_pair_*\n"
        << "group axialscope_pairs, axs_pair_*\n"
        << "orient " << object << "\n";
    return out.str();
}

}  // namespace axs
