// --structure FILE [--chain ID], shared by predict, coevolution, heads and evaluate: the
// structure is read before any long computation, so a bad file fails at once, and the
// chain is chosen by core's workflow (the named one, else the default chain).
#pragma once

#include <memory>
#include <string>

#include "common/error.hpp"
#include "options.hpp"
#include "structure/structure.hpp"
#include "workflow/structure_truth.hpp"

namespace axs::cli {

struct StructureChoice {
    std::string path;
    std::shared_ptr<const ProteinStructure> structure;  ///< null without --structure
    const StructureChain* chain = nullptr;              ///< into *structure
};

/// Reads --structure / --chain when given (`required`: --structure must be there).
inline StructureChoice readStructureChoice(const Options& opt, bool required = false) {
    if (opt.has("--chain") && !opt.has("--structure")) throw Error("--chain needs --structure");
    StructureChoice out;
    if (!opt.has("--structure")) {
        if (required) opt.required("--structure");
        return out;
    }
    out.path = opt.get("--structure");
    out.structure = std::make_shared<const ProteinStructure>(readStructure(out.path));
    const std::string chainId = opt.get("--chain");
    out.chain = &chooseChain(*out.structure, opt.has("--chain") ? &chainId : nullptr);
    return out;
}

}  // namespace axs::cli
