// The one registry of alignment formats. The GUI open dialog (filters), drag & drop and
// the CLI all use it, so a format added here is available everywhere.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "msa/msa.hpp"
#include "msa/msa_io.hpp"

namespace axs {

struct MsaFormat {
    std::string id;                       ///< stable id stored in Msa::format: "a3m", "fasta", ...
    std::string displayName;              ///< for file dialogs, e.g. "Stockholm (HMMER, Pfam)"
    std::vector<std::string> extensions;  ///< lower case, without dot; "<ext>.gz" is accepted too
    /// Confidence 0 (not this format) .. 100 (certain) that a decompressed text prefix is
    /// in this format. Looks only at the content.
    std::function<int(std::string_view textPrefix)> sniff;
    /// Parses a whole decompressed text into a validated Msa (format and names filled,
    /// sourcePath left ""). Throws axs::Error prefixed with `nameForMessages`.
    std::function<Msa(std::string_view text, const std::string& nameForMessages, const MsaReadOptions&)> read;
};

/// All formats, in the order file dialogs should list them.
const std::vector<MsaFormat>& msaFormats();

/// The format with this id, or nullptr.
const MsaFormat* findMsaFormat(std::string_view id);

/// Best format id for a file, "" when no format recognises the content. `contentPrefix` is
/// the start of the file (a few KiB are enough; gzip bytes are decompressed as far as they
/// go). The content decides; an extension of `fileName` (".gz" stripped) only breaks ties.
std::string sniffMsaFormat(const std::string& contentPrefix, const std::string& fileName);

/// Every extension of every format (lower case, no dot), e.g. for a "*.a3m *.sto ..." filter.
std::vector<std::string> allMsaExtensions();

}  // namespace axs
