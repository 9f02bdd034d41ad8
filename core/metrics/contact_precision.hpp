// Contact precision with the rules of the official ESM contact notebook as written down
// in shared/data/derived/score_baselines.py (which reproduces its numbers):
//   * pairs i<j by separation s = j - i: local 3-5, short 6-11, medium 12-23, long >= 24;
//   * pairs touching a position without coordinates, and pairs the prediction does not
//     score (non-finite score), are removed before ranking;
//   * the candidates are ranked by score, descending; ties keep row-major order (i, then
//     j ascending), exactly what a stable sort over numpy's triu_indices does;
//   * precision at k = true contacts among the k best / k, with k = floor(f * Lc), Lc = the
//     number of query positions that have coordinates; when fewer than k pairs are
//     scored, the missing ones count as wrong; k = 0 gives NaN;
//   * P@L, P@L/2, P@L/5: f = 1, 1/2, 1/5; AUC: mean of the precisions at f = 0.1, 0.2, ..., 1.0
//     (the notebook's "auc"; terms with k = 0 are left out, NaN if all are).
//
// Inputs are T x T matrices over the query positions (0-based array indices; the pair
// (i, j) with i<j is read from the upper triangle only):
//   scores: larger = more likely a contact; NaN / +-inf = not scored.
//   truth:  1 contact, 0 no contact, -1 unknown. The diagonal says whether a position has
//           coordinates: truth(p, p) >= 0 means known (structure/contact_map.hpp writes 1).
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "common/tensor.hpp"

namespace axs {

using TensorD = Tensor<double>;

enum class ContactRange { Local = 0, Short = 1, Medium = 2, Long = 3 };

struct RangeBounds {
    const char* name;   ///< "local", "short", "medium", "long"
    int minSeparation;  ///< inclusive
    int maxSeparation;  ///< exclusive; 0 = no upper bound
};

RangeBounds rangeBounds(ContactRange range);
constexpr std::array<ContactRange, 4> kAllRanges = {ContactRange::Local, ContactRange::Short, ContactRange::Medium,
                                                    ContactRange::Long};

struct RangePrecision {
    double pAtL = 0;          ///< f = 1
    double pAtL2 = 0;         ///< f = 1/2
    double pAtL5 = 0;         ///< f = 1/5
    double auc = 0;           ///< mean over f = 0.1 .. 1.0
    size_t scoredPairs = 0;   ///< candidates ranked (known positions, finite score, in range)
    size_t trueContacts = 0;  ///< known pairs in range that are contacts
};

struct ContactEvaluation {
    size_t length = 0;                       ///< T, query positions
    size_t lengthWithCoordinates = 0;        ///< Lc, the L of the top-k rule
    std::array<RangePrecision, 4> ranges{};  ///< indexed by ContactRange
    const RangePrecision& operator[](ContactRange r) const { return ranges[static_cast<size_t>(r)]; }
};

/// Number of positions p with truth(p, p) >= 0.
size_t positionsWithCoordinates(const TensorI64& truth);

/// Every range, every measure. Throws axs::Error if the shapes differ or are not square.
ContactEvaluation evaluateContacts(const TensorD& scores, const TensorI64& truth);
ContactEvaluation evaluateContacts(const TensorF& scores, const TensorI64& truth);

/// Generic scorer (e.g. one attention head): precision of the top floor(fraction * Lc)
/// pairs of one range. fraction in (0, 1]. NaN when k = 0.
double contactPrecision(const TensorD& scores, const TensorI64& truth, ContactRange range, double fraction);
double contactPrecision(const TensorF& scores, const TensorI64& truth, ContactRange range, double fraction);

/// {"L": T, "Lc": Lc, "precision": {"long": {"P@L": .., "P@L/2": .., "P@L/5": .., "AUC": ..},
///  "medium": {..}, "short": {..}, "local": {..}}}; NaN is written as null, numbers with
/// full double precision. One line, no trailing newline.
std::string evaluationJson(const ContactEvaluation& evaluation);

}  // namespace axs
