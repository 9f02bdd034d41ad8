#include "viewers/viewer_scripts.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace axs {

namespace fs = std::filesystem;

std::optional<ViewerFormat> viewerFormatForPath(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".cxc") return ViewerFormat::ChimeraX;
    if (ext == ".pml") return ViewerFormat::PyMol;
    if (ext == ".mvsj") return ViewerFormat::MolViewSpec;
    return std::nullopt;
}

const char* viewerFormatName(ViewerFormat format) {
    switch (format) {
        case ViewerFormat::ChimeraX:
            return "ChimeraX";
        case ViewerFormat::PyMol:
            return "PyMOL";
        case ViewerFormat::MolViewSpec:
            return "MolViewSpec";
    }
    return "?";
}

void writeViewerScript(const std::string& path, ViewerFormat format, const ViewerScene& scene) {
    std::error_code ec;
    const fs::path structure = fs::absolute(scene.structurePath, ec).lexically_normal();
    std::string text;
    switch (format) {
        case ViewerFormat::ChimeraX:
            text = chimeraxScript(scene, structure.string());
            break;
        case ViewerFormat::PyMol:
            text = pymolScript(scene, structure.string());
            break;
        case ViewerFormat::MolViewSpec: {
            // Relative to the scene's folder, '/'-separated, as a URL reference.
            const fs::path folder = fs::absolute(fs::path(path), ec).lexically_normal().parent_path();
            fs::path rel = structure.lexically_relative(folder);
            if (rel.empty()) rel = structure;
            text = molViewSpecScene(scene, rel.generic_string());
            break;
        }
    }
    writeFileAtomically(path, text);
}

}  // namespace axs
