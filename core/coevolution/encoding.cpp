#include "coevolution/encoding.hpp"

#include <array>

#include "common/error.hpp"

namespace axs::coevolution {

namespace {

std::array<uint8_t, 256> makeTable() {
    std::array<uint8_t, 256> table{};
    table.fill(kGapState);
    for (int state = 0; state < kAminoAcids; ++state) {
        const auto upper = static_cast<unsigned char>(kStateLetters[state]);
        table[upper] = static_cast<uint8_t>(state);
        table[upper - 'A' + 'a'] = static_cast<uint8_t>(state);
    }
    return table;
}

const std::array<uint8_t, 256> kTable = makeTable();

}  // namespace

uint8_t encodeResidue(char c) { return kTable[static_cast<unsigned char>(c)]; }

EncodedMsa encodedFromStates(std::vector<uint8_t> byRow, size_t rows, size_t cols) {
    if (rows == 0 || cols == 0) throw Error("coevolution needs an alignment with at least one row and one column");
    if (byRow.size() != rows * cols) throw Error("encoded alignment has the wrong number of states");
    EncodedMsa e;
    e.rows = rows;
    e.cols = cols;
    e.byRow = std::move(byRow);
    e.byColumn.resize(rows * cols);
    for (size_t s = 0; s < rows; ++s) {
        for (size_t i = 0; i < cols; ++i) {
            const uint8_t x = e.byRow[s * cols + i];
            if (x >= kStates) throw Error("encoded alignment holds state " + std::to_string(x) + " (must be 0..20)");
            e.byColumn[i * rows + s] = x;
        }
    }
    return e;
}

EncodedMsa encodeMsa(const Msa& msa) {
    const std::string where = msa.sourcePath.empty() ? "alignment" : msa.sourcePath;
    if (msa.depth() == 0 || msa.width() == 0) failFile(where, "coevolution needs at least one row and one column");
    const size_t rows = msa.depth(), cols = msa.width();
    std::vector<uint8_t> states(rows * cols);
    for (size_t s = 0; s < rows; ++s) {
        const std::string& row = msa.rows[s];
        if (row.size() != cols)
            failFile(where, "row " + std::to_string(s + 1) + " has " + std::to_string(row.size()) +
                                " columns, row 1 has " + std::to_string(cols));
        for (size_t i = 0; i < cols; ++i) states[s * cols + i] = encodeResidue(row[i]);
    }
    return encodedFromStates(std::move(states), rows, cols);
}

}  // namespace axs::coevolution
