// The 3D view's place in the window: fed from the session, drawing the contact map's marked
// pairs, and linked through the window's SelectionModel (selection/selection_model.hpp)
// like every other view: a residue or pair picked in 3D is the selection everywhere, and
// the selection (grid column, contact-map pair, attention cell) is highlighted in 3D.
#pragma once

namespace axs::ui {

class ContactMapView;
class SelectionModel;
class Session;
class StructureView;

/// Structure, chain and query from the session (or cleared), the alignment's column
/// conservation and the run's row attention.
void updateStructureView(StructureView& view, const Session& session);

/// Contact map → 3D: its marked pairs, again whenever they change (same ranking, range and
/// k as the map). Call again for a replaced contact map.
void showContactMapPairsInStructure(ContactMapView* contacts, StructureView* structure);

/// 3D ↔ selection: picks in 3D select the position or pair; the selection's position and
/// pair are highlighted in 3D.
void linkSelectionAndStructure(SelectionModel* selection, StructureView* structure);

}  // namespace axs::ui
