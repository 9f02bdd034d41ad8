// The one ranking of predicted contacts, shared by the precision measures
// (metrics/contact_precision.hpp), the contact lists written for other tools
// (contacts/contact_io.hpp) and the pairs the workbench's contact map marks:
//   * candidates are the pairs i<j whose separation s = j - i lies in [minSeparation,
//     maxSeparation) (maxSeparation 0 = unbounded);
//   * with a truth map, pairs touching a position without coordinates (truth(p, p) < 0)
//     or whose truth is unknown (-1) are left out; pairs the prediction does not score
//     (non-finite score) are always left out;
//   * the rest is sorted by score, descending; ties keep row-major order (i, then j
//     ascending) — a stable sort over numpy's triu_indices, as the official notebook ranks.
// Indices are 0-based query positions; only the upper triangle of `scores` is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/tensor.hpp"
#include "metrics/contact_precision.hpp"

namespace axs {

struct RankedContact {
    int i = 0, j = 0;  ///< 0-based query positions, i < j
    double score = 0;  ///< the prediction's score (finite)
    int truth = -1;    ///< 1 contact, 0 no contact, -1 no truth given
};

/// A ranked pair judged against the structure, as the views and viewer scripts colour it.
enum class Verdict { True, False, Unknown };
inline Verdict verdictOf(const RankedContact& c) {
    return c.truth == 1 ? Verdict::True : c.truth == 0 ? Verdict::False : Verdict::Unknown;
}

struct SeparationWindow {
    int minSeparation = 1;  ///< inclusive, at least 1
    int maxSeparation = 0;  ///< exclusive; 0 = no upper bound
};
/// The window of one of the notebook's ranges (local 3-5, short 6-11, medium 12-23, long >= 24).
SeparationWindow separationWindow(ContactRange range);

/// The ranges a user picks from (contact map, 3D view, `evaluate --range`): the notebook's
/// four and All = s >= 6 (short, medium and long together).
enum class SeparationRange { Local, Short, Medium, Long, All };
SeparationWindow separationWindow(SeparationRange range);
/// "local", "short", "medium", "long", "all" (the CLI's spelling).
const char* separationRangeId(SeparationRange range);
/// Inverse of separationRangeId; nullopt for anything else.
std::optional<SeparationRange> separationRangeFromId(const std::string& id);

/// Ranked candidates as described above. `truth` (T x T, 1 / 0 / -1, diagonal >= 0 where
/// the position has coordinates) may be null: then every pair in the window is a candidate
/// and RankedContact::truth stays -1. Throws axs::Error when `scores` is not square or the
/// truth's shape differs from it.
std::vector<RankedContact> rankContacts(const TensorD& scores, const TensorI64* truth, SeparationWindow window);
std::vector<RankedContact> rankContacts(const TensorF& scores, const TensorI64* truth, SeparationWindow window);

/// How many ranked pairs to keep: the top floor(fraction * Lc) (Lc = positions with
/// coordinates, or T without truth), or every pair with score >= threshold.
struct ContactSelectionRule {
    enum class Kind { TopFraction, Threshold } kind = Kind::TopFraction;
    double fraction = 1.0;   ///< 1 = L, 0.5 = L/2, 0.2 = L/5
    double threshold = 0.5;  ///< for Threshold
};

struct ContactSelection {
    std::vector<RankedContact> contacts;  ///< best first
    size_t k = 0;                         ///< pairs asked for (TopFraction: floor(f * Lc); Threshold: contacts.size())
    size_t truePositives = 0;
    /// truePositives / k (pairs missing from a short candidate list count as wrong), the
    /// precision of metrics/contact_precision.hpp; NaN for k = 0 or without truth.
    double precision = 0;
};

/// rankContacts, then the rule. The precision equals contactPrecision() for the same
/// range and fraction.
ContactSelection selectContacts(const TensorD& scores, const TensorI64* truth, SeparationWindow window,
                                const ContactSelectionRule& rule);

}  // namespace axs
