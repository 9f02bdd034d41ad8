#include "mainwindow/structure_links.hpp"

#include "contactmap/contact_map_view.hpp"
#include "msa/column_stats.hpp"
#include "msa/msa_grid_view.hpp"
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

void linkContactMapAndStructure(ContactMapView* contacts, StructureView* structure) {
    const auto push = [contacts, structure] {
        if (contacts->predictionLabel().isEmpty())
            structure->clearContactSelection();
        else
            structure->setContactSelection(contacts->selection(), contacts->predictionLabel(), contacts->range(),
                                           contacts->rule());
    };
    QObject::connect(contacts, &ContactMapView::selectionChanged, structure, push);
    push();
    QObject::connect(contacts, &ContactMapView::contactClicked, structure,
                     [structure](int i, int j) { structure->setHighlightedPair(i, i == j ? -1 : j); });
    QObject::connect(structure, &StructureView::pairPicked, contacts, &ContactMapView::highlightPair);
}

void linkGridAndStructure(MsaGridView* grid, StructureView* structure, std::function<void(const QString&)> status) {
    QObject::connect(grid, &MsaGridView::columnSelected, structure, &StructureView::setHighlightedResidue);
    QObject::connect(structure, &StructureView::residuePicked, grid, [grid, structure, status](int position) {
        grid->selectColumn(position);
        grid->ensureVisible(1, position);
        if (status) status(structure->infoText().section(QStringLiteral("<br>"), -2, -2));
    });
    QObject::connect(structure, &StructureView::pairPicked, grid, [grid](int i, int) {
        grid->selectColumn(i);
        grid->ensureVisible(1, i);
    });
}

}  // namespace axs::ui
