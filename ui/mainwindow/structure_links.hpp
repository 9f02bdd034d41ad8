// The 3D view's place in the window: fed from the session, and linked with the contact map
// and the alignment grid so a pair or residue picked in one is highlighted in the others.
// Kept apart from MainWindow so the links can move to a shared selection object later.
#pragma once

#include <QString>
#include <functional>

namespace axs::ui {

class ContactMapView;
class MsaGridView;
class Session;
class StructureView;

/// Structure, chain and query from the session (or cleared), the alignment's column
/// conservation and the run's row attention.
void updateStructureView(StructureView& view, const Session& session);

/// Contact map → 3D: its marked pairs (again whenever they change) and the pair clicked;
/// 3D → contact map: the pair picked is outlined. Call again for a replaced contact map.
void linkContactMapAndStructure(ContactMapView* contacts, StructureView* structure);

/// Grid → 3D: the selected column's residue is highlighted; 3D → grid: a picked residue or
/// pair selects its (first) column and scrolls to it. `status` shows what was picked.
void linkGridAndStructure(MsaGridView* grid, StructureView* structure, std::function<void(const QString&)> status);

}  // namespace axs::ui
