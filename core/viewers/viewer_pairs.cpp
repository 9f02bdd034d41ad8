#include "viewers/viewer_pairs.hpp"

#include <algorithm>

namespace axs {

std::string ViewerResidue::authorId() const {
    std::string s = std::to_string(seqNum);
    if (insertionCode != ' ') s += insertionCode;
    return s;
}

const char* verdictColor(Verdict verdict) {
    switch (verdict) {
        case Verdict::True:
            return kTrueContactColor;
        case Verdict::False:
            return kFalseContactColor;
        case Verdict::Unknown:
            return kUnjudgedContactColor;
    }
    return kUnjudgedContactColor;
}

namespace {

const StructureResidue* residueAt(const QueryMapping& mapping, const StructureChain& chain, int position) {
    if (position < 0 || size_t(position) >= mapping.residueIndex.size()) return nullptr;
    const int r = mapping.residueIndex[size_t(position)];
    if (r < 0 || size_t(r) >= chain.residues.size()) return nullptr;
    const StructureResidue& res = chain.residues[size_t(r)];
    return res.hasBackbone ? &res : nullptr;
}

ViewerResidue viewerResidue(const StructureResidue& res, const std::string& chainId) {
    return {chainId, res.seqNum, res.insertionCode, res.name, res.hasCbAtom ? "CB" : "CA"};
}

}  // namespace

std::vector<ViewerPair> viewerPairs(const std::vector<RankedContact>& contacts, const QueryMapping& mapping,
                                    const StructureChain& chain, const PairStyle& style) {
    double best = 0;
    for (const RankedContact& c : contacts) best = std::max(best, c.score);
    std::vector<ViewerPair> out;
    out.reserve(contacts.size());
    for (const RankedContact& c : contacts) {
        const StructureResidue* a = residueAt(mapping, chain, c.i);
        const StructureResidue* b = residueAt(mapping, chain, c.j);
        if (!a || !b) continue;
        ViewerPair p;
        p.i = c.i;
        p.j = c.j;
        p.first = viewerResidue(*a, chain.id);
        p.second = viewerResidue(*b, chain.id);
        p.score = c.score;
        p.verdict = verdictOf(c);
        p.color = verdictColor(p.verdict);
        if (style.byScore) {
            const double w = best > 0 ? std::clamp(c.score / best, 0.0, 1.0) : 1.0;
            p.radius = style.minRadius + (style.maxRadius - style.minRadius) * w;
        } else {
            p.radius = style.radius;
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace axs
