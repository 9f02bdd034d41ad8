// The File > Open Recent list, kept in QSettings ("recentFiles", newest first).
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace axs::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;
    explicit RecentFiles(QObject* parent = nullptr) : QObject(parent) {}

    QStringList files() const;
    void add(const QString& path);  ///< moves it to the front
    void clear();
    /// Rebuilds `menu` from the list; choosing an entry emits openRequested.
    void fillMenu(QMenu* menu);

signals:
    void openRequested(const QString& path);
    void changed();
};

}  // namespace axs::ui
