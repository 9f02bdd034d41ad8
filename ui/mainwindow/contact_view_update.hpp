// Feeds the contact map view from the session: the run's predicted contacts above the
// diagonal, the open structure's true contacts (mapped onto the query) below.
#pragma once

#include <QString>

namespace axs::ui {

class ContactMapView;
class Session;

/// Updates `view` for the session's current alignment, run and structure. Returns a
/// warning for the status bar ("" if none), e.g. when the structure does not match the
/// query well. Never throws: problems are returned as the warning.
QString updateContactView(ContactMapView& view, const Session& session);

}  // namespace axs::ui
