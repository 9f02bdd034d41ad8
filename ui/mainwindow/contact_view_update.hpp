// Feeds the contact views from the session: the run's predicted contacts above the
// diagonal, the open structure's true contacts (mapped onto the query by core's
// workflow/structure_truth.hpp) below, and the same truth to the per-head scores.
#pragma once

#include <QString>
#include <optional>

#include "workflow/structure_truth.hpp"

namespace axs::ui {

class ContactMapView;
class Session;

/// The open structure's true contacts over the query of the session's alignment (active
/// chain), or nullopt without alignment or structure. `label` gets "1a3a.pdb chain A";
/// `warning` a note when the chain fits the query poorly or the mapping failed.
std::optional<StructureTruth> sessionTruth(const Session& session, QString* label, QString* warning);

/// Fills a fresh `view` from the session: the query, the structure's truth, the main
/// prediction (the run's contacts, else the coevolution result) and the comparisons
/// selectable for the lower triangle (the coevolution result when a run is shown — always
/// comparison 1 then —, the earlier runs' contacts, then the session's imported comparisons,
/// in order). Returns a
/// warning for the status bar ("" if none). Never throws: problems are returned as the warning.
QString fillContactView(ContactMapView& view, const Session& session);

}  // namespace axs::ui
