// The separation ranges the contact map offers are core's (metrics/contact_ranking.hpp:
// the notebook's four and All = s >= 6), and so is the ranking and marking, the one the
// precision table, the exported lists, the 3D view and `evaluate`'s viewer scripts use, so
// the marks agree with all of them. This header adds the names the workbench shows.
#pragma once

#include <QString>

#include "metrics/contact_ranking.hpp"

namespace axs::ui {

using axs::SeparationRange;
using axs::separationWindow;

QString separationRangeName(SeparationRange range);  ///< "long (≥ 24)", ...

}  // namespace axs::ui
