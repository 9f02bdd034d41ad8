// Contact lists and matrices for other tools: a CSV with residues, probability, C-beta
// distance and the true/false verdict of a structure; CASP RR (contacts module); .npy.
// Every file is written atomically.
#pragma once

#include <QString>
#include <string>

#include "common/tensor.hpp"

namespace axs::ui {

struct ContactTableOptions {
    int minSeparation = 1;  ///< only pairs with j - i >= minSeparation
    size_t maxRows = 0;     ///< 0: every pair; else the top maxRows by probability
};

/// Writes
///   i,j,residue_i,residue_j,probability,cb_distance,true_contact
///   12,57,K,L,0.93125,6.41,true
/// for pairs i<j (1-based query positions), sorted by probability descending (ties: i, then
/// j ascending). `probs`: T x T (upper triangle read). `query`: T letters. `truth` (T x T,
/// 1 / 0 / -1 unknown) and `distances` (T x T Angstrom, NaN unknown) are optional (nullptr):
/// without them, or where unknown, the columns stay empty. Probabilities are written in
/// the shortest form that reads back to the same float. Throws axs::Error naming `path`
/// for shape mismatches, non-finite probabilities or a failed write.
void writeContactTable(const QString& path, const TensorF& probs, const std::string& query, const TensorI64* truth,
                       const TensorF* distances, const ContactTableOptions& options = {});

/// CASP RR through contacts/contact_io.hpp (query without gaps).
void writeContactRr(const QString& path, const TensorF& probs, const std::string& query);

/// A matrix (any float tensor) as .npy, atomically.
void writeMatrixNpy(const QString& path, const TensorF& matrix);

}  // namespace axs::ui
