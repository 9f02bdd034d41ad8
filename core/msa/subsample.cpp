#include "msa/subsample.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "common/error.hpp"

namespace axs {
namespace {

void requireAligned(const Msa& msa) {
    const size_t width = msa.width();
    for (size_t r = 0; r < msa.rows.size(); ++r)
        if (msa.rows[r].size() != width)
            failFile(msa.sourcePath, "unaligned sequences: row " + std::to_string(r + 1) + " has " +
                                         std::to_string(msa.rows[r].size()) + " columns but row 1 has " +
                                         std::to_string(width));
}

// Number of positions where a and b differ. Counts in byte-sized blocks so the compiler
// turns the loop into wide SIMD compares.
size_t countMismatches(const char* a, const char* b, size_t n) {
    size_t total = 0;
    for (size_t start = 0; start < n; start += 255) {
        const size_t end = std::min(n, start + 255);
        uint8_t block = 0;
        for (size_t c = start; c < end; ++c) block = static_cast<uint8_t>(block + (a[c] != b[c]));
        total += block;
    }
    return total;
}

// Threads only pay off for very large steps; on a busy machine a parallel region per step
// costs more than it saves for the usual alignments (one thread does 8811 x 50 x 128 in
// tens of milliseconds).
constexpr size_t kParallelCellsPerStep = size_t{1} << 24;

std::vector<size_t> greedyMaxHamming(const Msa& msa, size_t maxRows) {
    const size_t n = msa.depth();
    const size_t width = msa.width();
    const auto widthD = static_cast<double>(width);
    const bool parallel = n * width >= kParallelCellsPerStep;
    // sum[i]: sum over chosen rows s (in the order chosen) of mismatches(i, s) / width, the
    // column sums numpy forms in the official code; chosen[i] marks rows already taken.
    std::vector<double> sum(n, 0.0);
    std::vector<uint8_t> chosen(n, 0);
    std::vector<size_t> picked{0};
    chosen[0] = 1;
    size_t last = 0;
    for (size_t step = 1; step < maxRows; ++step) {
        const char* ref = msa.rows[last].data();
#pragma omp parallel for schedule(static) if (parallel)
        for (int64_t i = 0; i < static_cast<int64_t>(n); ++i) {
            if (chosen[static_cast<size_t>(i)]) continue;
            const size_t mismatches = countMismatches(msa.rows[static_cast<size_t>(i)].data(), ref, width);
            // Width 0 would be 0/0 = NaN in numpy; treat it as "all equal" instead.
            sum[static_cast<size_t>(i)] += width ? static_cast<double>(mismatches) / widthD : 0.0;
        }
        const auto count = static_cast<double>(picked.size());
        size_t best = n;
        double bestMean = 0.0;
        for (size_t i = 0; i < n; ++i) {
            if (chosen[i]) continue;
            const double mean = sum[i] / count;
            if (best == n || mean > bestMean) {  // strict '>': the first row wins ties (np.argmax)
                best = i;
                bestMean = mean;
            }
        }
        chosen[best] = 1;
        picked.push_back(best);
        last = best;
    }
    std::sort(picked.begin(), picked.end());
    return picked;
}

}  // namespace

std::vector<size_t> selectRows(const Msa& msa, size_t maxRows, SubsampleMode mode) {
    if (maxRows == 0) failFile(msa.sourcePath, "the number of rows to keep must be at least 1");
    requireAligned(msa);
    const size_t n = msa.depth();
    std::vector<size_t> all(std::min(n, maxRows));
    std::iota(all.begin(), all.end(), size_t{0});
    if (n <= maxRows || mode == SubsampleMode::First) return all;
    return greedyMaxHamming(msa, maxRows);
}

Msa keepRows(const Msa& msa, const std::vector<size_t>& rows) {
    const std::string name = msa.sourcePath.empty() ? std::string("the alignment") : msa.sourcePath;
    if (rows.empty()) throw Error(name + ": no rows chosen");
    Msa out;
    out.sourcePath = msa.sourcePath;
    out.format = msa.format;
    const bool named = msa.names.size() == msa.rows.size();
    const bool described = msa.descriptions.size() == msa.rows.size();
    for (size_t i : rows) {
        if (i >= msa.depth())
            throw Error(name + ": row " + std::to_string(i) + " does not exist (the alignment has " +
                        std::to_string(msa.depth()) + " rows)");
        out.rows.push_back(msa.rows[i]);
        if (named) out.names.push_back(msa.names[i]);
        if (described) out.descriptions.push_back(msa.descriptions[i]);
    }
    return out;
}

Msa subsample(const Msa& msa, size_t maxRows, SubsampleMode mode) {
    return keepRows(msa, selectRows(msa, maxRows, mode));
}

Msa withQueryFirst(const Msa& msa, size_t queryRow) {
    if (queryRow >= msa.depth())
        failFile(msa.sourcePath, "query row " + std::to_string(queryRow) +
                                     " (0-based) does not exist; the alignment has " + std::to_string(msa.depth()) +
                                     " rows (valid: 0.." + std::to_string(msa.depth() ? msa.depth() - 1 : 0) + ")");
    Msa out = msa;
    auto moveToFront = [queryRow](std::vector<std::string>& v) {
        if (queryRow < v.size())
            std::rotate(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(queryRow),
                        v.begin() + static_cast<std::ptrdiff_t>(queryRow) + 1);
    };
    moveToFront(out.rows);
    if (out.names.size() == out.rows.size()) moveToFront(out.names);
    if (out.descriptions.size() == out.rows.size()) moveToFront(out.descriptions);
    return out;
}

std::optional<size_t> findRowBySequence(const Msa& msa, std::string_view sequence) {
    auto residues = [](std::string_view s) {
        std::string r;
        r.reserve(s.size());
        for (char c : s) {
            if (c == '-' || c == '.' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
            r.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        }
        return r;
    };
    const std::string target = residues(sequence);
    for (size_t i = 0; i < msa.rows.size(); ++i)
        if (residues(msa.rows[i]) == target) return i;
    return std::nullopt;
}

std::optional<size_t> findRowByName(const Msa& msa, std::string_view name) {
    for (size_t i = 0; i < msa.names.size() && i < msa.rows.size(); ++i)
        if (msa.names[i] == name) return i;
    return std::nullopt;
}

}  // namespace axs
