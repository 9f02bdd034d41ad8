// Internal to core/msa: what every format reader shares — the raw record type, a line
// cursor that tracks 1-based line numbers, and the error helpers that give all readers
// the same message shape ("<file>: record 3 'hom2' (line 5), column 7: ...").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "msa/msa.hpp"
#include "msa/msa_io.hpp"

namespace axs::msa_detail {

/// One row as a reader produced it, before the common validation.
struct ParsedRecord {
    std::string name;
    std::string description;
    std::string row;  ///< after the format's own rules (A3M deletion, Stockholm column removal, ...)
    size_t line = 0;  ///< 1-based line where the record starts
};

struct ParseContext {
    const std::string& fileName;  ///< for messages
    const MsaReadOptions& options;
};

/// Splits text into lines ('\n', '\r\n' or a lone '\r' at the end of a line), 1-based numbers.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : text_(text) {}
    /// Next line without its terminator; false at the end.
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        const size_t end = text_.find('\n', pos_);
        const size_t stop = end == std::string_view::npos ? text_.size() : end;
        line = text_.substr(pos_, stop - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos_ = stop + 1;
        ++lineNumber_;
        return true;
    }
    size_t lineNumber() const { return lineNumber_; }

private:
    std::string_view text_;
    size_t pos_ = 0;
    size_t lineNumber_ = 0;
};

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
std::string_view trim(std::string_view s);
/// The line's first whitespace-separated word and the trimmed rest.
void splitFirstWord(std::string_view line, std::string_view& word, std::string_view& rest);
bool isBlank(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);

/// "record 3 'hom2' (line 5)" — 0-based `index` printed 1-based; name and line when known.
std::string recordLabel(size_t index, const ParsedRecord& record);
/// A character for messages: 'J', or "byte 0x01" for non-printable bytes.
std::string describeChar(char c);

[[noreturn]] void failLine(const ParseContext& ctx, size_t line, const std::string& what);
[[noreturn]] void failRecord(const ParseContext& ctx, size_t index, const ParsedRecord& record,
                             const std::string& what);

/// Throws when one more record would exceed options.maxRows.
void checkRowLimit(const ParseContext& ctx, size_t recordCount);

/// For interleaved (block) formats, Stockholm and Clustal: appends `piece` to the row
/// named `name` in `records`, creating the record (with `line` as its line) the first time
/// the name is seen; `indexOf` maps names to record indices. Fails naming the record when
/// the row would grow beyond `maxLength` characters (`unit` says which columns: "aligned",
/// "raw"), and checks the row limit for new records.
void appendToNamedRow(const ParseContext& ctx, std::vector<ParsedRecord>& records,
                      std::unordered_map<std::string, size_t>& indexOf, std::string_view name, std::string_view piece,
                      size_t line, size_t maxLength, const char* unit);

/// For Clustal, PSICOV and Stockholm match columns: upper-cases letters and maps '.' to '-'.
void normaliseMatchCase(std::string& row);

/// Common validation: at least one record, equal non-zero length, within limits, only
/// alignment characters. Builds the Msa (format = formatId, sourcePath "").
Msa finishMsa(std::vector<ParsedRecord>&& records, const ParseContext& ctx, const std::string& formatId);

// The readers (each in its own file). They throw axs::Error via the helpers above.
std::vector<ParsedRecord> parseFasta(std::string_view text, const ParseContext& ctx);
std::vector<ParsedRecord> parseStockholm(std::string_view text, const ParseContext& ctx);
std::vector<ParsedRecord> parseClustal(std::string_view text, const ParseContext& ctx);
std::vector<ParsedRecord> parsePsicov(std::string_view text, const ParseContext& ctx);

// The content sniffers (0 = not this format .. 100 = certain), next to their readers.
int sniffFasta(std::string_view prefix);  ///< for "fasta"; "a3m" is decided in msa_formats.cpp
bool fastaPrefixHasInsertions(std::string_view prefix);
int sniffStockholm(std::string_view prefix);
int sniffClustal(std::string_view prefix);
int sniffPsicov(std::string_view prefix);

/// First line that is not blank (and, if skipHash, not starting with '#').
std::string_view firstContentLine(std::string_view text, bool skipHash);

}  // namespace axs::msa_detail
