// Stockholm 1.0 (HMMER/jackhmmer output, Pfam). Sequence lines "<name> <aligned text>" may
// be split over several blocks (the text of a name continues); "#=GS <name> <tag> <text>"
// lines become the row's description; "#=GF", "#=GR", "#=GC" and other '#' lines are
// skipped; "//" ends the alignment. The first row is the query: columns where it has '-'
// or '.' are insert columns and are removed from all rows (as AlphaFold/OpenFold do).
#include <unordered_map>

#include "msa/formats/reader_support.hpp"

namespace axs::msa_detail {

std::vector<ParsedRecord> parseStockholm(std::string_view text, const ParseContext& ctx) {
    LineCursor lines(text);
    std::string_view line;
    bool sawHeader = false;
    while (lines.next(line)) {
        if (isBlank(line)) continue;
        if (!startsWith(trim(line), "# STOCKHOLM"))
            failLine(ctx, lines.lineNumber(), "expected the Stockholm header '# STOCKHOLM 1.0'");
        sawHeader = true;
        break;
    }
    if (!sawHeader) failFile(ctx.fileName, "no sequences found (file has no Stockholm header)");

    std::vector<ParsedRecord> records;
    std::unordered_map<std::string, size_t> indexOf;
    std::unordered_map<std::string, std::string> features;  // #=GS lines, may precede the sequence
    bool ended = false;
    while (lines.next(line)) {
        if (isBlank(line)) continue;
        const std::string_view t = trim(line);
        if (startsWith(t, "//")) {
            ended = true;
            break;
        }
        if (startsWith(t, "#=GS")) {
            std::string_view tag, name, rest;
            splitFirstWord(t, tag, rest);
            splitFirstWord(rest, name, rest);
            if (!name.empty() && !rest.empty()) {
                std::string& f = features[std::string(name)];
                if (!f.empty()) f += '\n';
                f += rest;
            }
            continue;
        }
        if (t.front() == '#') continue;
        std::string_view name, seq;
        splitFirstWord(t, name, seq);
        if (seq.empty())
            failLine(ctx, lines.lineNumber(),
                     "expected '<name> <aligned sequence>' but found no sequence after '" +
                         std::string(name.substr(0, 80)) + "'");
        for (char c : seq)
            if (isSpace(c))
                failLine(ctx, lines.lineNumber(),
                         "expected '<name> <aligned sequence>' but the sequence contains whitespace");
        // Raw rows include insert columns, so allow them some slack over the match-column limit.
        appendToNamedRow(ctx, records, indexOf, name, seq, lines.lineNumber(), 4 * ctx.options.maxColumns + 1024,
                         "raw");
    }
    if (ended) {
        while (lines.next(line)) {
            if (isBlank(line)) continue;
            if (startsWith(trim(line), "# STOCKHOLM"))
                failLine(ctx, lines.lineNumber(),
                         "a second alignment starts here; AxialScope reads one alignment per file "
                         "(split the file at the '//' lines)");
            failLine(ctx, lines.lineNumber(), "unexpected text after the '//' end-of-alignment line");
        }
    }
    if (records.empty()) return records;

    for (auto& r : records) {
        auto f = features.find(r.name);
        if (f != features.end()) r.description = f->second;
    }
    const std::string query = records.front().row;
    for (size_t i = 0; i < records.size(); ++i) {
        const std::string& raw = records[i].row;
        if (raw.size() != query.size())
            failRecord(ctx, i, records[i],
                       "has " + std::to_string(raw.size()) + " columns (before removing insert columns) but " +
                           recordLabel(0, records.front()) + " has " + std::to_string(query.size()) + " (column " +
                           std::to_string(std::min(raw.size(), query.size()) + 1) +
                           (raw.size() < query.size() ? " is missing)" : " is extra)") +
                           "; all rows of an alignment must be equally long");
    }
    for (auto& r : records) {
        std::string kept;
        kept.reserve(query.size());
        for (size_t j = 0; j < query.size(); ++j)
            if (query[j] != '-' && query[j] != '.') kept.push_back(r.row[j]);
        normaliseMatchCase(kept);
        r.row = std::move(kept);
    }
    return records;
}

int sniffStockholm(std::string_view prefix) {
    return startsWith(firstContentLine(prefix, /*skipHash=*/false), "# STOCKHOLM") ? 100 : 0;
}

}  // namespace axs::msa_detail
