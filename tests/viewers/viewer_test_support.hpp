// Shared by the viewer-script tests: the structures they use, a deterministic prediction
// made from the true distances (right and wrong pairs both ranked high), and the author
// numbering a pair's ends must have, read straight from the structure.
#pragma once

#include <QString>
#include <cmath>
#include <string>

#include "metrics/contact_ranking.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "viewer_script_parsing.hpp"

namespace axs::test {

/// The bundled example (chain A numbered 4-148) and two mmCIF files (2VQC chain A 4-73,
/// label_seq_id 1-70; 3U8V chain A with missing residues).
inline QString bundledExamplePdb() { return QStringLiteral(AXS_TEST_DATA "/../../resources/examples/1a3a/1a3a.pdb"); }
inline QString structureData(const char* name) { return QStringLiteral(AXS_TEST_DATA "/structure/") + name; }

/// exp(-d / 8) plus a deterministic jitter of up to 0.3: near pairs rank first, with
/// enough shuffling that false positives appear. NaN where the distance is unknown.
inline TensorD syntheticScores(const QueryContactMap& truth) {
    const int64_t T = truth.distances.shape[0];
    TensorD s({T, T}, std::nan(""));
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < T; ++j) {
            const double d = truth.distances.at(i, j);
            if (!std::isfinite(d)) continue;
            const int64_t a = std::min(i, j), b = std::max(i, j);
            const double jitter =
                std::fmod(std::abs(std::sin(double(a) * 12.9898 + double(b) * 78.233)) * 43758.5453, 1.0);
            s.at(i, j) = std::exp(-d / 8.0) + 0.3 * jitter;
        }
    return s;
}

/// How the scripts must name query position `p`: the chain's author id, the residue's
/// author number (+ insertion code) and CB, or CA where the file has no CB.
inline ScriptEnd expectedEnd(const StructureChain& chain, const QueryMapping& mapping, int p) {
    const StructureResidue& r = chain.residues[size_t(mapping.residueIndex[size_t(p)])];
    QString residue = QString::number(r.seqNum);
    if (r.insertionCode != ' ') residue += QChar::fromLatin1(r.insertionCode);
    return {QString::fromStdString(chain.id), residue, r.hasCbAtom ? QStringLiteral("CB") : QStringLiteral("CA")};
}

}  // namespace axs::test
