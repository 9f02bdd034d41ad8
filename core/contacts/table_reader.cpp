// Tables with a header row: EVcouplings CouplingScores.csv ("i,A_i,j,A_j,fn,cn,...") and
// GREMLIN contact tables ("i j i_id j_id r_sco s_sco prob"). The header says which
// column is which, so column order does not matter.
#include <cmath>

#include "common/error.hpp"
#include "contacts/readers.hpp"
#include "contacts/text_fields.hpp"

namespace axs::contacts_detail {

namespace {

// Preferred score column, best first: EVcouplings' cn (APC-corrected coupling), a generic
// "score", GREMLIN's probability, then scaled / raw scores.
const char* const kScoreColumns[] = {"cn", "score", "prob", "probability", "s_sco", "r_sco", "fn"};

std::vector<std::string_view> splitRow(std::string_view line, char sep) {
    return sep == ' ' ? splitFields(line) : splitOn(line, sep);
}

}  // namespace

ContactPrediction readScoreTable(const std::string& path, const std::string& bytes, size_t length) {
    const auto lines = splitLines(bytes);
    size_t n = 0;
    while (n < lines.size() && (trim(lines[n]).empty() || trim(lines[n]).front() == '#')) ++n;
    if (n == lines.size()) failFile(path, "no header line found");
    const std::string_view header = trim(lines[n]);
    const char sep = header.find(',') != std::string_view::npos    ? ','
                     : header.find('\t') != std::string_view::npos ? '\t'
                                                                   : ' ';
    const auto names = splitRow(header, sep);
    long iCol = -1, jCol = -1, sCol = -1;
    for (size_t k = 0; k < names.size(); ++k) {
        const std::string name = lower(names[k]);
        if (name == "i" && iCol < 0) iCol = static_cast<long>(k);
        if (name == "j" && jCol < 0) jCol = static_cast<long>(k);
    }
    for (const char* want : kScoreColumns) {
        for (size_t k = 0; k < names.size() && sCol < 0; ++k)
            if (lower(names[k]) == want) sCol = static_cast<long>(k);
        if (sCol >= 0) break;
    }
    if (iCol < 0 || jCol < 0 || sCol < 0)
        failFile(path, "line " + std::to_string(n + 1) +
                           ": table header must name columns 'i', 'j' and a score column "
                           "(cn, score, prob, probability, s_sco, r_sco or fn), got " +
                           quoteLine(header));
    const auto needed = static_cast<size_t>(std::max({iCol, jCol, sCol}));
    std::vector<ScoredPair> pairs;
    for (++n; n < lines.size(); ++n) {
        const std::string_view line = trim(lines[n]);
        if (line.empty() || line.front() == '#') continue;
        const auto f = splitRow(line, sep);
        ScoredPair p{};
        if (f.size() <= needed || !parseIndex(f[iCol], p.i) || !parseIndex(f[jCol], p.j) ||
            !parseDouble(f[sCol], p.score))
            failFile(path, "line " + std::to_string(n + 1) + ": expected integer i, j and a numeric '" +
                               std::string(names[sCol]) + "', got " + quoteLine(line));
        if (p.i < 1 || p.j < 1)
            failFile(path, "line " + std::to_string(n + 1) + ": residue numbers are 1-based, found 0");
        if (!std::isfinite(p.score)) failFile(path, "line " + std::to_string(n + 1) + ": score is not a finite number");
        p.line = n + 1;
        pairs.push_back(p);
    }
    if (pairs.empty()) failFile(path, "table has a header but no rows");
    ContactPrediction out;
    out.sourcePath = path;
    fillFromPairs(out, pairs, length, length ? LengthOrigin::Caller : LengthOrigin::LargestIndex, path);
    return out;
}

}  // namespace axs::contacts_detail
