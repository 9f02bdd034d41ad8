// Pair lists: CASP RR (with or without header and sequence lines), PSICOV-style
// "i j 0 8 p", plmDCA "i,j,score" / "i j score", FreeContact "i aa j aa s1 s2".
#include <cmath>
#include <set>

#include "common/error.hpp"
#include "contacts/readers.hpp"
#include "contacts/text_fields.hpp"

namespace axs::contacts_detail {

namespace {

const std::set<std::string> kRrHeaderKeywords = {"PFRMAT", "TARGET", "AUTHOR", "METHOD", "REMARK",
                                                 "PARENT", "SCORE",  "RMSD",   "QMODE"};

std::string where(size_t lineNo) { return "line " + std::to_string(lineNo) + ": "; }

}  // namespace

void fillFromPairs(ContactPrediction& out, const std::vector<ScoredPair>& pairs, size_t length, LengthOrigin origin,
                   const std::string& path) {
    if (length == 0) {
        for (const ScoredPair& p : pairs) {
            const auto largest = static_cast<size_t>(std::max(p.i, p.j));
            if (largest > kMaxContactLength)
                failFile(path, where(p.line) + "residue " + std::to_string(largest) +
                                   " is beyond the longest supported sequence (" + std::to_string(kMaxContactLength) +
                                   " residues)");
            length = std::max(length, largest);
        }
    }
    const char* ofWhat = origin == LengthOrigin::Caller         ? "the query the prediction is evaluated against"
                         : origin == LengthOrigin::FileSequence ? "the sequence written in the file"
                                                                : "the prediction";
    const auto n = static_cast<int64_t>(length);
    out.scores = TensorD({n, n}, std::nan(""));
    out.pairsRead = pairs.size();
    for (const ScoredPair& p : pairs) {
        for (const long long k : {p.i, p.j})
            if (k < 1 || k > n)
                failFile(path, where(p.line) + "residue " + std::to_string(k) + " is outside 1.." +
                                   std::to_string(length) + ", the length of " + ofWhat);
        if (p.i == p.j)
            failFile(path, where(p.line) + "the pair " + std::to_string(p.i) + " " + std::to_string(p.j) +
                               " joins a residue with itself; a contact needs two different residues");
        if (!std::isfinite(p.score)) failFile(path, where(p.line) + "the score is not a finite number");
        double& a = out.scores.at(p.i - 1, p.j - 1);
        if (!std::isnan(a)) ++out.duplicatePairs;
        if (std::isnan(a) || p.score > a) {
            a = p.score;
            out.scores.at(p.j - 1, p.i - 1) = p.score;
        }
    }
}

ContactPrediction readPairList(const std::string& path, const std::string& bytes, size_t length) {
    ContactPrediction out;
    out.sourcePath = path;
    std::vector<ScoredPair> pairs;
    int models = 0;
    const auto lines = splitLines(bytes);
    for (size_t n = 0; n < lines.size(); ++n) {
        const size_t lineNo = n + 1;
        const std::string_view line = trim(lines[n]);
        if (line.empty() || line.front() == '#') continue;
        const auto f = splitFields(line, ",");
        if (f.empty())  // only commas
            failFile(path, where(lineNo) + "expected a contact line 'i j d1 d2 p', 'i j p' or 'i,j,score', got " +
                               quoteLine(line));
        const std::string key = upper(f[0]);
        if (key == "END" || key == "ENDMDL") break;
        if (key == "MODEL") {
            if (++models > 1) break;  // only the first model of a multi-model RR file
            continue;
        }
        if (kRrHeaderKeywords.count(key)) continue;
        if (f.size() == 1 && isAlphaToken(f[0])) {
            if (!pairs.empty())
                failFile(path, where(lineNo) + "sequence line " + quoteLine(line) + " after the contact lines");
            out.sequence += upper(f[0]);
            continue;
        }
        ScoredPair p{};
        double score = 0;
        bool ok = false;
        if (f.size() >= 5 && isAlphaToken(f[1]) && isAlphaToken(f[3])) {
            // FreeContact / EVfold: i aa_i j aa_j score1 [score2]; the last score is the one to rank by
            ok = parseIndex(f[0], p.i) && parseIndex(f[2], p.j) && parseDouble(f[f.size() >= 6 ? 5 : 4], score);
        } else if (f.size() == 5) {
            ok = parseIndex(f[0], p.i) && parseIndex(f[1], p.j) && parseDouble(f[4], score);
        } else if (f.size() == 3) {
            ok = parseIndex(f[0], p.i) && parseIndex(f[1], p.j) && parseDouble(f[2], score);
        }
        if (!ok)
            failFile(path, where(lineNo) +
                               "expected a contact line 'i j d1 d2 p', 'i j p' or 'i,j,score' "
                               "(1-based residue numbers), got " +
                               quoteLine(line));
        if (p.i < 1 || p.j < 1)
            failFile(path, where(lineNo) + "residue numbers are 1-based, found 0 in " + quoteLine(line));
        if (!std::isfinite(score)) failFile(path, where(lineNo) + "score is not a finite number in " + quoteLine(line));
        p.score = score;
        p.line = lineNo;
        pairs.push_back(p);
    }
    if (pairs.empty()) failFile(path, "no contact lines found");
    LengthOrigin origin = LengthOrigin::Caller;
    if (length == 0) {
        origin = out.sequence.empty() ? LengthOrigin::LargestIndex : LengthOrigin::FileSequence;
        length = out.sequence.size();
    }
    fillFromPairs(out, pairs, length, origin, path);
    return out;
}

}  // namespace axs::contacts_detail
