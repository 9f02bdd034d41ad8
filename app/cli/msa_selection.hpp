// How the model commands (predict, heads) pick the rows they feed to the model:
// --max-seqs N|all, --subsample greedy|first, --query-row K. Parsed and applied in one place.
#pragma once

#include <string>

#include "common/error.hpp"
#include "msa/msa.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "options.hpp"

namespace axs::cli {

struct MsaSelection {
    size_t maxSeqs = 128;         ///< rows fed to the model, query included; 0 = all
    std::string mode = "greedy";  ///< "greedy" (official notebook) or "first"
    long long queryRow = 0;       ///< 0-based row moved to the front as the query

    static MsaSelection fromOptions(const Options& opt) {
        MsaSelection s;
        if (opt.get("--max-seqs") == "all") {
            s.maxSeqs = 0;
        } else if (opt.has("--max-seqs")) {
            const long long n = opt.getInt("--max-seqs", 128);
            if (n < 1) throw Error("--max-seqs must be at least 1 (or 'all')");
            s.maxSeqs = static_cast<size_t>(n);
        }
        s.mode = opt.get("--subsample", "greedy");
        if (s.mode != "greedy" && s.mode != "first")
            throw Error("--subsample must be greedy or first, got '" + s.mode + "'");
        s.queryRow = opt.getInt("--query-row", 0);
        if (s.queryRow < 0) throw Error("--query-row must be 0 or more");
        return s;
    }
};

struct SelectedMsa {
    Msa msa;                   ///< query first, subsampled
    size_t originalDepth = 0;  ///< rows in the file
    bool subsampled = false;   ///< false when every row was kept
};

/// Reads `path`, moves the query row first, and subsamples as `selection` says.
inline SelectedMsa readSelectedMsa(const std::string& path, const MsaSelection& selection) {
    SelectedMsa out;
    out.msa = readMsa(path);
    if (selection.queryRow != 0) out.msa = withQueryFirst(out.msa, static_cast<size_t>(selection.queryRow));
    out.originalDepth = out.msa.depth();
    out.subsampled = selection.maxSeqs != 0 && out.originalDepth > selection.maxSeqs;
    if (out.subsampled)
        out.msa = subsample(out.msa, selection.maxSeqs,
                            selection.mode == "greedy" ? SubsampleMode::Greedy : SubsampleMode::First);
    return out;
}

}  // namespace axs::cli
