// The bundled example (1a3a: the official contact notebook's MSA and its PDB structure).
// It ships as plain files, not Qt resources, because core reads files: installed under
// <prefix>/share/axialscope/examples/1a3a (found relative to the executable, so the package
// and any relocated install work without the source tree), and read from the source tree's
// resources/ when the program runs from the build tree.
#pragma once

#include <QString>
#include <QStringList>

namespace axs::ui {

/// The folder holding AxialScope's bundled data ("examples/1a3a/..."), for a program whose
/// executable lies in `executableDir`: `<executableDir>/../share/axialscope` (the install
/// layout) if it has the example, else the source tree's resources/ when `executableDir` is
/// this build's bin/ folder, else "" (not found).
QString bundledDataDir(const QString& executableDir);

/// Where the running program looks first: <executable dir>/../share/axialscope (for messages).
QString installedDataDir();

/// bundledDataDir() of the running program (QCoreApplication::applicationDirPath()).
QString bundledDataDir();

/// Paths of the example files on disk (alignment first, then structure), read-only; empty if
/// the bundled data was not found.
QStringList bundledExamplePaths();

}  // namespace axs::ui
