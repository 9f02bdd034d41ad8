#include "mainwindow/structure_links.hpp"

#include "contactmap/contact_map_view.hpp"
#include "msa/column_stats.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"
#include "structure3d/structure_view.hpp"

namespace axs::ui {

void updateStructureView(StructureView& view, const Session& session) {
    const auto structure = session.structure();
    const auto msa = session.msa();
    std::string chainId;
    if (structure) {
        try {
            chainId = session.activeChain().id;
        } catch (const axs::Error&) {
            // No protein chain: the fold is still drawn, without pairs.
        }
    }
    const std::string query = msa && msa->depth() > 0 ? msa->query() : std::string();
    view.setStructure(structure, chainId, query);
    std::vector<float> conservation;
    if (msa && msa->depth() > 0)
        for (const ColumnStats& c : computeColumnStats(*msa)) conservation.push_back(c.conservation);
    view.setConservation(std::move(conservation));
    view.setRun(session.run());
}

void showContactMapPairsInStructure(ContactMapView* contacts, StructureView* structure) {
    const auto push = [contacts, structure] {
        if (contacts->predictionLabel().isEmpty())
            structure->clearContactSelection();
        else
            structure->setContactSelection(contacts->selection(), contacts->predictionLabel(), contacts->range(),
                                           contacts->rule());
    };
    QObject::connect(contacts, &ContactMapView::selectionChanged, structure, push);
    push();
}

void linkSelectionAndStructure(SelectionModel* selection, StructureView* structure) {
    QObject::connect(structure, &StructureView::residuePicked, selection, &SelectionModel::selectPosition);
    QObject::connect(structure, &StructureView::pairPicked, selection, &SelectionModel::selectPair);
    const auto show = [selection, structure] {
        const auto [i, j] = selection->pair();
        structure->setHighlightedPair(i, j);
        structure->setHighlightedResidue(selection->hasPair() ? -1 : selection->position());
    };
    QObject::connect(selection, &SelectionModel::positionChanged, structure, show);
    QObject::connect(selection, &SelectionModel::pairChanged, structure, show);
}

}  // namespace axs::ui
