// Whole L x L score matrices as written by CCMpred (.mat), CCMpredPy (with a trailing
// "#>META>" JSON line) and GREMLIN: one row per line, whitespace separated.
#include <cmath>

#include "common/error.hpp"
#include "contacts/readers.hpp"
#include "contacts/text_fields.hpp"

namespace axs::contacts_detail {

void checkScoreMatrix(const TensorD& scores, size_t length, const std::string& path,
                      const std::function<std::string(int64_t i, int64_t j)>& where) {
    const auto l = static_cast<size_t>(scores.shape.at(0));
    if (l == 0) failFile(path, "the score matrix is empty (0 x 0)");
    if (length != 0 && l != length)
        failFile(path, "the score matrix is " + std::to_string(l) + " x " + std::to_string(l) + " but the query has " +
                           std::to_string(length) + " residues");
    if (length == 0 && l > kMaxContactLength)
        failFile(path, "the score matrix is " + std::to_string(l) + " x " + std::to_string(l) +
                           ", larger than the longest supported sequence (" + std::to_string(kMaxContactLength) +
                           " residues)");
    const auto n = static_cast<int64_t>(l);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            if (i != j && !std::isfinite(scores.at(i, j)))
                failFile(path, where(i, j) + ": the score is not a finite number (only the diagonal may be)");
}

ContactPrediction readScoreMatrix(const std::string& path, const std::string& bytes, size_t length) {
    std::vector<std::vector<double>> rows;
    std::vector<size_t> rowLines;  // 1-based line of each row, for messages
    size_t width = 0;
    const auto lines = splitLines(bytes);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string_view line = trim(lines[n]);
        if (line.empty() || line.front() == '#') continue;
        const auto f = splitFields(line);
        if (rows.empty()) {
            width = f.size();
            if (width > std::max(length, kMaxContactLength))
                failFile(path, "line " + std::to_string(n + 1) + ": a matrix row of " + std::to_string(width) +
                                   " values is longer than the longest supported sequence (" +
                                   std::to_string(std::max(length, kMaxContactLength)) + " residues)");
        }
        if (f.size() != width)
            failFile(path, "line " + std::to_string(n + 1) + ": matrix row has " + std::to_string(f.size()) +
                               " values, the first row has " + std::to_string(width));
        if (rows.size() == width)
            failFile(path, "line " + std::to_string(n + 1) + ": more rows than the " + std::to_string(width) +
                               " columns; the score matrix must be square");
        std::vector<double> row(width);
        for (size_t k = 0; k < width; ++k) {
            double v = 0;
            if (!parseDouble(f[k], v))
                failFile(path, "line " + std::to_string(n + 1) + ", column " + std::to_string(k + 1) +
                                   ": not a number: '" + std::string(f[k].substr(0, 30)) + "'");
            row[k] = v;
        }
        rows.push_back(std::move(row));
        rowLines.push_back(n + 1);
    }
    if (rows.empty()) failFile(path, "no matrix rows found");
    if (rows.size() != width)
        failFile(path, "score matrix must be square, found " + std::to_string(rows.size()) + " rows of " +
                           std::to_string(width) + " values");
    ContactPrediction out;
    out.sourcePath = path;
    const auto l = static_cast<int64_t>(width);
    out.scores = TensorD({l, l});
    for (int64_t i = 0; i < l; ++i)
        for (int64_t j = 0; j < l; ++j) out.scores.at(i, j) = rows[i][j];
    checkScoreMatrix(out.scores, length, path, [&rowLines](int64_t i, int64_t j) {
        return "line " + std::to_string(rowLines[static_cast<size_t>(i)]) + ", column " + std::to_string(j + 1);
    });
    return out;
}

}  // namespace axs::contacts_detail
