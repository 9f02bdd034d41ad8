#include "mainwindow/recent_files.hpp"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace axs::ui {

QStringList RecentFiles::files() const { return QSettings().value(QStringLiteral("recentFiles")).toStringList(); }

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries) list.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), list);
    emit changed();
}

void RecentFiles::clear() {
    QSettings().remove(QStringLiteral("recentFiles"));
    emit changed();
}

void RecentFiles::fillMenu(QMenu* menu) {
    menu->clear();
    const QStringList list = files();
    int n = 0;
    for (const QString& path : list) {
        QAction* action = menu->addAction(QStringLiteral("&%1 %2").arg(++n % 10).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty()) menu->addAction(tr("(none)"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Clear list"), this, &RecentFiles::clear)->setEnabled(!list.isEmpty());
}

}  // namespace axs::ui
