// A multiple sequence alignment as the rest of AxialScope sees it: after reading, every
// row has the same aligned length and holds only match columns (A3M insertions and
// Stockholm insert columns are already removed). Characters are upper-case residue
// letters of the ESM alphabet and '-' for gaps.
#pragma once

#include <string>
#include <vector>

namespace axs {

struct Msa {
    std::vector<std::string> names;  ///< one per row (may be empty strings; PSICOV has none)
    std::vector<std::string> rows;   ///< aligned rows, all of length width()
    std::string sourcePath;          ///< file it was read from ("" if built in memory)
    std::string format;              ///< format id it was read as ("a3m", "fasta", "stockholm", "clustal", "psicov")
    /// Free text per row, either empty (none known) or one entry per row: the FASTA/A3M
    /// header after the name; for Stockholm the row's `#=GS <name> <tag> <text>` lines as
    /// "<tag> <text>", newline-separated (e.g. "DR PDB; 2VQC A; 4-73;").
    std::vector<std::string> descriptions;

    size_t depth() const { return rows.size(); }
    size_t width() const { return rows.empty() ? 0 : rows.front().size(); }
    /// The query is always row 0 (see msa/subsample.hpp: withQueryFirst).
    const std::string& query() const { return rows.front(); }
};

}  // namespace axs
