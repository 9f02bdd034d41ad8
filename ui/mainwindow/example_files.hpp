// The bundled example (1a3a: the official contact notebook's MSA and its PDB structure,
// resources/examples/1a3a). Core reads files, not Qt resources, so the example is copied
// out of the resources into the application data folder the first time it is needed.
#pragma once

#include <QStringList>

namespace axs::ui {

/// Paths of the example files on disk (alignment first, then structure). Empty if they
/// could not be written.
QStringList bundledExamplePaths();

}  // namespace axs::ui
