// The separation ranges the contact map offers: the notebook's four (local 3-5, short
// 6-11, medium 12-23, long >= 24) and All = s >= 6 (short, medium and long together).
// The ranking and marking itself is core's (metrics/contact_ranking.hpp), the one the
// precision table and the exported lists use, so the marks agree with both.
#pragma once

#include <QString>

#include "metrics/contact_ranking.hpp"

namespace axs::ui {

enum class SeparationRange { Local, Short, Medium, Long, All };

SeparationWindow separationWindow(SeparationRange range);
QString separationRangeName(SeparationRange range);  ///< "long (≥ 24)", ...

}  // namespace axs::ui
