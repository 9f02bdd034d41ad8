// Which predicted pairs are marked (contact map, 3D view, viewer scripts of `evaluate`), and
// whether each is right: the same ranking rules as metrics/contact_precision.hpp
// (candidates i<j in the separation range, both positions with coordinates when a truth is
// given, finite score; ranked by score descending, ties row-major; k = floor(f * Lc)), so
// the marks agree with the precision table. One ranking for every consumer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/tensor.hpp"

namespace axs {

using TensorD = Tensor<double>;

/// Separation ranges of the notebook (s = j - i): local 3-5, short 6-11, medium 12-23,
/// long >= 24; All = s >= 6 (short, medium and long together).
enum class SeparationRange { Local, Short, Medium, Long, All };

struct SeparationBounds {
    int min;  ///< inclusive
    int max;  ///< exclusive; 0 = unbounded
};
SeparationBounds separationBounds(SeparationRange range);
/// "local", "short", "medium", "long", "all" (the CLI's spelling).
const char* separationRangeId(SeparationRange range);
/// Inverse of separationRangeId; nullopt for anything else.
std::optional<SeparationRange> separationRangeFromId(const std::string& id);

/// How many predictions to mark: the top floor(fraction * Lc), or every pair with score >= threshold.
struct SelectionRule {
    enum class Kind { TopFraction, Threshold } kind = Kind::TopFraction;
    double fraction = 1.0;   ///< 1 = L, 0.5 = L/2, 0.2 = L/5
    double threshold = 0.5;  ///< for Threshold
};

enum class Verdict { True, False, Unknown };

struct MarkedContact {
    int i = 0, j = 0;  ///< 0-based query positions, i < j
    double score = 0;
    Verdict verdict = Verdict::Unknown;  ///< Unknown when there is no truth
};

struct Selection {
    std::vector<MarkedContact> contacts;  ///< best first
    size_t k = 0;                         ///< pairs asked for (TopFraction: floor(f * Lc); Threshold: contacts.size())
    size_t truePositives = 0;
    /// truePositives / k (pairs missing from a short candidate list count as wrong); NaN for k = 0 or no truth.
    double precision = 0;
};

/// scores: T x T (upper triangle read; NaN = not scored). truth: T x T (1 / 0 / -1, diagonal
/// >= 0 for positions with coordinates) or nullptr (then Lc = T and nothing is judged).
/// Throws axs::Error for a non-square matrix or a truth of another shape.
Selection selectContacts(const TensorD& scores, const TensorI64* truth, SeparationRange range,
                         const SelectionRule& rule);

}  // namespace axs
