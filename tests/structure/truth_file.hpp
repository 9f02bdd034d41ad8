// Reader for shared/data/derived/truth/<id>.cb8_contacts.tsv (written by make_truth.py),
// shared by the structure and metrics tests.
#pragma once

#include <QFile>
#include <QString>
#include <QStringList>
#include <set>
#include <string>
#include <vector>

#include "common/tensor.hpp"

namespace axs::test {

struct TruthFile {
    std::string sequence;   ///< "# target sequence:"
    int length = 0;         ///< "# target length L"
    std::set<int> missing;  ///< 1-based positions without coordinates
    struct Pair {
        int i, j;  ///< 1-based, i<j
        double d;  ///< printed with 3 decimals
    };
    std::vector<Pair> pairs;
    bool ok = false;

    /// T x T 1 / 0 / -1 with the diagonal 1 for known positions (metrics convention).
    TensorI64 contactMatrix() const {
        TensorI64 t({length, length}, 0);
        for (const Pair& p : pairs) t.at(p.i - 1, p.j - 1) = t.at(p.j - 1, p.i - 1) = 1;
        for (int p = 0; p < length; ++p) t.at(p, p) = 1;
        for (int m : missing)
            for (int k = 0; k < length; ++k) t.at(m - 1, k) = t.at(k, m - 1) = -1;
        return t;
    }
};

inline TruthFile readTruthFile(const QString& path) {
    TruthFile t;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return t;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith("# target length")) {
            t.length = line.section(':', 1).trimmed().toInt();
        } else if (line.startsWith("# target sequence:")) {
            t.sequence = line.section(':', 1).trimmed().toStdString();
        } else if (line.startsWith("# positions with coordinates")) {
            const QString tail = line.section("missing (1-based):", 1).trimmed();
            if (tail != "none")
                for (const QString& m : tail.split(',')) t.missing.insert(m.toInt());
        } else if (!line.isEmpty() && line[0].isDigit()) {
            const QStringList f3 = line.split('\t');
            t.pairs.push_back({f3[0].toInt(), f3[1].toInt(), f3[2].toDouble()});
        }
    }
    t.ok = t.length > 0 && static_cast<int>(t.sequence.size()) == t.length;
    return t;
}

}  // namespace axs::test
