// Reading contact predictions written by other tools into one score matrix, so they can
// be scored exactly like AxialScope's own output (metrics/contact_precision.hpp).
//
// Formats (one registry, chosen by content; see contactFormats()):
//   npy          NumPy .npy, L x L (or 1 x L x L) float scores
//   casp-rr      CASP RR: optional PFRMAT/TARGET/AUTHOR/METHOD/REMARK/MODEL header, optional
//                sequence lines, then "i j d1 d2 p" or "i j p"; END. Also PSICOV, DeepCov,
//                DNCON2, ConEVA and MetaPSICOV output, which are RR bodies ("i j 0 8 p").
//   pair-list    plmDCA and similar lists: "i,j,score" or "i j score" (no header)
//   evfold       FreeContact / EVfold text: "i aa_i j aa_j score1 score2" (score2 used)
//   matrix       CCMpred / CCMpredPy / GREMLIN matrices: L whitespace-separated rows of L
//                numbers; '#' lines (including CCMpredPy "#>META>") ignored
//   table        EVcouplings CSV and GREMLIN tables: a header naming columns i and j and a
//                score column (cn, score, prob, probability, s_sco, r_sco, fn; first found)
//
// Index base: every list format is 1-based (residue 1 = first query position); matrix and
// npy rows/columns are 0-based array positions of the same residues.
//
// Files may be gzip-compressed (any format; detected by content) and are read under
// contactReadLimits() (common/decompression.hpp).
//
// Validation, the same for every format. L is the length given by the caller (the query the
// prediction is evaluated against); without one, the length of the sequence written in the
// file; without that, the largest residue number of a list / the size of a matrix, at most
// kMaxContactLength. The file is refused, with an axs::Error naming the file and the line
// (lists, text matrices) or the array position (npy), when
//   * a residue number lies outside 1..L (0 included), or a matrix is not L x L;
//   * a pair joins a residue with itself (i = j), which carries no contact information;
//   * a score is not a finite number (NaN, inf): in lists every score, in matrices every
//     value off the diagonal (the diagonal is never read).
// Duplicates: a pair given more than once (as "i j" or "j i") keeps its largest score, as
// the reference scoring script score_baselines.py does; duplicatePairs counts them.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/decompression.hpp"
#include "common/tensor.hpp"

namespace axs {

using TensorD = Tensor<double>;  ///< scores keep the text's precision, so ranking ties match the source tool

struct ContactPrediction {
    /// L x L scores; larger = more likely in contact. Unscored pairs are NaN. List formats
    /// are symmetric (a pair given twice keeps the larger score, as score_baselines.py
    /// does); matrices are returned as stored. Consumers read only the upper triangle i<j.
    TensorD scores;
    std::string sequence;       ///< query sequence carried by the file (RR header / line), "" if none
    std::string format;         ///< id of the format it was read as (see contactFormats())
    std::string sourcePath;     ///< file it was read from
    size_t pairsRead = 0;       ///< list formats: pair lines read (matrices: 0)
    size_t duplicatePairs = 0;  ///< list formats: lines naming a pair already read (largest score kept)

    size_t length() const { return scores.rank() == 2 ? static_cast<size_t>(scores.shape[0]) : 0; }
};

/// One prediction file format. `sniff` looks at the start of the file (up to 64 KiB) and
/// returns a confidence 0 (not this format) .. 100; `read` parses the whole file.
struct ContactFormat {
    std::string id;
    std::string description;
    std::vector<std::string> extensions;  ///< typical extensions (lower case, with dot), for file dialogs
    std::function<int(const std::string& head)> sniff;
    /// length: expected L (0 = infer: from the sequence in the file if any, otherwise from
    /// the largest index / the matrix size).
    std::function<ContactPrediction(const std::string& path, const std::string& bytes, size_t length)> read;
};

/// Longest sequence a prediction may imply when no length is given: a pair "1 5000" alone
/// makes a 5000 x 5000 matrix of doubles (200 MB), so one absurd residue number cannot
/// exhaust memory. A length given by the caller is not capped.
inline constexpr size_t kMaxContactLength = 5000;

/// Limits for reading prediction files: up to 1 GiB of text, the default ratio check.
DecompressionLimits contactReadLimits();

/// All known formats, in sniffing priority order.
const std::vector<ContactFormat>& contactFormats();

/// The format `bytes` (content of `path`) most likely is; nullptr if none fits.
const ContactFormat* sniffContactFormat(const std::string& bytes);

/// Reads a prediction file of any registered format (chosen by content; `formatId` forces
/// one), plain or gzip. `length` > 0 fixes L (see the validation rules above: a pair beyond
/// it or a matrix of another size is an error). Throws axs::Error naming the file (and the
/// line, for text formats) for anything unreadable or invalid.
ContactPrediction readContactPrediction(const std::string& path, size_t length = 0, const std::string& formatId = "");

/// The same for a file's content held in memory (plain or gzip); `nameForMessages` names it
/// in errors and becomes `sourcePath`.
ContactPrediction readContactPredictionFromMemory(std::string_view content, const std::string& nameForMessages,
                                                  size_t length = 0, const std::string& formatId = "");

}  // namespace axs
