#include "mainwindow/example_files.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace axs::ui {

QStringList bundledExamplePaths() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/examples/1a3a";
    if (!QDir().mkpath(dir)) return {};
    QStringList paths;
    for (const QString& name : {QStringLiteral("1a3a_1_A.a3m"), QStringLiteral("1a3a.pdb")}) {
        const QString resource = ":/examples/1a3a/" + name;
        const QString target = dir + "/" + name;
        // Copy when missing or different (a newer build may ship a different file).
        if (QFileInfo(target).size() != QFileInfo(resource).size()) {
            QFile::remove(target);
            if (!QFile::copy(resource, target)) return {};
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
        paths << target;
    }
    return paths;
}

}  // namespace axs::ui
