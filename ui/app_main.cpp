// PLACEHOLDER: replaced by the workbench (ui helper).
#include "app_main.hpp"

#include <QApplication>
#include <QLabel>

namespace axs::ui {
int runWorkbench(int argc, char** argv) {
    QApplication app(argc, argv);
    QLabel label("AxialScope");
    label.show();
    return app.exec();
}
}  // namespace axs::ui
