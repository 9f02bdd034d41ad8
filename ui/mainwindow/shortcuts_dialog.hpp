// Help ▸ Keyboard Shortcuts: every menu action that has a shortcut, read from the menus
// themselves (so the list cannot drift from them), plus the mouse gestures of the views.
#pragma once

#include <QString>

class QMenuBar;
class QWidget;

namespace axs::ui {

/// One "shortcut<TAB>Menu ▸ Action" line per action with a shortcut, menu by menu, then the
/// mouse and view gestures; HTML table when `html`.
QString shortcutsText(const QMenuBar* menus, bool html);

/// Shows the list in a non-modal dialog.
void showShortcutsDialog(QWidget* parent, const QMenuBar* menus);

}  // namespace axs::ui
