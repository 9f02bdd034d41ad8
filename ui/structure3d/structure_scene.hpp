// What the 3D view draws, as plain data (no GL): every chain's Cα trace, the query's
// positions mapped onto the chosen chain, and the marked pairs between virtual Cβ atoms
// (the contact definition's atoms, structure/virtual_cb.hpp). Colours, bounds and picking
// live here so tests can count lines and pick without a GL context.
#pragma once

#include <QColor>
#include <QString>
#include <QVector3D>
#include <vector>

#include "metrics/contact_ranking.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "structure3d/orbit_camera.hpp"

namespace axs::ui {

enum class ResidueColoring { Index, Chain, Conservation };

struct SceneResidue {
    int chain = 0;           ///< index into ProteinStructure::chains
    int residue = 0;         ///< index into that chain's residues
    QVector3D ca, cb;        ///< Cα and ideal virtual Cβ, Angstrom
    int queryPosition = -1;  ///< 0-based query position mapped to it (chosen chain only), -1 if none
    QString name;            ///< "LYS 45 (chain A)"
};

struct ScenePair {
    int i = 0, j = 0;      ///< 0-based query positions, i < j
    int from = 0, to = 0;  ///< indices into residues()
    double score = 0;
    Verdict verdict = Verdict::Unknown;
    QColor color;
    float radius = 0.2f;  ///< Angstrom
};

/// A pick: a residue, a pair, or nothing; `depth` is the distance along the ray.
struct ScenePick {
    enum class Kind { None, Residue, Pair } kind = Kind::None;
    int index = -1;  ///< into residues() or pairs()
    float depth = 0;
};

class StructureScene {
public:
    /// Takes every chain with backbone residues; `mapping` (may be null) maps query
    /// positions onto chain `activeChain` (index into structure.chains, -1: none), which
    /// center() and radius() frame.
    void setStructure(const ProteinStructure& structure, int activeChain, const QueryMapping* mapping);
    void clear();
    bool empty() const { return residues_.empty(); }

    /// Pairs to draw (query positions), coloured by verdict; radius fixed (contacts) or by
    /// score relative to the best (attention). Pairs with an unmapped end are left out;
    /// returns how many are drawn.
    size_t setPairs(const std::vector<RankedContact>& pairs, bool widthByScore);
    /// Per query position, 0..1 (e.g. column conservation); other residues are grey.
    void setConservation(std::vector<float> values) { conservation_ = std::move(values); }

    const std::vector<SceneResidue>& residues() const { return residues_; }
    const std::vector<ScenePair>& pairs() const { return pairs_; }
    /// Runs of residues of one chain whose consecutive Cα are bonded (< 4.2 Å); the tube breaks between runs.
    const std::vector<std::vector<int>>& traceRuns() const { return runs_; }
    int residueForQuery(int position) const;
    /// Index into pairs() of query pair (i, j) in either order, or -1.
    int pairIndex(int i, int j) const;

    /// Colour of a residue; residues of chains other than the chosen one are light grey
    /// except when colouring by chain.
    QColor residueColor(int index, ResidueColoring coloring) const;
    /// Whether residue `index` is on the chosen chain (true for all when none is chosen).
    bool onActiveChain(int index) const { return activeChain_ < 0 || residues_[size_t(index)].chain == activeChain_; }
    QVector3D center() const { return center_; }
    float radius() const { return radius_; }

    /// The residue whose Cα, or the pair whose cylinder, the ray passes closest to (within
    /// `residueTolerance` Å of a Cα, or the pair's radius + `pairTolerance`); the nearer to
    /// the eye wins.
    ScenePick pick(const Ray& ray, float residueTolerance = 1.6f, float pairTolerance = 0.6f) const;

private:
    std::vector<SceneResidue> residues_;
    std::vector<std::vector<int>> runs_;
    std::vector<int> queryToResidue_;
    std::vector<ScenePair> pairs_;
    std::vector<float> conservation_;
    std::vector<int> chainLength_;
    int chainCount_ = 0;
    int activeChain_ = -1;
    QVector3D center_;
    float radius_ = 1;
};

}  // namespace axs::ui
