#include "mainwindow/example_files.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace axs::ui {

namespace {

const QString kExampleDir = QStringLiteral("examples/1a3a");
const QStringList kExampleFiles = {QStringLiteral("1a3a_1_A.a3m"), QStringLiteral("1a3a.pdb")};

bool hasExample(const QString& dataDir) {
    for (const QString& name : kExampleFiles)
        if (!QFileInfo(dataDir + "/" + kExampleDir + "/" + name).isFile()) return false;
    return true;
}

bool sameDir(const QString& a, const QString& b) {
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
}

// AXS_DATA_DIR_FROM_BIN: the install's data folder relative to its bin folder (from
// GNUInstallDirs, "../share/axialscope" by default).
QString installedDataDirFor(const QString& executableDir) {
    return QDir::cleanPath(executableDir + "/" + QStringLiteral(AXS_DATA_DIR_FROM_BIN));
}

}  // namespace

QString bundledDataDir(const QString& executableDir) {
    const QString installed = installedDataDirFor(executableDir);
    if (hasExample(installed)) return installed;
    // Only a program of this build tree falls back to the sources: an installed copy must
    // never depend on the checkout it was built from.
    if (sameDir(executableDir, QStringLiteral(AXS_BUILD_BIN_DIR)) && hasExample(QStringLiteral(AXS_SOURCE_DATA_DIR)))
        return QStringLiteral(AXS_SOURCE_DATA_DIR);
    return {};
}

QString installedDataDir() { return installedDataDirFor(QCoreApplication::applicationDirPath()); }

QString bundledDataDir() { return bundledDataDir(QCoreApplication::applicationDirPath()); }

QStringList bundledExamplePaths() {
    const QString dataDir = bundledDataDir();
    if (dataDir.isEmpty()) return {};
    QStringList paths;
    for (const QString& name : kExampleFiles) paths << dataDir + "/" + kExampleDir + "/" + name;
    return paths;
}

}  // namespace axs::ui
