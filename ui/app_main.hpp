#pragma once

class QApplication;

namespace axs::ui {
/// Creates the QApplication and the main window, opens files given on the command line.
/// `axialscope [FILES…]`, `axialscope --screenshot DIR` (renders the views to PNG and exits).
int runWorkbench(int argc, char** argv);

/// Application name, organisation, version and icon for QSettings / QStandardPaths and
/// windows; also registers the bundled resources (needed because axs_ui is a static
/// library). Tests call it after creating their QApplication.
void setUpApplication(QApplication& app);
}  // namespace axs::ui
