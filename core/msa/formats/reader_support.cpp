#include "msa/formats/reader_support.hpp"

#include <cstdio>

#include "common/error.hpp"
#include "msa/alphabet.hpp"

namespace axs::msa_detail {

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

void splitFirstWord(std::string_view line, std::string_view& word, std::string_view& rest) {
    line = trim(line);
    size_t i = 0;
    while (i < line.size() && !isSpace(line[i])) ++i;
    word = line.substr(0, i);
    rest = trim(line.substr(i));
}

bool isBlank(std::string_view s) { return trim(s).empty(); }

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string recordLabel(size_t index, const ParsedRecord& record) {
    std::string s = "record " + std::to_string(index + 1);
    if (!record.name.empty()) s += " '" + record.name + "'";
    if (record.line) s += " (line " + std::to_string(record.line) + ")";
    return s;
}

std::string describeChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02x", u);
    return buf;
}

void failLine(const ParseContext& ctx, size_t line, const std::string& what) {
    failFile(ctx.fileName, "line " + std::to_string(line) + ": " + what);
}

void failRecord(const ParseContext& ctx, size_t index, const ParsedRecord& record, const std::string& what) {
    failFile(ctx.fileName, recordLabel(index, record) + ": " + what);
}

void checkRowLimit(const ParseContext& ctx, size_t recordCount) {
    if (recordCount > ctx.options.maxRows)
        failFile(ctx.fileName, "more than " + std::to_string(ctx.options.maxRows) +
                                   " sequences; refusing to read (the row limit can be raised in the read options)");
}

void appendToNamedRow(const ParseContext& ctx, std::vector<ParsedRecord>& records,
                      std::unordered_map<std::string, size_t>& indexOf, std::string_view name, std::string_view piece,
                      size_t line, size_t maxLength, const char* unit) {
    auto [it, inserted] = indexOf.try_emplace(std::string(name), records.size());
    if (inserted) {
        checkRowLimit(ctx, records.size() + 1);
        ParsedRecord r;
        r.name = name;
        r.line = line;
        records.push_back(std::move(r));
    }
    std::string& row = records[it->second].row;
    if (row.size() + piece.size() > maxLength)
        failRecord(ctx, it->second, records[it->second],
                   "more than " + std::to_string(maxLength) + " " + unit +
                       " columns; refusing to read (the limit can be raised in the read options)");
    row.append(piece);
}

void normaliseMatchCase(std::string& row) {
    for (char& c : row) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (c == '.')
            c = '-';
    }
}

std::string_view firstContentLine(std::string_view text, bool skipHash) {
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line)) {
        if (isBlank(line)) continue;
        if (skipHash && trim(line).front() == '#') continue;
        return trim(line);
    }
    return {};
}

Msa finishMsa(std::vector<ParsedRecord>&& records, const ParseContext& ctx, const std::string& formatId) {
    if (records.empty()) failFile(ctx.fileName, "no sequences found");
    checkRowLimit(ctx, records.size());
    const ParsedRecord& first = records.front();
    const size_t width = first.row.size();
    if (width == 0) failRecord(ctx, 0, first, "the first sequence has no aligned residues");
    if (width > ctx.options.maxColumns)
        failRecord(ctx, 0, first,
                   std::to_string(width) + " aligned columns exceed the limit of " +
                       std::to_string(ctx.options.maxColumns) + " (it can be raised in the read options)");
    for (size_t i = 0; i < records.size(); ++i) {
        const std::string& row = records[i].row;
        if (row.size() != width) {
            const std::string where = row.size() < width ? "column " + std::to_string(row.size() + 1) + " is missing"
                                                         : "column " + std::to_string(width + 1) + " is extra";
            failRecord(ctx, i, records[i],
                       "has " + std::to_string(row.size()) + " aligned columns but " + recordLabel(0, first) + " has " +
                           std::to_string(width) + " (" + where + "); all rows of an alignment must be equally long");
        }
        for (size_t j = 0; j < width; ++j) {
            if (!alphabet::isAlignmentChar(row[j]))
                failRecord(ctx, i, records[i],
                           "aligned column " + std::to_string(j + 1) + ": " + describeChar(row[j]) +
                               " is not in the ESM-MSA-1b alphabet (allowed: upper-case " +
                               std::string(alphabet::residueLetters()) + " and '-')");
        }
    }
    Msa msa;
    msa.format = formatId;
    msa.names.reserve(records.size());
    msa.rows.reserve(records.size());
    msa.descriptions.reserve(records.size());
    bool anyDescription = false;
    for (auto& r : records) {
        anyDescription = anyDescription || !r.description.empty();
        msa.names.push_back(std::move(r.name));
        msa.rows.push_back(std::move(r.row));
        msa.descriptions.push_back(std::move(r.description));
    }
    if (!anyDescription) msa.descriptions.clear();
    return msa;
}

}  // namespace axs::msa_detail
