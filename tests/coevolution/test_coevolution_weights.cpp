// Encoding to 21 states and CCMpred's 80 % identity reweighting.
#include <QTest>
#include <random>

#include "coevolution/encoding.hpp"
#include "coevolution/reweighting.hpp"
#include "common/error.hpp"

using namespace axs;
using namespace axs::coevolution;

namespace {

Msa makeMsa(const QStringList& rows) {
    Msa m;
    for (const QString& r : rows) {
        m.rows.push_back(r.toStdString());
        m.names.emplace_back();
    }
    return m;
}

// Direct transcription of the definition in reweighting.hpp, for comparison.
std::vector<double> referenceWeights(const EncodedMsa& e, double threshold) {
    const size_t cutoff = static_cast<size_t>(std::ceil(threshold * static_cast<double>(e.cols) - 1e-9));
    std::vector<double> w(e.rows);
    for (size_t s = 0; s < e.rows; ++s) {
        size_t similar = 0;
        for (size_t t = 0; t < e.rows; ++t) {
            size_t ids = 0;
            for (size_t i = 0; i < e.cols; ++i) ids += e.at(s, i) == e.at(t, i);
            similar += ids > cutoff || s == t;
        }
        w[s] = 1.0 / static_cast<double>(similar);
    }
    return w;
}

}  // namespace

class TestCoevolutionWeights : public QObject {
    Q_OBJECT
private slots:
    void encodesCcmpredAlphabet() {
        const std::string letters = "ARNDCQEGHILKMFPSTWYV";
        for (size_t k = 0; k < letters.size(); ++k) {
            QCOMPARE(int(encodeResidue(letters[k])), int(k));
            QCOMPARE(int(encodeResidue(static_cast<char>(std::tolower(letters[k])))), int(k));
        }
        for (char c : std::string("-.XBZJUOxbz*1 ")) QCOMPARE(int(encodeResidue(c)), kGapState);
        QCOMPARE(std::string(kStateLetters).size(), size_t(kStates));
    }

    void encodesBothLayouts() {
        const EncodedMsa e = encodeMsa(makeMsa({"AR-", "VXC"}));
        QCOMPARE(e.rows, size_t(2));
        QCOMPARE(e.cols, size_t(3));
        QCOMPARE(e.byRow, (std::vector<uint8_t>{0, 1, 20, 19, 20, 4}));
        QCOMPARE(e.byColumn, (std::vector<uint8_t>{0, 19, 1, 20, 20, 4}));
    }

    void rejectsBadAlignments() {
        QVERIFY_THROWS_EXCEPTION(Error, encodeMsa(Msa{}));
        QVERIFY_THROWS_EXCEPTION(Error, encodeMsa(makeMsa({"AAA", "AA"})));
        QVERIFY_THROWS_EXCEPTION(Error, sequenceWeights(encodeMsa(makeMsa({"AAAAA"})), 0.0));
        QVERIFY_THROWS_EXCEPTION(Error, sequenceWeights(encodeMsa(makeMsa({"AAAAA"})), 1.5));
    }

    void identityCutoffRoundsUp_data() {
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("cutoff");
        QTest::newRow("exact 0.8*50") << 50 << 40;
        QTest::newRow("exact 0.8*75") << 75 << 60;
        QTest::newRow("146.4 -> 147") << 183 << 147;
        QTest::newRow("8.8 -> 9") << 11 << 9;
    }
    void identityCutoffRoundsUp() {
        QFETCH(int, columns);
        QFETCH(int, cutoff);
        QCOMPARE(identityCutoff(static_cast<size_t>(columns), 0.8), static_cast<size_t>(cutoff));
    }

