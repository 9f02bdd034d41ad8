// Residue pairs (predicted contacts or attention edges) as other molecular viewers name
// them: query positions mapped to the chain's residues with the author chain id, author
// residue number and insertion code of the structure file, so scripts written from them
// (viewer_scripts.hpp) open on the user's own copy of that file.
#pragma once

#include <string>
#include <vector>

#include "metrics/contact_ranking.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"

namespace axs {

/// One end of a pair, in the structure file's own terms.
struct ViewerResidue {
    std::string chain;         ///< author chain id ("" = blank chain)
    int seqNum = 0;            ///< author residue number
    char insertionCode = ' ';  ///< ' ' if none
    std::string name;          ///< residue name ("LYS")
    std::string atom;          ///< "CB" when the file has one, else "CA" (glycine, truncated side chains)

    std::string authorId() const;  ///< "45", "45A"
};

struct ViewerPair {
    int i = 0, j = 0;  ///< 0-based query positions, i < j
    ViewerResidue first, second;
    double score = 0;
    Verdict verdict = Verdict::Unknown;
    std::string color;  ///< "#rrggbb"
    double radius = 0;  ///< Angstrom
};

/// Verdict colours shared by the contact map, the 3D view and the scripts.
inline constexpr const char* kTrueContactColor = "#1ac83c";
inline constexpr const char* kFalseContactColor = "#ff3030";
inline constexpr const char* kUnjudgedContactColor = "#a0a0a0";
const char* verdictColor(Verdict verdict);

/// How wide the pairs are drawn: a fixed radius (contacts), or scaled by score between
/// minRadius and maxRadius relative to the best pair (attention weights, width by weight).
struct PairStyle {
    double radius = 0.2;  ///< Angstrom, when !byScore
    bool byScore = false;
    double minRadius = 0.06, maxRadius = 0.4;  ///< Angstrom, when byScore
};

/// The marked pairs in the structure's numbering, in the selection's order. Pairs with a
/// position that has no residue (or a residue without backbone) are left out, so the result
/// may be shorter than `contacts`. `mapping` is mapQueryToChain(query, chain).
std::vector<ViewerPair> viewerPairs(const std::vector<RankedContact>& contacts, const QueryMapping& mapping,
                                    const StructureChain& chain, const PairStyle& style = {});

/// What a script shows: the structure file to open and the pairs on it.
struct ViewerScene {
    std::string structurePath;  ///< the user's structure file (opened by the scripts)
    std::string format;         ///< "pdb" or "mmcif" (ProteinStructure::format)
    std::string title;          ///< one line describing the pairs, written as a comment / description
    std::vector<ViewerPair> pairs;
};

}  // namespace axs
