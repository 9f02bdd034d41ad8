// `axialscope --screenshot DIR`: opens the bundled example in a fresh window, runs the
// demo model and plmDCA on it and renders the main views to PNG files in DIR (works headless with
// QT_QPA_PLATFORM=offscreen). Used for docs/screenshots and to eyeball layout changes.
#pragma once

#include <QString>

namespace axs::ui {

/// Returns the process exit code (0 when every image was written).
int renderScreenshots(const QString& dir);

}  // namespace axs::ui
