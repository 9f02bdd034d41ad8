// Mol* MolViewSpec scene (tree schema v1): root > download > parse > structure, with the
// polymer as a grey cartoon and a primitives group of one tube per pair, whose ends are
// atom selectors (auth_asym_id, auth_seq_id, pdbx_PDB_ins_code, auth_atom_id).
#include <ctime>
#include <sstream>

#include "common/json_string.hpp"
#include "viewers/viewer_scripts.hpp"

namespace axs {

namespace {

std::string selector(const ViewerResidue& r) {
    std::string s = "{";
    if (!r.chain.empty()) s += "\"auth_asym_id\": " + jsonString(r.chain) + ", ";
    s += "\"auth_seq_id\": " + std::to_string(r.seqNum) + ", ";
    if (r.insertionCode != ' ') s += "\"pdbx_PDB_ins_code\": " + jsonString(std::string(1, r.insertionCode)) + ", ";
    return s + "\"auth_atom_id\": " + jsonString(r.atom) + "}";
}

std::string number(double v) {
    std::ostringstream s;
    s.precision(4);
    s << v;
    return s.str();
}

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string residueLabel(const ViewerResidue& r) {
    return r.name + " " + (r.chain.empty() ? std::string() : r.chain + " ") + r.authorId();
}

}  // namespace

std::string molViewSpecScene(const ViewerScene& scene, const std::string& structureRef) {
    std::ostringstream out;
    out << "{\n  \"metadata\": {\"version\": \"1\", \"timestamp\": " << jsonString(utcTimestamp())
        << ", \"title\": " << jsonString("AxialScope: " + scene.title) << ", \"description\": "
        << jsonString(std::to_string(scene.pairs.size()) +
                      " pairs as tubes between CB atoms (CA where the residue has none); green: true contact, red: "
                      "false, grey: no verdict. The structure is read from " +
                      structureRef + ", relative to this file.")
        << "},\n"
        << "  \"root\": {\"kind\": \"root\", \"children\": [\n"
        << "    {\"kind\": \"download\", \"params\": {\"url\": " << jsonString(structureRef) << "}, \"children\": [\n"
        << "      {\"kind\": \"parse\", \"params\": {\"format\": "
        << jsonString(scene.format == "mmcif" ? "mmcif" : "pdb") << "}, \"children\": [\n"
        << "        {\"kind\": \"structure\", \"params\": {\"type\": \"model\"}, \"children\": [\n"
        << "          {\"kind\": \"component\", \"params\": {\"selector\": \"polymer\"}, \"children\": [\n"
        << "            {\"kind\": \"representation\", \"params\": {\"type\": \"cartoon\"}, \"children\": [\n"
        << "              {\"kind\": \"color\", \"params\": {\"color\": \"#d3d3d3\"}}]}]},\n"
        << "          {\"kind\": \"primitives\", \"params\": {\"opacity\": 1}, \"children\": [";
    for (size_t n = 0; n < scene.pairs.size(); ++n) {
        const ViewerPair& p = scene.pairs[n];
        out << (n ? "," : "") << "\n            {\"kind\": \"primitive\", \"params\": {\"kind\": \"tube\", \"start\": "
            << selector(p.first) << ", \"end\": " << selector(p.second) << ", \"radius\": " << number(p.radius)
            << ", \"color\": " << jsonString(p.color) << ", \"tooltip\": "
            << jsonString(residueLabel(p.first) + " – " + residueLabel(p.second) + ", score " + number(p.score))
            << "}}";
    }
    out << "]}]}]}]}]}\n}\n";
    return out.str();
}

}  // namespace axs
