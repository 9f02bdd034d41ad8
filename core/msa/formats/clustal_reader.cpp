// Clustal (ClustalW/Omega, MUSCLE -clw): a header line, then blocks of
// "<name> <aligned text> [<residue count>]" separated by blank lines, each block followed
// by an indented conservation line of ' ', '*', ':' and '.'. The text of a name continues
// from block to block. Every column is a match column.
#include <unordered_map>

#include "msa/formats/reader_support.hpp"

namespace axs::msa_detail {
namespace {

bool isClustalHeader(std::string_view line) {
    return startsWith(line, "CLUSTAL") || line.find("multiple sequence alignment") != std::string_view::npos;
}

bool isConservationLine(std::string_view line) {
    for (char c : line)
        if (!(isSpace(c) || c == '*' || c == ':' || c == '.')) return false;
    return true;
}

bool isNumber(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::vector<ParsedRecord> parseClustal(std::string_view text, const ParseContext& ctx) {
    LineCursor lines(text);
    std::string_view line;
    bool sawHeader = false;
    while (lines.next(line)) {
        if (isBlank(line)) continue;
        if (!isClustalHeader(trim(line)))
            failLine(ctx, lines.lineNumber(), "expected a Clustal header line starting with 'CLUSTAL'");
        sawHeader = true;
        break;
    }
    if (!sawHeader) failFile(ctx.fileName, "no sequences found (file has no Clustal header)");

    std::vector<ParsedRecord> records;
    std::unordered_map<std::string, size_t> indexOf;
    while (lines.next(line)) {
        if (isBlank(line)) continue;
        if (isSpace(line.front())) {
            if (isConservationLine(line)) continue;
            failLine(ctx, lines.lineNumber(),
                     "unexpected indented line (only conservation lines of ' ', '*', ':', '.' may be indented)");
        }
        std::string_view name, rest, seq, count;
        splitFirstWord(line, name, rest);
        splitFirstWord(rest, seq, count);
        if (seq.empty())
            failLine(ctx, lines.lineNumber(),
                     "expected '<name> <aligned sequence>' but found no sequence after '" +
                         std::string(name.substr(0, 80)) + "'");
        if (!count.empty() && !isNumber(count))
            failLine(ctx, lines.lineNumber(),
                     "expected '<name> <aligned sequence> [<residue count>]' but found extra text '" +
                         std::string(count.substr(0, 40)) + "'");
        appendToNamedRow(ctx, records, indexOf, name, seq, lines.lineNumber(), ctx.options.maxColumns, "aligned");
    }
    for (auto& r : records) normaliseMatchCase(r.row);
    return records;
}

int sniffClustal(std::string_view prefix) {
    const std::string_view first = firstContentLine(prefix, /*skipHash=*/false);
    if (startsWith(first, "CLUSTAL")) return 100;
    return first.find("multiple sequence alignment") != std::string_view::npos ? 90 : 0;
}

}  // namespace axs::msa_detail
