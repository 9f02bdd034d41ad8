#pragma once

namespace axs::ui {
/// Creates the QApplication and the main window, opens files given on the command line.
int runWorkbench(int argc, char** argv);
}  // namespace axs::ui
