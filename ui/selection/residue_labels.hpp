// Names of query positions for tooltips, status messages and titles: the query letter and
// its 1-based position ("K12"), with the structure residue it maps to when a structure is
// open ("K12 · A 45"), and "gap" for a gap column of the query.
#pragma once

#include <QString>
#include <string>
#include <vector>

namespace axs {
struct StructureTruth;
struct StructureChain;
}  // namespace axs

namespace axs::ui {

class ResidueLabels {
public:
    ResidueLabels() = default;
    /// `query`: the alignment's first row (T characters, gaps allowed).
    explicit ResidueLabels(std::string query) : query_(std::move(query)) {}
    /// Adds the chain residue each position maps to (author ids, e.g. "A 45").
    void setStructure(const StructureTruth& truth, const StructureChain& chain);

    int size() const { return int(query_.size()); }
    /// "K12", "K12 · A 45", "-12 (gap)"; "" for a position out of range.
    QString label(int position) const;
    /// "K12" (no structure residue; "-12" for a gap) for titles.
    QString letterLabel(int position) const;
    /// "K12 – L57 (separation 45)".
    QString pair(int i, int j) const;

private:
    std::string query_;
    std::vector<std::string> structureIds_;  ///< per position; "" = no residue
};

}  // namespace axs::ui
