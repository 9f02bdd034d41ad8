// Hand-off to other molecular viewers: the pairs of a ViewerScene (viewer_pairs.hpp) as
//   * a ChimeraX command file (.cxc): opens the structure, one pseudobond per pair (pbond,
//     colour and radius, endpoint atoms revealed);
//   * a PyMOL script (.pml): loads the structure unless an object of that name is open,
//     one distance object per pair between CB (CA for glycine) with its colour and radius;
//   * a Mol* MolViewSpec scene (.mvsj, tree schema v1): the structure as cartoon and one
//     tube primitive per pair between the same atoms.
// Residues are named by the file's author chain id, author residue number and insertion
// code, so the scripts open on the user's copy of the structure file. ChimeraX and PyMOL
// get its absolute path; the MolViewSpec scene a path relative to the .mvsj (Mol* resolves
// it against the scene's location, so keep both files together when sharing them).
#pragma once

#include <optional>
#include <string>

#include "viewers/viewer_pairs.hpp"

namespace axs {

enum class ViewerFormat { ChimeraX, PyMol, MolViewSpec };

/// From the extension (.cxc, .pml, .mvsj; case-insensitive), or nullopt.
std::optional<ViewerFormat> viewerFormatForPath(const std::string& path);
const char* viewerFormatName(ViewerFormat format);  ///< "ChimeraX", "PyMOL", "MolViewSpec"

/// The script text. `structureRef` is how the script names the structure file (a path
/// or URL, written as given).
std::string chimeraxScript(const ViewerScene& scene, const std::string& structureRef);
std::string pymolScript(const ViewerScene& scene, const std::string& structureRef);
std::string molViewSpecScene(const ViewerScene& scene, const std::string& structureRef);

/// Writes the script for `format` to `path` atomically (common/atomic_file.hpp), naming the
/// structure as described above. Throws axs::Error naming `path` on failure.
void writeViewerScript(const std::string& path, ViewerFormat format, const ViewerScene& scene);

}  // namespace axs