    // L = 10: cutoff ceil(8) = 8, so two rows are similar when they share >= 9 columns.
    void handComputedWeights_data() {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QList<double>>("weights");
        QTest::newRow("three identical + one other")
            << QStringList{"AAAAAAAAAA", "AAAAAAAAAA", "AAAAAAAAAA", "CCCCCCCCCC"}
            << QList<double>{1. / 3, 1. / 3, 1. / 3, 1};
        QTest::newRow("9 of 10 identical is similar")
            << QStringList{"AAAAAAAAAA", "AAAAAAAAAC"} << QList<double>{0.5, 0.5};
        QTest::newRow("8 of 10 (exactly 80%) is not") << QStringList{"AAAAAAAAAA", "AAAAAAAACC"} << QList<double>{1, 1};
        QTest::newRow("gap = gap counts as identical")
            << QStringList{"-----AAAAA", "-----AAAAC"} << QList<double>{0.5, 0.5};
        QTest::newRow("X B Z J U O are gaps")
            << QStringList{"XBZJUAAAAA", "-----AAAAA", "O.---AAAAA"} << QList<double>{1. / 3, 1. / 3, 1. / 3};
        QTest::newRow("not transitive") << QStringList{"AAAAAAAAAA", "AAAAAAAAAC", "AAAAAAAACC"}
                                        << QList<double>{0.5, 1. / 3, 0.5};
        QTest::newRow("single row") << QStringList{"ACDEFGHIKL"} << QList<double>{1};
    }
    void handComputedWeights() {
        QFETCH(QStringList, rows);
        QFETCH(QList<double>, weights);
        const EncodedMsa e = encodeMsa(makeMsa(rows));
        for (int threads : {1, 2}) {
            const std::vector<double> w = sequenceWeights(e, 0.8, threads);
            QCOMPARE(w.size(), size_t(weights.size()));
            for (size_t s = 0; s < w.size(); ++s) QCOMPARE(w[s], weights[int(s)]);
        }
        double sum = 0;
        for (double v : weights) sum += v;
        QCOMPARE(effectiveSequences(sequenceWeights(e, 0.8)), sum);
    }

    void thresholdOneIsUniform() {
        const std::vector<double> w = sequenceWeights(encodeMsa(makeMsa({"AAAAA", "AAAAA"})), 1.0);
        QCOMPARE(w, (std::vector<double>{1.0, 1.0}));
    }

    void shortRowsStillCountThemselves() {
        // L = 4: ceil(3.2) = 4 identical columns needed, more than any pair can share.
        const std::vector<double> w = sequenceWeights(encodeMsa(makeMsa({"AAAA", "AAAA"})), 0.8);
        QCOMPARE(w, (std::vector<double>{1.0, 1.0}));
    }

    // Random alignments of widths around the 64-byte padding boundary, mutated copies so
    // that many pairs sit near the cutoff; compared with the direct definition.
    void matchesDefinitionOnRandomAlignments_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<double>("threshold");
        QTest::newRow("60 x 7") << 60 << 7 << 0.8;
        QTest::newRow("80 x 63") << 80 << 63 << 0.8;
        QTest::newRow("80 x 64") << 80 << 64 << 0.8;
        QTest::newRow("80 x 130") << 80 << 130 << 0.8;
        QTest::newRow("50 x 100 at 62%") << 50 << 100 << 0.62;
    }
    void matchesDefinitionOnRandomAlignments() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(double, threshold);
        std::mt19937 rng(1234u + static_cast<unsigned>(cols));
        std::uniform_int_distribution<int> state(0, kStates - 1), parent(0, 4);
        std::bernoulli_distribution mutate(0.12);
        std::vector<std::vector<uint8_t>> parents(5, std::vector<uint8_t>(static_cast<size_t>(cols)));
        for (auto& p : parents)
            for (auto& x : p) x = static_cast<uint8_t>(state(rng));
        std::vector<uint8_t> states;
        for (int s = 0; s < rows; ++s) {
            const auto& p = parents[static_cast<size_t>(parent(rng))];
            for (int i = 0; i < cols; ++i)
                states.push_back(mutate(rng) ? static_cast<uint8_t>(state(rng)) : p[static_cast<size_t>(i)]);
        }
        const EncodedMsa e = encodedFromStates(states, static_cast<size_t>(rows), static_cast<size_t>(cols));
        const std::vector<double> expected = referenceWeights(e, threshold);
        QVERIFY(*std::min_element(expected.begin(), expected.end()) < 0.5);  // clusters exist
        QCOMPARE(sequenceWeights(e, threshold, 1), expected);
        QCOMPARE(sequenceWeights(e, threshold, 2), expected);
    }
};

QTEST_APPLESS_MAIN(TestCoevolutionWeights)
#include "test_coevolution_weights.moc"
