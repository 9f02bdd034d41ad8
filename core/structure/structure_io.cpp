// Reading PDB / mmCIF through gemmi (header-only), and reducing gemmi's model to the
// residue records of structure.hpp. All gemmi use is confined to this file.
#include <cctype>
#include <gemmi/mmread.hpp>
#include <gemmi/polyheur.hpp>
#include <gemmi/resinfo.hpp>
#include <map>
#include <set>
#include <string_view>

#include "common/decompression.hpp"
#include "common/error.hpp"
#include "structure/structure.hpp"
#include "structure/virtual_cb.hpp"

namespace axs {

namespace {

double roundToFloat(double v) {
    // volatile: GCC 12.2's SLP vectorizer drops a (double)(float) round trip done on two
    // neighbouring values at -O2 (checked with a 5-line reproducer); a volatile float
    // forces the rounding.
    volatile float f = static_cast<float>(v);
    return f;
}

Point3 asFloat32(const gemmi::Position& p) {
    // Biopython stores coordinates as float32; rounding the same way keeps distances
    // at the 8 A boundary identical to the reference truth files.
    return {roundToFloat(p.x), roundToFloat(p.y), roundToFloat(p.z)};
}

/// One-letter code for a kept residue, or 0 to drop the residue.
char residueLetter(const gemmi::Residue& res) {
    const gemmi::ResidueInfo info = gemmi::find_tabulated_residue(res.name);
    if (info.is_water()) return 0;
    const bool aminoAcid = info.is_amino_acid() && std::isalpha(static_cast<unsigned char>(info.one_letter_code));
    if (res.het_flag == 'H') {
        // HETATM: only modified amino acids that are part of the polymer (MSE in a chain),
        // not ligands or free amino acids after TER.
        if (!aminoAcid || res.entity_type != gemmi::EntityType::Polymer) return 0;
    }
    return aminoAcid ? static_cast<char>(std::toupper(static_cast<unsigned char>(info.one_letter_code))) : 'X';
}

StructureResidue convertResidue(const gemmi::Residue& res, char letter) {
    StructureResidue out;
    out.name = res.name;
    out.oneLetter = letter;
    out.seqNum = res.seqid.num.has_value() ? *res.seqid.num : 0;
    out.insertionCode = res.seqid.icode ? res.seqid.icode : ' ';
    out.labelSeq = res.label_seq.has_value() ? *res.label_seq : -1;
    out.hetatm = res.het_flag == 'H';
    // First listed alternate location of each atom name.
    std::map<std::string, Point3> first;
    for (const gemmi::Atom& a : res.atoms) first.emplace(a.name, asFloat32(a.pos));
    out.hasCbAtom = first.count("CB") > 0;
    const auto n = first.find("N"), ca = first.find("CA"), c = first.find("C");
    if (n != first.end() && ca != first.end() && c != first.end()) {
        out.hasBackbone = true;
        out.n = n->second;
        out.ca = ca->second;
        out.c = c->second;
        out.cb = idealVirtualCb(out.n, out.ca, out.c);
    }
    return out;
}

std::string trimmed(const std::string& s) {
    size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string StructureResidue::authorId() const {
    std::string s = std::to_string(seqNum);
    if (insertionCode != ' ') s += insertionCode;
    return s;
}

std::string StructureChain::sequence() const {
    std::string s;
    s.reserve(residues.size());
    for (const StructureResidue& r : residues) s += r.oneLetter;
    return s;
}

const StructureChain& ProteinStructure::chain(const std::string& id) const {
    const std::string want = trimmed(id);
    for (const StructureChain& c : chains)
        if (c.id == want) return c;
    std::string list;
    for (const StructureChain& c : chains) list += (list.empty() ? "" : ", ") + c.displayId();
    failFile(sourcePath, "no chain '" + (want.empty() ? std::string("(blank)") : want) +
                             "' in the first model (chains: " + (list.empty() ? "none" : list) + ")");
}

const StructureChain& ProteinStructure::defaultChain() const {
    for (const StructureChain& c : chains)
        for (const StructureResidue& r : c.residues)
            if (r.hasBackbone && r.oneLetter != 'X') return c;
    failFile(sourcePath, "no protein chain with backbone atoms in the first model");
}

DecompressionLimits structureReadLimits() {
    DecompressionLimits limits;
    limits.maxBytes = uint64_t{512} << 20;
    return limits;
}

namespace {

// True for the records gemmi keeps as connection records: the first four letters, in any
// case, of SSBOND, LINK or CISPEP (gemmi compares only those).
bool isConnectionRecord(std::string_view line) {
    if (line.size() < 4) return false;
    std::string head(line.substr(0, 4));
    for (char& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return head == "SSBO" || head == "LINK" || head == "CISP";
}

// Works around two bugs of gemmi 0.5.7 (Debian 12) in its PDB reader, found by
// fuzz_structure (heap over-reads):
//   * it reads the distance / link-id columns (73-80) of SSBOND and LINK records whenever a
//     line is longer than 73 characters, also past the end of a line of 74 to 79;
//   * it keeps the first 120 characters of a longer line and means to skip the rest, but
//     stops skipping at any byte above 0x7f, so the rest of the line becomes a line of its
//     own (which may then be such a short record).
// PDB columns beyond 80 carry nothing and columns after the end of a line are blank, so
// lines are cut to 119 characters (gemmi's own limit, never reaching its skipping) and
// connection records shorter than 80 columns are padded with spaces: same meaning.
std::string normalisePdbLines(std::string text) {
    constexpr size_t kColumns = 80, kMaxLine = 119;
    auto lineAt = [&text](size_t start) {
        const size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = std::string_view(text).substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return std::pair{line, end};
    };
    auto needsWork = [](std::string_view line) {
        return line.size() > kMaxLine || (isConnectionRecord(line) && line.size() < kColumns);
    };
    bool needed = false;
    for (size_t start = 0; start < text.size() && !needed;) {
        const auto [line, end] = lineAt(start);
        needed = needsWork(line);
        start = end + 1;
    }
    if (!needed) return text;
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (size_t start = 0; start < text.size();) {
        const auto [line, end] = lineAt(start);
        const bool cr = line.size() < end - start;
        out += line.substr(0, kMaxLine);
        if (isConnectionRecord(line) && line.size() < kColumns) out.append(kColumns - line.size(), ' ');
        if (cr && line.size() < kMaxLine) out += '\r';
        if (end < text.size()) out += '\n';
        start = end + 1;
    }
    return out;
}

// gemmi parses in place, hence the modifiable copy.
ProteinStructure parseStructure(std::string bytes, const std::string& path) {
    if (bytes.find('\0') != std::string::npos) failFile(path, "binary data, not a PDB or mmCIF file");
    const gemmi::CoorFormat format = gemmi::coor_format_from_content(bytes.data(), bytes.data() + bytes.size());
    if (format != gemmi::CoorFormat::Pdb && format != gemmi::CoorFormat::Mmcif)
        failFile(path, "not a PDB or mmCIF file");
    if (format == gemmi::CoorFormat::Pdb) bytes = normalisePdbLines(std::move(bytes));
    gemmi::Structure st;
    try {
        st = gemmi::read_structure_from_char_array(bytes.data(), bytes.size(), path);
        gemmi::setup_entities(st);
    } catch (const std::exception& e) {
        std::string what = e.what();
        if (what.rfind(path, 0) == 0) what = what.substr(path.size());  // avoid "path: path:..."
        while (!what.empty() && (what.front() == ':' || what.front() == ' ')) what.erase(what.begin());
        failFile(path, "cannot parse the structure: " + what);
    }
    ProteinStructure out;
    out.sourcePath = path;
    out.format = format == gemmi::CoorFormat::Mmcif ? "mmcif" : "pdb";
    out.modelCount = st.models.size();
    if (st.models.empty()) failFile(path, "no atoms found (not a PDB or mmCIF coordinate file?)");
    std::map<std::string, size_t> chainIndex;
    for (const gemmi::Chain& ch : st.models.front().chains) {
        // gemmi may split one author chain (e.g. after TER); merge by id.
        const std::string id = trimmed(ch.name);
        const gemmi::Residue* previous = nullptr;
        for (const gemmi::Residue& res : ch.residues) {
            // Microheterogeneity: alternative residues share a number; keep the first.
            if (previous && previous->seqid == res.seqid && previous->name != res.name) continue;
            previous = &res;
            const char letter = residueLetter(res);
            if (!letter) continue;
            auto [it, inserted] = chainIndex.emplace(id, out.chains.size());
            if (inserted) out.chains.push_back(StructureChain{id, {}});
            out.chains[it->second].residues.push_back(convertResidue(res, letter));
        }
    }
    if (out.chains.empty()) failFile(path, "no residues found in the first model (not a protein structure?)");
    return out;
}

}  // namespace

ProteinStructure readStructure(const std::string& path, const DecompressionLimits& limits) {
    return parseStructure(readFileDecompressed(path, limits), path);
}

ProteinStructure readStructureFromMemory(std::string_view bytes, const std::string& nameForMessages,
                                         const DecompressionLimits& limits) {
    return parseStructure(decompressIfGzip(bytes, nameForMessages, limits), nameForMessages);
}

}  // namespace axs
