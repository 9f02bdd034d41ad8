#include "msa/alphabet.hpp"

namespace axs::alphabet {
namespace {

constexpr std::array<std::string_view, kSize> kTokens = {
    "<cls>", "<pad>", "<eos>", "<unk>", "L", "A", "G", "V", "S", "E", "R", "T", "I", "D", "P",        "K",     "Q",
    "N",     "F",     "Y",     "M",     "H", "W", "C", "X", "B", "U", "Z", "O", ".", "-", "<null_1>", "<mask>"};

// Byte -> token id (or -1), built once from kTokens so the two can never disagree.
struct CharTable {
    std::array<int8_t, 256> id{};
    constexpr CharTable() {
        for (auto& v : id) v = -1;
        for (size_t i = 0; i < kTokens.size(); ++i)
            if (kTokens[i].size() == 1) id[static_cast<unsigned char>(kTokens[i][0])] = static_cast<int8_t>(i);
    }
};
constexpr CharTable kCharTable;

}  // namespace

const std::array<std::string_view, kSize>& tokens() { return kTokens; }

int64_t tokenIndex(char c) { return kCharTable.id[static_cast<unsigned char>(c)]; }

int64_t tokenIndex(std::string_view token) {
    if (token.size() == 1) return tokenIndex(token[0]);
    for (size_t i = 0; i < kTokens.size(); ++i)
        if (kTokens[i] == token) return static_cast<int64_t>(i);
    return -1;
}

std::string_view tokenText(int64_t index) {
    return index >= 0 && index < kSize ? kTokens[static_cast<size_t>(index)] : std::string_view();
}

bool isAlignmentChar(char c) { return c == '-' || (c >= 'A' && c <= 'Z' && tokenIndex(c) >= 0); }

std::string_view residueLetters() { return "LAGVSERTIDPKQNFYMHWCXBUZO"; }

}  // namespace axs::alphabet
