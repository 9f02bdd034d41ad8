#include "msa/msa_formats.hpp"

#include <algorithm>

#include "common/decompression.hpp"
#include "msa/formats/reader_support.hpp"

namespace axs {
namespace {

using msa_detail::ParseContext;
using msa_detail::ParsedRecord;

using Parser = std::vector<ParsedRecord> (*)(std::string_view, const ParseContext&);

std::function<Msa(std::string_view, const std::string&, const MsaReadOptions&)> reader(Parser parse, std::string id) {
    return [parse, id](std::string_view text, const std::string& name, const MsaReadOptions& options) {
        const ParseContext ctx{name, options};
        return msa_detail::finishMsa(parse(text, ctx), ctx, id);
    };
}

std::vector<MsaFormat> buildRegistry() {
    std::vector<MsaFormat> f;
    // A3M and aligned FASTA share the official ESM reading rule; they differ only in the id
    // (a3m when the content shows insertions or the file is called *.a3m).
    f.push_back({"a3m",
                 "A3M (HHblits, ColabFold)",
                 {"a3m"},
                 [](std::string_view p) {
                     if (!msa_detail::sniffFasta(p)) return 0;
                     return msa_detail::fastaPrefixHasInsertions(p) ? 60 : 50;
                 },
                 reader(msa_detail::parseFasta, "a3m")});
    f.push_back({"fasta",
                 "Aligned FASTA",
                 {"fasta", "fas", "fa", "afa", "afasta", "mfa", "faa", "fst"},
                 [](std::string_view p) {
                     if (!msa_detail::sniffFasta(p)) return 0;
                     return msa_detail::fastaPrefixHasInsertions(p) ? 0 : 51;
                 },
                 reader(msa_detail::parseFasta, "fasta")});
    f.push_back({"stockholm",
                 "Stockholm (HMMER, Pfam)",
                 {"sto", "stk", "stockholm", "sth"},
                 msa_detail::sniffStockholm,
                 reader(msa_detail::parseStockholm, "stockholm")});
    f.push_back({"clustal",
                 "Clustal",
                 {"aln", "clustal", "clw", "clu"},
                 msa_detail::sniffClustal,
                 reader(msa_detail::parseClustal, "clustal")});
    f.push_back({"psicov",
                 "PSICOV / CCMpred .aln (one sequence per line)",
                 {"aln", "psicov", "psc"},
                 msa_detail::sniffPsicov,
                 reader(msa_detail::parsePsicov, "psicov")});
    return f;
}

std::string lowerExtension(std::string fileName) {
    std::transform(fileName.begin(), fileName.end(), fileName.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (fileName.size() > 3 && fileName.ends_with(".gz")) fileName.resize(fileName.size() - 3);
    const size_t slash = fileName.find_last_of("/\\");
    const size_t dot = fileName.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    return fileName.substr(dot + 1);
}

}  // namespace

const std::vector<MsaFormat>& msaFormats() {
    static const std::vector<MsaFormat> registry = buildRegistry();
    return registry;
}

const MsaFormat* findMsaFormat(std::string_view id) {
    for (const auto& f : msaFormats())
        if (f.id == id) return &f;
    return nullptr;
}

std::string sniffMsaFormat(const std::string& contentPrefix, const std::string& fileName) {
    constexpr size_t kSniffBytes = 64 * 1024;
    std::string_view text = contentPrefix;
    std::string inflated;
    if (isGzip(text)) {
        inflated = gunzipPrefix(text, kSniffBytes);
        text = inflated;
    }
    if (text.size() > kSniffBytes) text = text.substr(0, kSniffBytes);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos) return {};

    const std::string ext = lowerExtension(fileName);
    std::string best;
    int bestScore = 0;
    for (const auto& f : msaFormats()) {
        int score = f.sniff(text);
        if (score <= 0) continue;
        // The extension only breaks ties between formats the content allows.
        if (!ext.empty() && std::find(f.extensions.begin(), f.extensions.end(), ext) != f.extensions.end()) score += 5;
        if (score > bestScore) {
            bestScore = score;
            best = f.id;
        }
    }
    return best;
}

std::vector<std::string> allMsaExtensions() {
    std::vector<std::string> all;
    for (const auto& f : msaFormats())
        for (const auto& e : f.extensions)
            if (std::find(all.begin(), all.end(), e) == all.end()) all.push_back(e);
    return all;
}

}  // namespace axs
