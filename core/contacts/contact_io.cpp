#include "contacts/contact_io.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <vector>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "metrics/contact_ranking.hpp"

namespace axs {

namespace {

/// Pairs i<j with j - i >= minSeparation of a square matrix, ranked; every value of the
/// upper triangle must be finite (a list that silently drops pairs would mislead).
std::vector<RankedContact> rankedPairs(const std::string& path, const TensorF& probs, int minSeparation) {
    if (probs.rank() != 2 || probs.shape[0] != probs.shape[1])
        failFile(path, "contact map must be a square T x T matrix, got shape " + probs.shapeString());
    const int64_t t = probs.shape[0];
    for (int64_t i = 0; i < t; ++i)
        for (int64_t j = i + 1; j < t; ++j)
            if (!std::isfinite(probs.at(i, j)))
                failFile(path, "contact map value at (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
                                   ") is not a finite number; refusing to write");
    return rankContacts(probs, nullptr, {std::max(1, minSeparation), 0});
}

/// Shortest fixed-point text that parses back to exactly `v` (never scientific notation,
/// which some RR consumers do not accept).
std::string formatProbability(float v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, res.ptr);
}

std::string formatDistance(float v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, res.ptr);
}

void checkSameShape(const std::string& path, const TensorF& probs, const std::vector<int64_t>& shape,
                    const std::string& shapeText, const char* what) {
    if (shape != probs.shape)
        failFile(path, std::string("the ") + what + " " + shapeText + " differ in shape from the prediction " +
                           probs.shapeString());
}

}  // namespace

void writeContactsCsv(const std::string& path, const TensorF& probs, const ContactAnnotation& annotation,
                      const ContactListOptions& options) {
    std::vector<RankedContact> pairs = rankedPairs(path, probs, options.minSeparation);
    const auto t = static_cast<size_t>(probs.shape[0]);
    if (annotation.query.size() != t)
        failFile(path, "the query has " + std::to_string(annotation.query.size()) +
                           " positions but the contact map is " + std::to_string(t) + " x " + std::to_string(t));
    if (annotation.truth)
        checkSameShape(path, probs, annotation.truth->shape, annotation.truth->shapeString(), "true contacts");
    if (annotation.distances)
        checkSameShape(path, probs, annotation.distances->shape, annotation.distances->shapeString(), "distances");
    if (options.maxRows && pairs.size() > options.maxRows) pairs.resize(options.maxRows);
    const std::string& q = annotation.query;
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "i,j,probability,residue_i,residue_j,cb_distance,true_contact\n";
        for (const RankedContact& c : pairs) {
            out << (c.i + 1) << ',' << (c.j + 1) << ',' << formatProbability(probs.at(c.i, c.j)) << ','
                << q[static_cast<size_t>(c.i)] << ',' << q[static_cast<size_t>(c.j)] << ',';
            if (annotation.distances && std::isfinite(annotation.distances->at(c.i, c.j)))
                out << formatDistance(annotation.distances->at(c.i, c.j));
            out << ',';
            if (annotation.truth && annotation.truth->at(c.i, c.j) >= 0)
                out << (annotation.truth->at(c.i, c.j) > 0 ? "true" : "false");
            out << '\n';
        }
    });
}

void writeCaspRr(const std::string& path, const TensorF& probs, const std::string& query, const std::string& target) {
    const std::vector<RankedContact> pairs = rankedPairs(path, probs, 1);
    const auto t = static_cast<size_t>(probs.shape[0]);
    if (query.size() != t)
        failFile(path, "query sequence has " + std::to_string(query.size()) + " residues but the contact map is " +
                           std::to_string(t) + " x " + std::to_string(t));
    std::string sequence = query;
    for (size_t k = 0; k < sequence.size(); ++k) {
        char& c = sequence[k];
        if (c == '-' || c == '.') {
            c = 'X';  // a gap column still is a position of the map
        } else if (!std::isalpha(static_cast<unsigned char>(c))) {
            failFile(path, "query sequence character " + std::to_string(k + 1) + " ('" + std::string(1, c) +
                               "') is neither a residue letter nor a gap");
        }
    }
    std::string name = target.empty() ? std::filesystem::path(path).stem().string() : target;
    if (name.empty()) name = "query";
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "PFRMAT RR\n"
            << "TARGET " << name << "\n"
            << "MODEL  1\n";
        for (size_t k = 0; k < sequence.size(); k += 50) out << sequence.substr(k, 50) << '\n';
        for (const RankedContact& c : pairs)
            out << (c.i + 1) << ' ' << (c.j + 1) << " 0 8 " << formatProbability(probs.at(c.i, c.j)) << '\n';
        out << "END\n";
    });
}

}  // namespace axs
