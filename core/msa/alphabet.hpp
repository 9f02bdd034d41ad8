// The 33-token vocabulary of ESM-MSA-1b (spec §1). Token indices are what the model's
// embedding table is indexed with; they are fixed by the released checkpoint.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace axs::alphabet {

inline constexpr int64_t kCls = 0;    ///< <cls>, prepended to every row (BOS)
inline constexpr int64_t kPad = 1;    ///< <pad>, fills rows/columns missing in a padded batch
inline constexpr int64_t kEos = 2;    ///< <eos>, never produced for the MSA Transformer
inline constexpr int64_t kUnk = 3;    ///< <unk>, never produced (unknown letters are errors)
inline constexpr int64_t kDot = 29;   ///< '.'
inline constexpr int64_t kGap = 30;   ///< '-'
inline constexpr int64_t kMask = 32;  ///< <mask>
inline constexpr int64_t kSize = 33;  ///< vocabulary size V

/// All tokens, index = token id: "<cls>", "<pad>", "<eos>", "<unk>", "L", "A", ..., "-", "<null_1>", "<mask>".
const std::array<std::string_view, kSize>& tokens();

/// Token id of a single character ('A' -> 5, '-' -> 30, '.' -> 29), or -1 when the character
/// is not a one-letter token (lower case, 'J', digits, whitespace, ...).
int64_t tokenIndex(char c);

/// Token id of a token written out ("A", "-", "<mask>", "<pad>", ...), or -1 if unknown.
int64_t tokenIndex(std::string_view token);

/// Text of a token id ("<cls>", "A", ...); "" for ids outside 0..kSize-1.
std::string_view tokenText(int64_t index);

/// True for the characters an alignment row may hold after reading: the 25 upper-case
/// letters of the vocabulary (L A G V S E R T I D P K Q N F Y M H W C X B U Z O) and '-'.
bool isAlignmentChar(char c);

/// The upper-case residue letters of the vocabulary in token order, for messages.
std::string_view residueLetters();

}  // namespace axs::alphabet
