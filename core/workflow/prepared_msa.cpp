#include "workflow/prepared_msa.hpp"

#include "common/error.hpp"

namespace axs {

std::string subsampleModeName(SubsampleMode mode) { return mode == SubsampleMode::First ? "first" : "greedy"; }

SubsampleMode parseSubsampleMode(const std::string& name, const std::string& what) {
    if (name == "greedy") return SubsampleMode::Greedy;
    if (name == "first") return SubsampleMode::First;
    throw Error(what + " must be greedy or first, got '" + name + "'");
}

PreparedMsa prepareMsa(const Msa& opened, const RowSelection& selection) {
    if (opened.depth() == 0)
        throw Error((opened.sourcePath.empty() ? std::string("the alignment") : opened.sourcePath) +
                    ": no sequences to run");
    PreparedMsa out;
    out.openedRows = opened.depth();
    const size_t maxRows = selection.maxRows == 0 ? opened.depth() : selection.maxRows;
    out.keptRows = selectRows(opened, maxRows, selection.mode);
    out.msa = keepRows(opened, out.keptRows);
    return out;
}

}  // namespace axs
