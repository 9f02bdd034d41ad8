// MSA -> int64 token tensor exactly as the official batch converter builds it (spec §2.2,
// §2.3): every row is "<cls>" (0) followed by one token per aligned column, no "<eos>".
#pragma once

#include <vector>

#include "common/tensor.hpp"
#include "msa/msa.hpp"

namespace axs {

/// One MSA -> tokens of shape 1 x R x C, R = depth, C = width + 1 (column 0 is <cls>).
/// No padding. Throws axs::Error (naming Msa::sourcePath, the 1-based row and column) for
/// an empty MSA, rows of different length, or a character that is not a one-letter token.
TensorI64 tokenizeMsa(const Msa& msa);

/// Several MSAs -> one padded batch B x R x C with B = msas.size(), R = largest depth,
/// C = 1 + largest width. Everything not covered by an MSA is <pad> (1): a shallower MSA
/// gets whole <pad> rows (column 0 included), a narrower one trailing <pad> columns.
TensorI64 tokenizeBatch(const std::vector<Msa>& msas);

}  // namespace axs
