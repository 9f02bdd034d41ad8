#include "structure3d/structure_scene.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "viewers/viewer_pairs.hpp"

namespace axs::ui {

namespace {

QVector3D toVector(const Point3& p) { return {float(p[0]), float(p[1]), float(p[2])}; }

constexpr float kMaxBondedCaDistance = 4.2f;  // Å; longer gaps are chain breaks

/// Distance between the ray and point p, and the ray parameter of the closest approach.
float rayPointDistance(const Ray& ray, const QVector3D& p, float* t) {
    *t = QVector3D::dotProduct(p - ray.origin, ray.direction);
    return (ray.origin + *t * ray.direction - p).length();
}

/// Distance between the ray and segment [a, b], with the ray parameter of the closest approach.
float raySegmentDistance(const Ray& ray, const QVector3D& a, const QVector3D& b, float* t) {
    const QVector3D u = ray.direction, v = b - a, w = ray.origin - a;
    const float bb = QVector3D::dotProduct(u, v), c = QVector3D::dotProduct(v, v);
    const float d = QVector3D::dotProduct(u, w), e = QVector3D::dotProduct(v, w);
    const float denom = c - bb * bb;  // |u| = 1
    float s = denom > 1e-6f ? (e - bb * d) / denom : 0.0f;
    s = std::clamp(s, 0.0f, 1.0f);
    const QVector3D q = a + s * v;
    return rayPointDistance(ray, q, t);
}

/// Blue → cyan → green → yellow → red along the chain (the usual N→C rainbow).
QColor rainbow(float f) {  // Muted, so the green / red pairs stand out against the tube.
    return QColor::fromHsvF(std::clamp(0.67f * (1 - f), 0.0f, 0.67f), 0.42f, 0.95f);
}

const QColor kChainPalette[] = {QColor(0x4c, 0x78, 0xa8), QColor(0xf5, 0x85, 0x18), QColor(0x54, 0xa2, 0x4b),
                                QColor(0xb2, 0x79, 0xa2), QColor(0x9d, 0x75, 0x5d), QColor(0x72, 0xb7, 0xb2),
                                QColor(0xe4, 0x57, 0x56), QColor(0xba, 0xb0, 0xac)};

}  // namespace

void StructureScene::clear() {
    residues_.clear();
    runs_.clear();
    queryToResidue_.clear();
    pairs_.clear();
    chainLength_.clear();
    chainCount_ = 0;
    activeChain_ = -1;
}

void StructureScene::setStructure(const ProteinStructure& structure, int activeChain, const QueryMapping* mapping) {
    clear();
    chainCount_ = int(structure.chains.size());
    std::vector<int> residueIndex;  // of the active chain: chain residue -> scene residue
    for (int c = 0; c < chainCount_; ++c) {
        const StructureChain& chain = structure.chains[size_t(c)];
        int kept = 0;
        if (c == activeChain) residueIndex.assign(chain.residues.size(), -1);
        std::vector<int> run;
        for (size_t r = 0; r < chain.residues.size(); ++r) {
            const StructureResidue& res = chain.residues[r];
            if (!res.hasBackbone) continue;
            SceneResidue s;
            s.chain = c;
            s.residue = int(r);
            s.ca = toVector(res.ca);
            s.cb = toVector(res.cb);
            s.name = QStringLiteral("%1 %2 (chain %3)")
                         .arg(QString::fromStdString(res.name), QString::fromStdString(res.authorId()),
                              QString::fromStdString(chain.displayId()));
            const int index = int(residues_.size());
            if (c == activeChain) residueIndex[r] = index;
            if (!run.empty() && (residues_[size_t(run.back())].ca - s.ca).length() > kMaxBondedCaDistance) {
                runs_.push_back(run);
                run.clear();
            }
            run.push_back(index);
            residues_.push_back(s);
            ++kept;
        }
        if (!run.empty()) runs_.push_back(run);
        chainLength_.push_back(kept);
    }
    if (mapping) {
        queryToResidue_.assign(mapping->residueIndex.size(), -1);
        for (size_t q = 0; q < mapping->residueIndex.size(); ++q) {
            const int r = mapping->residueIndex[q];
            if (r < 0 || size_t(r) >= residueIndex.size() || residueIndex[size_t(r)] < 0) continue;
            queryToResidue_[q] = residueIndex[size_t(r)];
            residues_[size_t(residueIndex[size_t(r)])].queryPosition = int(q);
        }
    }
    // Bounding sphere of the chosen chain (the one the pairs are on), else of everything.
    activeChain_ = activeChain;
    const auto framed = [&](const SceneResidue& r) {
        return activeChain < 0 || residueIndex.empty() || r.chain == activeChain;
    };
    QVector3D sum;
    int count = 0;
    for (const SceneResidue& r : residues_)
        if (framed(r)) sum += r.ca, ++count;
    center_ = count ? sum / float(count) : QVector3D();
    radius_ = 1;
    for (const SceneResidue& r : residues_)
        if (framed(r)) radius_ = std::max(radius_, (r.ca - center_).length() + 2.0f);
}

size_t StructureScene::setPairs(const std::vector<RankedContact>& pairs, bool widthByScore) {
    pairs_.clear();
    double best = 0;
    for (const RankedContact& c : pairs) best = std::max(best, c.score);
    for (const RankedContact& c : pairs) {
        const int a = residueForQuery(c.i), b = residueForQuery(c.j);
        if (a < 0 || b < 0) continue;
        ScenePair p;
        p.i = c.i;
        p.j = c.j;
        p.from = a;
        p.to = b;
        p.score = c.score;
        p.verdict = verdictOf(c);
        p.color = QColor(QString::fromLatin1(verdictColor(p.verdict)));
        // Same widths as the scripts (viewers/viewer_pairs.hpp).
        const PairStyle style;
        if (widthByScore) {
            const double w = best > 0 ? std::clamp(c.score / best, 0.0, 1.0) : 1.0;
            p.radius = float(style.minRadius + (style.maxRadius - style.minRadius) * w);
        } else {
            p.radius = float(style.radius);
        }
        pairs_.push_back(p);
    }
    return pairs_.size();
}

int StructureScene::residueForQuery(int position) const {
    return position >= 0 && size_t(position) < queryToResidue_.size() ? queryToResidue_[size_t(position)] : -1;
}

int StructureScene::pairIndex(int i, int j) const {
    if (i > j) std::swap(i, j);
    for (size_t k = 0; k < pairs_.size(); ++k)
        if (pairs_[k].i == i && pairs_[k].j == j) return int(k);
    return -1;
}

QColor StructureScene::residueColor(int index, ResidueColoring coloring) const {
    const SceneResidue& r = residues_[size_t(index)];
    // Other chains stay in the background unless colouring by chain.
    if (coloring != ResidueColoring::Chain && activeChain_ >= 0 && r.chain != activeChain_)
        return QColor(0xd8, 0xd8, 0xd8);
    switch (coloring) {
        case ResidueColoring::Index: {
            const int n = chainLength_.empty() ? 1 : chainLength_[size_t(r.chain)];
            // Position within its chain's kept residues.
            int first = index;
            while (first > 0 && residues_[size_t(first - 1)].chain == r.chain) --first;
            return rainbow(n > 1 ? float(index - first) / float(n - 1) : 0.0f);
        }
        case ResidueColoring::Chain:
            return kChainPalette[size_t(r.chain) % std::size(kChainPalette)];
        case ResidueColoring::Conservation: {
            if (r.queryPosition < 0 || size_t(r.queryPosition) >= conservation_.size()) return QColor(0xc8, 0xc8, 0xc8);
            const float c = std::clamp(conservation_[size_t(r.queryPosition)], 0.0f, 1.0f);
            // White (variable) to dark violet (conserved).
            return QColor::fromRgbF(1 - 0.6f * c, 1 - 0.85f * c, 1 - 0.35f * c);
        }
    }
    return Qt::gray;
}

ScenePick StructureScene::pick(const Ray& ray, float residueTolerance, float pairTolerance) const {
    ScenePick best;
    best.depth = std::numeric_limits<float>::max();
    for (size_t k = 0; k < residues_.size(); ++k) {
        float t = 0;
        if (rayPointDistance(ray, residues_[k].ca, &t) <= residueTolerance && t > 0 && t < best.depth)
            best = {ScenePick::Kind::Residue, int(k), t};
    }
    for (size_t k = 0; k < pairs_.size(); ++k) {
        const ScenePair& p = pairs_[k];
        float t = 0;
        const float d = raySegmentDistance(ray, residues_[size_t(p.from)].cb, residues_[size_t(p.to)].cb, &t);
        if (d <= p.radius + pairTolerance && t > 0 && t < best.depth) best = {ScenePick::Kind::Pair, int(k), t};
    }
    if (best.kind == ScenePick::Kind::None) best.depth = 0;
    return best;
}

}  // namespace axs::ui
