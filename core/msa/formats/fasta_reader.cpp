// A3M and aligned FASTA, read by the rule of the official ESM examples (spec §2.1):
// records in file order, line breaks and whitespace removed, then every lower-case letter
// (A3M insertion), '.' and '*' deleted. Upper-case letters and '-' are the match columns.
#include "msa/formats/reader_support.hpp"

namespace axs::msa_detail {

std::vector<ParsedRecord> parseFasta(std::string_view text, const ParseContext& ctx) {
    std::vector<ParsedRecord> records;
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line)) {
        if (!line.empty() && line.front() == '>') {
            checkRowLimit(ctx, records.size() + 1);
            ParsedRecord r;
            std::string_view name, rest;
            splitFirstWord(line.substr(1), name, rest);
            r.name = name;
            r.description = rest;
            r.line = lines.lineNumber();
            records.push_back(std::move(r));
            continue;
        }
        if (records.empty()) {
            // HH-suite / ColabFold A3M files may start with '#' lines (e.g. "#101\t1").
            if (isBlank(line) || trim(line).front() == '#') continue;
            failLine(ctx, lines.lineNumber(), "sequence data before the first '>' header line");
        }
        std::string& row = records.back().row;
        for (char c : line) {
            if (isSpace(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '*') continue;
            row.push_back(c);
        }
        // Stop early on absurd widths instead of growing one huge string.
        if (row.size() > ctx.options.maxColumns)
            failRecord(ctx, records.size() - 1, records.back(),
                       "more than " + std::to_string(ctx.options.maxColumns) +
                           " aligned columns; refusing to read (the limit can be raised in the read options)");
    }
    return records;
}

int sniffFasta(std::string_view prefix) {
    const std::string_view first = firstContentLine(prefix, /*skipHash=*/true);
    return !first.empty() && first.front() == '>' ? 51 : 0;
}

bool fastaPrefixHasInsertions(std::string_view prefix) {
    LineCursor lines(prefix);
    std::string_view line;
    while (lines.next(line)) {
        if (line.empty() || line.front() == '>' || line.front() == '#') continue;
        for (char c : line)
            if ((c >= 'a' && c <= 'z') || c == '.') return true;
    }
    return false;
}

}  // namespace axs::msa_detail
