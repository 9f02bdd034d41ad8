#include "structure/query_mapping.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <gemmi/seqalign.hpp>

#include "common/error.hpp"

namespace axs {

namespace {

/// Residue names in the encoding of gemmi's BLOSUM62 table; other letters get a name of
/// their own, scored with the table's plain match / mismatch values.
std::string residueName(char letter) {
    switch (std::toupper(static_cast<unsigned char>(letter))) {
        case 'A':
            return "ALA";
        case 'R':
            return "ARG";
        case 'N':
            return "ASN";
        case 'D':
            return "ASP";
        case 'C':
            return "CYS";
        case 'Q':
            return "GLN";
        case 'E':
            return "GLU";
        case 'G':
            return "GLY";
        case 'H':
            return "HIS";
        case 'I':
            return "ILE";
        case 'L':
            return "LEU";
        case 'K':
            return "LYS";
        case 'M':
            return "MET";
        case 'F':
            return "PHE";
        case 'P':
            return "PRO";
        case 'S':
            return "SER";
        case 'T':
            return "THR";
        case 'W':
            return "TRP";
        case 'Y':
            return "TYR";
        case 'V':
            return "VAL";
        default:
            return std::string("?") + letter;
    }
}

double distance(const Point3& a, const Point3& b) {
    const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

/// Free gap opening (in the query-against-chain alignment) before chain residue k where the
/// chain is broken: residues k-1 and k not joined by a peptide bond (C-N > 2 A or atoms
/// missing). Index 0 and the end are free too (termini).
std::vector<bool> freeGapOpenings(const StructureChain& chain) {
    const auto& rs = chain.residues;
    std::vector<bool> free(rs.size() + 1, true);
    for (size_t k = 1; k < rs.size(); ++k)
        free[k] = !(rs[k - 1].hasBackbone && rs[k].hasBackbone && distance(rs[k - 1].c, rs[k].n) <= 2.0);
    return free;
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
    return buf;
}

}  // namespace

QueryMapping mapQueryToChain(const std::string& query, const StructureChain& chain) {
    QueryMapping m;
    m.residueIndex.assign(query.size(), -1);
    std::vector<size_t> letterPos;  // query index of each query letter
    std::vector<std::string> queryNames, chainNames;
    for (size_t k = 0; k < query.size(); ++k) {
        const char ch = query[k];
        if (ch == '-' || ch == '.') continue;
        if (!std::isalpha(static_cast<unsigned char>(ch)))
            throw Error(std::string("query sequence has an invalid character '") + ch + "' at position " +
                        std::to_string(k + 1));
        letterPos.push_back(k);
        queryNames.push_back(residueName(ch));
    }
    m.queryResidues = letterPos.size();
    for (const StructureResidue& r : chain.residues) chainNames.push_back(residueName(r.oneLetter));
    std::string top, marks, bottom;
    if (!queryNames.empty() && !chainNames.empty()) {
        const gemmi::AlignmentScoring scoring = gemmi::prepare_blosum62_scoring();
        const gemmi::AlignmentResult aln =
            gemmi::align_string_sequences(queryNames, chainNames, freeGapOpenings(chain), scoring);
        if (aln.cigar.empty()) throw Error("sequence alignment of the query to chain " + chain.displayId() + " failed");
        size_t q = 0, r = 0;
        for (const gemmi::AlignmentResult::Item item : aln.cigar) {
            for (uint32_t n = 0; n < item.len(); ++n) {
                if (item.op() == 'M') {
                    const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(query[letterPos[q]])));
                    const char b = chain.residues[r].oneLetter;
                    m.residueIndex[letterPos[q]] = static_cast<int>(r);
                    ++m.alignedPairs;
                    m.identicalPairs += a == b;
                    top += a;
                    marks += a == b ? '|' : '.';
                    bottom += b;
                    ++q;
                    ++r;
                } else if (item.op() == 'I') {  // query residue without a structure residue
                    top += query[letterPos[q]];
                    marks += ' ';
                    bottom += '-';
                    ++q;
                } else {  // 'D': structure residue outside the query
                    top += '-';
                    marks += ' ';
                    bottom += chain.residues[r].oneLetter;
                    ++r;
                }
            }
        }
    }
    m.alignment = top + "\n" + marks + "\n" + bottom;
    m.identity = m.alignedPairs ? static_cast<double>(m.identicalPairs) / static_cast<double>(m.alignedPairs) : 0.0;
    m.coverage = m.queryResidues ? static_cast<double>(m.alignedPairs) / static_cast<double>(m.queryResidues) : 0.0;
    m.lowConfidence = m.identity < kMinMappingIdentity || m.coverage < kMinMappingCoverage;
    if (m.lowConfidence)
        m.warning = "the query matches chain " + chain.displayId() + " poorly: identity " + percent(m.identity) +
                    " over " + std::to_string(m.alignedPairs) + " aligned residues, coverage " + percent(m.coverage) +
                    " of " + std::to_string(m.queryResidues) +
                    " query residues (is this the right structure, chain or query row?)";
    return m;
}

std::vector<MappedSegment> mappedSegments(const QueryMapping& mapping) {
    std::vector<MappedSegment> out;
    for (size_t q = 0; q < mapping.residueIndex.size(); ++q) {
        const int r = mapping.residueIndex[q];
        if (r < 0) continue;
        const auto res = static_cast<size_t>(r);
        if (!out.empty() && out.back().queryLast + 1 == q && out.back().residueLast + 1 == res) {
            out.back().queryLast = q;
            out.back().residueLast = res;
        } else {
            out.push_back({q, q, res, res});
        }
    }
    return out;
}

std::string describeMapping(const QueryMapping& mapping, const StructureChain& chain) {
    std::string s;
    for (const MappedSegment& seg : mappedSegments(mapping)) {
        if (!s.empty()) s += ", ";
        // Appended piece by piece: `"literal" + std::string` trips GCC 12's -Wrestrict (PR 105329).
        s.append("q").append(std::to_string(seg.queryFirst + 1));
        if (seg.queryLast != seg.queryFirst) s.append("-").append(std::to_string(seg.queryLast + 1));
        s.append(" -> ").append(chain.residues[seg.residueFirst].authorId());
        if (seg.residueLast != seg.residueFirst) s.append("-").append(chain.residues[seg.residueLast].authorId());
    }
    return s.empty() ? "none" : s;
}

}  // namespace axs
