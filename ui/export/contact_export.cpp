#include "export/contact_export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/contact_io.hpp"

namespace axs::ui {

namespace {
std::string shortest(float v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}
std::string fixed2(float v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}
}  // namespace

void writeContactTable(const QString& qpath, const TensorF& probs, const std::string& query, const TensorI64* truth,
                       const TensorF* distances, const ContactTableOptions& options) {
    const std::string path = qpath.toStdString();
    if (probs.rank() != 2 || probs.shape[0] != probs.shape[1])
        failFile(path, "contact probabilities must be a square matrix, got " + probs.shapeString());
    const int64_t T = probs.shape[0];
    if (int64_t(query.size()) != T)
        failFile(path, "the query has " + std::to_string(query.size()) + " positions but the map " + std::to_string(T));
    if (truth && truth->shape != probs.shape)
        failFile(path, "the true contact map's shape " + truth->shapeString() + " differs from the prediction's");
    if (distances && distances->shape != probs.shape)
        failFile(path, "the distance matrix's shape " + distances->shapeString() + " differs from the prediction's");

    struct Pair {
        int64_t i, j;
        float p;
    };
    std::vector<Pair> pairs;
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = i + std::max(1, options.minSeparation); j < T; ++j) {
            const float p = probs.data[size_t(i * T + j)];
            if (!std::isfinite(p))
                failFile(path, "probability of pair " + std::to_string(i + 1) + "," + std::to_string(j + 1) +
                                   " is not finite");
            pairs.push_back({i, j, p});
        }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.p > b.p; });
    if (options.maxRows && pairs.size() > options.maxRows) pairs.resize(options.maxRows);

    writeFileAtomically(path, [&](std::ostream& out) {
        out << "i,j,residue_i,residue_j,probability,cb_distance,true_contact\n";
        for (const Pair& q : pairs) {
            const size_t k = size_t(q.i * T + q.j);
            out << q.i + 1 << ',' << q.j + 1 << ',' << query[size_t(q.i)] << ',' << query[size_t(q.j)] << ','
                << shortest(q.p) << ',';
            if (distances && std::isfinite(distances->data[k])) out << fixed2(distances->data[k]);
            out << ',';
            if (truth && truth->data[k] >= 0) out << (truth->data[k] > 0 ? "true" : "false");
            out << '\n';
        }
    });
}

void writeContactRr(const QString& path, const TensorF& probs, const std::string& query) {
    writeCaspRr(path.toStdString(), probs, query);
}

void writeMatrixNpy(const QString& path, const TensorF& matrix) { writeNpy(path.toStdString(), matrix); }

}  // namespace axs::ui
