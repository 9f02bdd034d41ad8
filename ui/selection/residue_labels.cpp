#include "selection/residue_labels.hpp"

#include <algorithm>

#include "workflow/structure_truth.hpp"

namespace axs::ui {

void ResidueLabels::setStructure(const StructureTruth& truth, const StructureChain& chain) {
    structureIds_.assign(query_.size(), std::string());
    const std::vector<int>& index = truth.mapping.residueIndex;
    for (size_t p = 0; p < std::min(index.size(), query_.size()); ++p)
        if (index[p] >= 0 && size_t(index[p]) < chain.residues.size())
            structureIds_[p] = chain.displayId() + " " + chain.residues[size_t(index[p])].authorId();
}

QString ResidueLabels::label(int p) const {
    if (p < 0 || p >= size()) return {};
    const char c = query_[size_t(p)];
    if (c == '-' || c == '.') return QStringLiteral("-%1 (gap)").arg(p + 1);
    QString s = QStringLiteral("%1%2").arg(QChar::fromLatin1(c)).arg(p + 1);
    if (size_t(p) < structureIds_.size() && !structureIds_[size_t(p)].empty())
        s += QStringLiteral(" \u00b7 ") + QString::fromStdString(structureIds_[size_t(p)]);
    return s;
}

QString ResidueLabels::letterLabel(int p) const {
    if (p < 0 || p >= size()) return {};
    return QStringLiteral("%1%2").arg(QChar::fromLatin1(query_[size_t(p)] == '.' ? '-' : query_[size_t(p)])).arg(p + 1);
}

QString ResidueLabels::pair(int i, int j) const {
    return QStringLiteral("%1 \u2013 %2 (separation %3)")
        .arg(label(std::min(i, j)), label(std::max(i, j)))
        .arg(std::abs(j - i));
}

}  // namespace axs::ui
