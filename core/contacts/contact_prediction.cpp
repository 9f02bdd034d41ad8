// The registry of prediction formats and content sniffing.
#include "contacts/contact_prediction.hpp"

#include <algorithm>
#include <map>

#include "common/decompression.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/readers.hpp"
#include "contacts/text_fields.hpp"

namespace axs {

namespace contacts_detail {

std::string classifyText(const std::string& head) {
    const auto lines = splitLines(head);
    for (const std::string_view raw : lines) {
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const auto f = splitFields(line, ",");
        if (f.empty()) return "";  // only commas: no layout this reader knows
        const std::string key = upper(f[0]);
        if (key == "PFRMAT" || key == "TARGET" || key == "AUTHOR" || key == "METHOD" || key == "REMARK" ||
            key == "MODEL")
            return "casp-rr";
        bool hasI = false, hasJ = false, allNumbers = true;
        for (const auto& t : f) {
            const std::string name = lower(t);
            hasI |= name == "i";
            hasJ |= name == "j";
            double v;
            allNumbers &= parseDouble(t, v);
        }
        if (hasI && hasJ) return "table";
        if (f.size() == 1 && isAlphaToken(f[0])) continue;  // RR sequence line, look further
        long long a, b;
        const bool twoIndices = f.size() >= 2 && parseIndex(f[0], a) && parseIndex(f[1], b);
        long long c;
        if (f.size() >= 5 && parseIndex(f[0], a) && isAlphaToken(f[1]) && parseIndex(f[2], c) && isAlphaToken(f[3]))
            return "evfold";
        // Two residue numbers first: a pair list even if the score is broken, so the reader
        // can name the bad line.
        if (twoIndices && f.size() == 5) return "casp-rr";
        if (twoIndices && f.size() == 3) return "pair-list";
        if (allNumbers && f.size() >= 2) return "matrix";
        return "";
    }
    return "";
}

}  // namespace contacts_detail

namespace {

using namespace contacts_detail;

ContactPrediction readNpyPrediction(const std::string& path, const std::string& bytes, size_t length) {
    TensorF t = readNpyFloatFromMemory(bytes, path);
    if (t.rank() == 3 && t.shape[0] == 1) t.shape.erase(t.shape.begin());
    if (t.rank() != 2 || t.shape[0] != t.shape[1])
        failFile(path, "expected an L x L (or 1 x L x L) score array, got shape " + t.shapeString());
    ContactPrediction out;
    out.sourcePath = path;
    out.scores = TensorD(t.shape);
    std::copy(t.data.begin(), t.data.end(), out.scores.data.begin());
    checkScoreMatrix(out.scores, length, path, [](int64_t i, int64_t j) {
        return "array position [" + std::to_string(i) + ", " + std::to_string(j) + "]";
    });
    return out;
}

int sniffAs(const std::string& head, const char* id) { return classifyText(head) == id ? 80 : 0; }

std::vector<ContactFormat> makeFormats() {
    std::vector<ContactFormat> f;
    f.push_back({"npy",
                 "NumPy array, L x L scores",
                 {".npy"},
                 [](const std::string& head) { return head.rfind("\x93NUMPY", 0) == 0 ? 100 : 0; },
                 readNpyPrediction});
    f.push_back({"casp-rr",
                 "CASP RR / PSICOV / DeepCov / DNCON2 contact list ('i j d1 d2 p')",
                 {".rr", ".con", ".psicov", ".casp"},
                 [](const std::string& head) { return sniffAs(head, "casp-rr"); },
                 readPairList});
    f.push_back({"pair-list",
                 "plmDCA-style list ('i,j,score' or 'i j score')",
                 {".txt", ".csv", ".plmdca"},
                 [](const std::string& head) { return sniffAs(head, "pair-list"); },
                 readPairList});
    f.push_back({"evfold",
                 "FreeContact / EVfold list ('i aa j aa score1 score2')",
                 {".evfold", ".txt"},
                 [](const std::string& head) { return sniffAs(head, "evfold"); },
                 readPairList});
    f.push_back({"matrix",
                 "CCMpred / CCMpredPy / GREMLIN L x L score matrix",
                 {".mat", ".ccmpred", ".gremlin"},
                 [](const std::string& head) { return sniffAs(head, "matrix"); },
                 readScoreMatrix});
    f.push_back({"table",
                 "EVcouplings CSV / GREMLIN table with an 'i j ... score' header",
                 {".csv", ".txt"},
                 [](const std::string& head) { return sniffAs(head, "table"); },
                 readScoreTable});
    return f;
}

/// Tool names users may pass instead of the format id.
const std::map<std::string, std::string> kAliases = {
    {"rr", "casp-rr"},          {"psicov", "casp-rr"},   {"deepcov", "casp-rr"},    {"ccmpred", "matrix"},
    {"ccmpredpy", "matrix"},    {"plmdca", "pair-list"}, {"freecontact", "evfold"}, {"evcouplings", "table"},
    {"gremlin-table", "table"}, {"gremlin", "matrix"},
};

}  // namespace

const std::vector<ContactFormat>& contactFormats() {
    static const std::vector<ContactFormat> formats = makeFormats();
    return formats;
}

const ContactFormat* sniffContactFormat(const std::string& bytes) {
    const std::string head = bytes.substr(0, 64 * 1024);
    const ContactFormat* best = nullptr;
    int bestScore = 0;
    for (const ContactFormat& f : contactFormats()) {
        const int s = f.sniff(head);
        if (s > bestScore) {
            best = &f;
            bestScore = s;
        }
    }
    return best;
}

DecompressionLimits contactReadLimits() { return DecompressionLimits{}; }

ContactPrediction readContactPrediction(const std::string& path, size_t length, const std::string& formatId) {
    return readContactPredictionFromMemory(readFileDecompressed(path, contactReadLimits()), path, length, formatId);
}

ContactPrediction readContactPredictionFromMemory(std::string_view content, const std::string& path, size_t length,
                                                  const std::string& formatId) {
    const std::string bytes = decompressIfGzip(content, path, contactReadLimits());
    if (bytes.empty()) failFile(path, "file is empty, not a contact prediction");
    const ContactFormat* format = nullptr;
    if (!formatId.empty()) {
        std::string id = lower(formatId);
        if (auto it = kAliases.find(id); it != kAliases.end()) id = it->second;
        for (const ContactFormat& f : contactFormats())
            if (f.id == id) format = &f;
        if (!format) failFile(path, "unknown contact prediction format '" + formatId + "'");
    } else {
        format = sniffContactFormat(bytes);
        if (!format)
            failFile(path,
                     "not a recognised contact prediction (expected CASP RR / PSICOV 'i j d1 d2 p', "
                     "'i,j,score', an L x L matrix, an EVcouplings/GREMLIN table or .npy)");
    }
    ContactPrediction out = format->read(path, bytes, length);
    out.format = format->id;
    out.sourcePath = path;
    return out;
}

}  // namespace axs
