// Help > About: version, what the program is, the model it runs and where its pieces come from.
#pragma once

class QWidget;

namespace axs::ui {

void showAboutDialog(QWidget* parent);

}  // namespace axs::ui
