// axialscope: the workbench window. Thin: everything lives in ui/.
#include "app_main.hpp"

int main(int argc, char** argv) { return axs::ui::runWorkbench(argc, argv); }
