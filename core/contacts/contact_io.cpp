#include "contacts/contact_io.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <vector>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace axs {

namespace {

struct Pair {
    int i;  // 0-based
    int j;  // 0-based, i < j
    float p;
};

/// Upper-triangle pairs of a square matrix, sorted by p descending, ties by (i, j).
std::vector<Pair> sortedPairs(const std::string& path, const TensorF& probs) {
    if (probs.rank() != 2 || probs.shape[0] != probs.shape[1])
        failFile(path, "contact map must be a square T x T matrix, got shape " + probs.shapeString());
    const int t = static_cast<int>(probs.shape[0]);
    std::vector<Pair> pairs;
    pairs.reserve(static_cast<size_t>(t) * (t > 0 ? t - 1 : 0) / 2);
    for (int i = 0; i < t; ++i) {
        for (int j = i + 1; j < t; ++j) {
            const float p = probs.at(i, j);
            if (!std::isfinite(p))
                failFile(path, "contact map value at (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
                                   ") is not a finite number; refusing to write");
            pairs.push_back({i, j, p});
        }
    }
    // Pairs are generated in (i, j) order, so a stable sort keeps that order for ties.
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.p > b.p; });
    return pairs;
}

/// Shortest fixed-point text that parses back to exactly `v` (never scientific notation,
/// which some RR consumers do not accept).
std::string formatProbability(float v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, res.ptr);
}

}  // namespace

void writeContactsCsv(const std::string& path, const TensorF& probs) {
    const std::vector<Pair> pairs = sortedPairs(path, probs);
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "i,j,probability\n";
        for (const Pair& q : pairs) out << (q.i + 1) << ',' << (q.j + 1) << ',' << formatProbability(q.p) << '\n';
    });
}

void writeCaspRr(const std::string& path, const TensorF& probs, const std::string& querySequence,
                 const std::string& target) {
    const std::vector<Pair> pairs = sortedPairs(path, probs);
    const size_t t = static_cast<size_t>(probs.shape[0]);
    if (querySequence.size() != t)
        failFile(path, "query sequence has " + std::to_string(querySequence.size()) +
                           " residues but the contact map is " + std::to_string(t) + " x " + std::to_string(t));
    for (size_t k = 0; k < querySequence.size(); ++k) {
        const char c = querySequence[k];
        if (!std::isalpha(static_cast<unsigned char>(c)))
            failFile(path, "query sequence character " + std::to_string(k + 1) + " ('" + std::string(1, c) +
                               "') is not a residue letter");
    }
    std::string name = target.empty() ? std::filesystem::path(path).stem().string() : target;
    if (name.empty()) name = "query";
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "PFRMAT RR\n"
            << "TARGET " << name << "\n"
            << "MODEL  1\n";
        for (size_t k = 0; k < querySequence.size(); k += 50) out << querySequence.substr(k, 50) << '\n';
        for (const Pair& q : pairs) out << (q.i + 1) << ' ' << (q.j + 1) << " 0 8 " << formatProbability(q.p) << '\n';
        out << "END\n";
    });
}

}  // namespace axs
