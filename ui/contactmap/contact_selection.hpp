// The contact map's pair selection is core's (metrics/contact_selection.hpp), so the map,
// the 3D view and `evaluate`'s viewer scripts mark the same pairs; this header adds the
// names the workbench shows.
#pragma once

#include <QString>

#include "metrics/contact_selection.hpp"

namespace axs::ui {

using axs::MarkedContact;
using axs::selectContacts;
using axs::Selection;
using axs::SelectionRule;
using axs::separationBounds;
using axs::SeparationBounds;
using axs::SeparationRange;
using axs::Verdict;

QString separationRangeName(SeparationRange range);  ///< "long (≥ 24)", ...

}  // namespace axs::ui
