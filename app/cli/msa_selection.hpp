// How the model commands (predict, heads) pick the rows they feed to the model:
// --max-seqs N|all, --subsample greedy|first, --query-row K. Parsed here, applied by
// core's workflow (workflow/prepared_msa.hpp), the same code the workbench runs.
#pragma once

#include <string>

#include "common/error.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "options.hpp"
#include "workflow/prepared_msa.hpp"

namespace axs::cli {

struct MsaSelection {
    RowSelection rows;
    long long queryRow = 0;  ///< 0-based row of the file moved to the front as the query

    static MsaSelection fromOptions(const Options& opt) {
        MsaSelection s;
        if (opt.get("--max-seqs") == "all") {
            s.rows.maxRows = 0;
        } else if (opt.has("--max-seqs")) {
            const long long n = opt.getInt("--max-seqs", 128);
            if (n < 1) throw Error("--max-seqs must be at least 1 (or 'all')");
            s.rows.maxRows = static_cast<size_t>(n);
        }
        s.rows.mode = parseSubsampleMode(opt.get("--subsample", "greedy"), "--subsample");
        s.queryRow = opt.getInt("--query-row", 0);
        if (s.queryRow < 0) throw Error("--query-row must be 0 or more");
        return s;
    }
};

/// The file as opened: its rows with the query moved first (what the workbench shows).
inline Msa readOpenedMsa(const std::string& path, long long queryRow) {
    Msa msa = readMsa(path);
    if (queryRow != 0) msa = withQueryFirst(msa, static_cast<size_t>(queryRow));
    return msa;
}

}  // namespace axs::cli
