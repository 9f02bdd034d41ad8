// Protein structures (PDB / mmCIF, optionally gzipped) as the contact tools need them:
// the first model, one record per residue with its backbone and an ideal virtual C-beta.
//
// Reading rules (same as shared/data/derived/make_truth.py, i.e. the ESM contact notebook
// plus selenomethionine):
//   * first model only (NMR ensembles: model 1);
//   * ATOM residues are kept (waters dropped); HETATM residues are kept only when they are
//     modified amino acids inside the polymer (MSE -> 'M', SEP -> 'S', ...), ligands dropped;
//   * an atom with alternate locations uses the first one listed in the file;
//   * coordinates are rounded to float32 as read, like Biopython, so contacts at exactly
//     the 8 A boundary come out the same as in the reference scripts;
//   * chains are identified by the author chain id (auth_asym_id); "" is the blank chain.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/decompression.hpp"

namespace axs {

using Point3 = std::array<double, 3>;  ///< x, y, z in Angstrom

struct StructureResidue {
    std::string name;          ///< residue name as in the file ("MSE", "GLY")
    char oneLetter = 'X';      ///< standard one-letter code; modified residues map to their parent (MSE -> 'M')
    int seqNum = 0;            ///< author residue number
    char insertionCode = ' ';  ///< author insertion code, ' ' if none
    int labelSeq = -1;         ///< mmCIF label_seq_id, -1 when the file has none (PDB)
    bool hetatm = false;       ///< read from HETATM records
    bool hasBackbone = false;  ///< N, CA and C present; otherwise the coordinates below are unset
    bool hasCbAtom = false;    ///< the file holds a CB atom (not glycine); viewer scripts measure from it, else from CA
    Point3 n{}, ca{}, c{};     ///< backbone atoms
    Point3 cb{};               ///< ideal virtual C-beta from N, CA, C (also for glycine); see virtual_cb.hpp

    /// Author numbering as written in files: "45", "45A".
    std::string authorId() const;
};

struct StructureChain {
    std::string id;                          ///< author chain id; "" for a blank chain
    std::vector<StructureResidue> residues;  ///< in file order

    std::string sequence() const;  ///< one letter per residue
    /// "A", or "(blank)" for the blank chain; for messages.
    std::string displayId() const { return id.empty() ? "(blank)" : id; }
};

struct ProteinStructure {
    std::string sourcePath;
    std::string format;                  ///< "pdb" or "mmcif"
    size_t modelCount = 0;               ///< models in the file; only the first is read
    std::vector<StructureChain> chains;  ///< chains of the first model with at least one residue kept

    /// Chain by author id ("" or " " = blank). Throws axs::Error naming the file and listing the chains.
    const StructureChain& chain(const std::string& id) const;
    /// The default when the user names none: the first chain in file order that holds an
    /// amino acid with a backbone. Throws axs::Error naming the file if there is none.
    const StructureChain& defaultChain() const;
};

/// What readStructure accepts by default: files (or their gzip content) up to 512 MiB,
/// larger than any PDB entry's mmCIF, and the default ratio check against gzip bombs.
DecompressionLimits structureReadLimits();

/// Reads PDB or mmCIF (format sniffed from content; gzip detected by its magic bytes and
/// inflated under `limits`, see common/decompression.hpp). Throws axs::Error naming the
/// file for unreadable, corrupt, oversized or atom-less files.
ProteinStructure readStructure(const std::string& path, const DecompressionLimits& limits = structureReadLimits());

/// The same for a file's bytes held in memory (plain or gzip); `nameForMessages` names it in
/// errors and becomes `sourcePath`.
ProteinStructure readStructureFromMemory(std::string_view bytes, const std::string& nameForMessages,
                                         const DecompressionLimits& limits = structureReadLimits());

}  // namespace axs
