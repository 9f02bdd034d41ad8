// Whole L x L score matrices as written by CCMpred (.mat), CCMpredPy (with a trailing
// "#>META>" JSON line) and GREMLIN: one row per line, whitespace separated.
#include "common/error.hpp"
#include "contacts/readers.hpp"
#include "contacts/text_fields.hpp"

namespace axs::contacts_detail {

ContactPrediction readScoreMatrix(const std::string& path, const std::string& bytes, size_t length) {
    std::vector<std::vector<double>> rows;
    size_t width = 0;
    const auto lines = splitLines(bytes);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string_view line = trim(lines[n]);
        if (line.empty() || line.front() == '#') continue;
        const auto f = splitFields(line);
        if (rows.empty()) width = f.size();
        if (f.size() != width)
            failFile(path, "line " + std::to_string(n + 1) + ": matrix row has " + std::to_string(f.size()) +
                               " values, the first row has " + std::to_string(width));
        std::vector<double> row(width);
        for (size_t k = 0; k < width; ++k) {
            double v = 0;
            if (!parseDouble(f[k], v))
                failFile(path, "line " + std::to_string(n + 1) + ", column " + std::to_string(k + 1) +
                                   ": not a number: '" + std::string(f[k].substr(0, 30)) + "'");
            row[k] = v;
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) failFile(path, "no matrix rows found");
    if (rows.size() != width)
        failFile(path, "score matrix must be square, found " + std::to_string(rows.size()) + " rows of " +
                           std::to_string(width) + " values");
    if (length != 0 && width != length)
        failFile(path, "score matrix is " + std::to_string(width) + " x " + std::to_string(width) +
                           " but the query has " + std::to_string(length) + " residues");
    ContactPrediction out;
    out.sourcePath = path;
    const auto l = static_cast<int64_t>(width);
    out.scores = TensorD({l, l});
    for (int64_t i = 0; i < l; ++i)
        for (int64_t j = 0; j < l; ++j) out.scores.at(i, j) = rows[i][j];
    return out;
}

}  // namespace axs::contacts_detail
