// Reading alignments from files or memory. The format is chosen from the content (the
// file name only breaks ties, e.g. A3M vs plain aligned FASTA), gzip input is detected by
// its magic bytes. All formats end in the same validated Msa (see msa/msa.hpp):
//   * A3M / aligned FASTA: the official ESM rule (spec §2.1) — records in file order,
//     whitespace removed, lower-case letters, '.' and '*' deleted.
//   * Stockholm: the first row is the query; columns where it has '-' or '.' are insert
//     columns and are dropped from every row; in the kept columns lower-case letters are
//     upper-cased and '.' becomes '-'.
//   * Clustal and PSICOV .aln: every column is a match column; lower-case letters are
//     upper-cased and '.' becomes '-'.
// Afterwards every row must have the same length and contain only alignment characters
// (msa/alphabet.hpp: isAlignmentChar). Any problem throws axs::Error whose message names
// the file and, where it applies, the record (1-based number, name and line) and the
// 1-based aligned column.
#pragma once

#include <cstddef>
#include <string>

#include "common/decompression.hpp"
#include "msa/msa.hpp"

namespace axs {

/// Options for reading; the defaults suit interactive use.
struct MsaReadOptions {
    /// Format id to force (see msa/msa_formats.hpp); "" = sniff from the content.
    std::string format;
    /// Refuse alignments with more rows than this (keeps absurd inputs from exhausting memory).
    size_t maxRows = 200000;
    /// Refuse alignments with more aligned (match) columns than this.
    size_t maxColumns = 100000;
    /// Refuse inputs whose (decompressed) text is larger than this many bytes; gzip input is
    /// checked while it is inflated (common/decompression.hpp).
    size_t maxBytes = size_t{1} << 30;
    /// Refuse gzip input that expands more than this many times once past 32 MiB
    /// (decompression bombs; real alignments expand 2- to 20-fold). 0 = no ratio check.
    double maxCompressionRatio = DecompressionLimits{}.maxRatio;
};

/// Reads an alignment file (plain or gzip-compressed). `Msa::sourcePath` = path.
Msa readMsa(const std::string& path, const MsaReadOptions& options = {});

/// Reads an alignment held in memory (plain text or gzip bytes, e.g. from drag & drop).
/// `nameForMessages` is used in error messages and to break format ties by extension;
/// `Msa::sourcePath` stays "".
Msa readMsaFromString(const std::string& text, const std::string& nameForMessages, const MsaReadOptions& options = {});

}  // namespace axs
