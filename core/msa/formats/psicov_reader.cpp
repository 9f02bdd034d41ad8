// PSICOV / CCMpred / DeepCov .aln: one aligned sequence per line, no names, no headers.
// Every column is a match column. Rows get no names (Msa::names holds empty strings).
#include "msa/formats/reader_support.hpp"

namespace axs::msa_detail {
namespace {

bool isPsicovChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.'; }

}  // namespace

std::vector<ParsedRecord> parsePsicov(std::string_view text, const ParseContext& ctx) {
    std::vector<ParsedRecord> records;
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line)) {
        const std::string_view t = trim(line);
        if (t.empty()) continue;
        if (t.front() == '>' || t.front() == '#')
            failLine(ctx, lines.lineNumber(),
                     "PSICOV .aln files hold one aligned sequence per line without headers; this line starts with " +
                         describeChar(t.front()));
        for (char c : t)
            if (isSpace(c))
                failLine(ctx, lines.lineNumber(),
                         "PSICOV .aln files hold one aligned sequence per line; this line contains whitespace");
        if (t.size() > ctx.options.maxColumns)
            failLine(ctx, lines.lineNumber(),
                     "more than " + std::to_string(ctx.options.maxColumns) +
                         " aligned columns; refusing to read (the limit can be raised in the read options)");
        checkRowLimit(ctx, records.size() + 1);
        ParsedRecord r;
        r.row = t;
        r.line = lines.lineNumber();
        normaliseMatchCase(r.row);
        records.push_back(std::move(r));
    }
    return records;
}

int sniffPsicov(std::string_view prefix) {
    // Every complete line: only alignment letters, no spaces, all the same length. The last
    // line may be cut off by the prefix, so it only has to be no longer than the others.
    LineCursor lines(prefix);
    std::string_view line;
    size_t width = 0, count = 0;
    const bool endsWithNewline = !prefix.empty() && prefix.back() == '\n';
    std::string_view last;
    bool lastSeen = false;
    while (lines.next(line)) {
        const std::string_view t = trim(line);
        if (t.empty()) continue;
        for (char c : t)
            if (!isPsicovChar(c)) return 0;
        if (lastSeen) {  // the previous line is complete
            if (width == 0) width = last.size();
            if (last.size() != width) return 0;
            ++count;
        }
        last = t;
        lastSeen = true;
    }
    if (!lastSeen) return 0;
    if (width == 0) return 30;  // a single line: one raw sequence
    if (endsWithNewline ? last.size() != width : last.size() > width) return 0;
    return count >= 1 ? 40 : 30;
}

}  // namespace axs::msa_detail
