// Zero-sum gauge and Frobenius scores, average product correction, mutual information.
#include <QTest>
#include <cmath>
#include <random>

#include "coevolution/apc.hpp"
#include "coevolution/coupling_scores.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/reweighting.hpp"
#include "common/error.hpp"

using namespace axs;
using namespace axs::coevolution;

namespace {

CouplingBlock randomBlock(unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> n(0.0, 1.0);
    CouplingBlock b;
    for (int a = 0; a < kStates; ++a)
        for (int c = 0; c < kStates; ++c) b(a, c) = n(rng);
    return b;
}

Msa makeMsa(const QStringList& rows) {
    Msa m;
    for (const QString& r : rows) m.rows.push_back(r.toStdString());
    return m;
}

}  // namespace

class TestCoevolutionScores : public QObject {
    Q_OBJECT
private slots:
    void gaugeSumsToZero_data() {
        QTest::addColumn<unsigned>("seed");
        for (unsigned seed : {1u, 2u, 3u}) QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }
    void gaugeSumsToZero() {
        QFETCH(unsigned, seed);
        const CouplingBlock block = randomBlock(seed);
        const CouplingBlock g = zeroSumGauge(block);
        QVERIFY(g.rowwise().sum().cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(g.colwise().sum().cwiseAbs().maxCoeff() < 1e-12);
        // The gauge only removes row and column terms: block - g is rank-2 of the form u 1' + 1 v'.
        const CouplingBlock diff = block - g;
        for (int a = 0; a < kStates; ++a)
            for (int b = 0; b < kStates; ++b)
                QVERIFY(std::abs(diff(a, b) - diff(a, 0) - diff(0, b) + diff(0, 0)) < 1e-12);
        QVERIFY((zeroSumGauge(g) - g).cwiseAbs().maxCoeff() < 1e-12);  // idempotent
    }

    void frobeniusIsGaugeInvariant_data() { gaugeSumsToZero_data(); }
    void frobeniusIsGaugeInvariant() {
        QFETCH(unsigned, seed);
        const CouplingBlock block = randomBlock(seed);
        std::mt19937 rng(seed + 100);
        std::normal_distribution<double> n(0.0, 3.0);
        CouplingBlock shifted = block;
        for (int a = 0; a < kStates; ++a) {
            const double u = n(rng);
            shifted.row(a).array() += u;  // a field term of column i
        }
        for (int b = 0; b < kStates; ++b) {
            const double v = n(rng);
            shifted.col(b).array() += v;  // a field term of column j
        }
        const double s = frobeniusScore(block);
        QVERIFY(s > 1.0);
        QVERIFY(std::abs(frobeniusScore(shifted) - s) < 1e-10 * s);
        // ... but not to a genuine coupling change.
        CouplingBlock changed = block;
        changed(3, 7) += 1.0;
        QVERIFY(std::abs(frobeniusScore(changed) - s) > 1e-3);
    }

    void frobeniusOfSingleEntry() {
        // J(0,0) = 1: gauged entries 400/441 at (0,0), -20/441 in row/column 0, 1/441 elsewhere;
        // over the 20 x 20 amino-acid part the norm is sqrt(400^2 + 38 * 20^2 + 361) / 441 = 419/441.
        CouplingBlock b = CouplingBlock::Zero();
        b(0, 0) = 1.0;
        QCOMPARE(frobeniusScore(b), 419.0 / 441.0);
        // A coupling of the gap state alone: only its gauge leakage reaches the 20 x 20 part.
        CouplingBlock gap = CouplingBlock::Zero();
        gap(kGapState, kGapState) = 1.0;
        QCOMPARE(frobeniusScore(gap), 20.0 / 441.0);  // all 400 entries become 1/441
    }

    void couplingScoresReadTheLayout() {
        PottsLayout layout{4};
        std::vector<double> x(layout.size(), 0.0);
        x[layout.block(1, 3) + 2 * kStates + 5] = 2.0;  // J_13(2,5)
        const Eigen::MatrixXd s = couplingScores(layout, x.data());
        QCOMPARE(s(1, 3), 2.0 * 419.0 / 441.0);
        QCOMPARE(s(3, 1), s(1, 3));
        QCOMPARE(s.sum(), 2 * s(1, 3));
    }

    void apcByHand_data() {
        QTest::addColumn<QList<double>>("input");
        QTest::addColumn<QList<double>>("expected");
        // S = [0 1 2; 1 0 3; 2 3 0]: row means (incl. the zero diagonal) 1, 4/3, 5/3; mean 4/3.
        QTest::newRow("3x3") << QList<double>{0, 1, 2, 1, 0, 3, 2, 3, 0}
                             << QList<double>{0, 0, 0.75, 0, 0, 4.0 / 3, 0.75, 4.0 / 3, 0};
        // Diagonal entries are ignored. S_ij = 1 everywhere else: row means 3/4, mean 3/4,
        // correction 3/4 * 3/4 / (3/4) = 3/4 -> 1/4 off the diagonal.
        QTest::newRow("constant 4x4 with diagonal")
            << QList<double>{9, 1, 1, 1, 1, 9, 1, 1, 1, 1, 9, 1, 1, 1, 1, 9}
            << QList<double>{0, .25, .25, .25, .25, 0, .25, .25, .25, .25, 0, .25, .25, .25, .25, 0};
        QTest::newRow("all zero") << QList<double>{0, 0, 0, 0} << QList<double>{0, 0, 0, 0};
    }
    void apcByHand() {
        QFETCH(QList<double>, input);
        QFETCH(QList<double>, expected);
        const auto n = static_cast<Eigen::Index>(std::lround(std::sqrt(input.size())));
        Eigen::MatrixXd s(n, n);
        for (Eigen::Index k = 0; k < n * n; ++k) s(k / n, k % n) = input[int(k)];
        const Eigen::MatrixXd out = averageProductCorrection(s);
        for (Eigen::Index k = 0; k < n * n; ++k) QVERIFY(std::abs(out(k / n, k % n) - expected[int(k)]) < 1e-12);
    }

    void miOfPerfectAndIndependentColumns() {
        // Columns 0 and 1 copy each other (A/C, half each): MI = log 2 without pseudocounts;
        // columns 0 and 2 are independent by construction: MI = 0.
        const EncodedMsa e = encodeMsa(makeMsa({"AAA", "AAC", "CCA", "CCC"}));
        const Eigen::MatrixXd mi = mutualInformation(e, {1, 1, 1, 1}, MiOptions{0.0, 1});
        QVERIFY(std::abs(mi(0, 1) - std::log(2.0)) < 1e-12);
        QVERIFY(std::abs(mi(0, 2)) < 1e-12);
        QCOMPARE(mi(1, 0), mi(0, 1));
        QCOMPARE(mi(0, 0), 0.0);
    }

    void miMatchesDirectFormula_data() {
        QTest::addColumn<double>("pseudocount");
        QTest::newRow("none") << 0.0;
        QTest::newRow("0.05") << 0.05;
        QTest::newRow("0.5") << 0.5;
    }
    void miMatchesDirectFormula() {
        QFETCH(double, pseudocount);
        const EncodedMsa e = encodeMsa(makeMsa({"ACDE-", "ACDEF", "GCD-F", "GHDXF", "AC-EF", "WCDEY"}));
        const std::vector<double> w = sequenceWeights(e, 0.8);
        double beff = 0;
        for (double v : w) beff += v;
        const Eigen::MatrixXd mi = mutualInformation(e, w, MiOptions{pseudocount, 2});
        const double q = kStates;
        for (size_t i = 0; i < e.cols; ++i) {
            for (size_t j = 0; j < e.cols; ++j) {
                if (i == j) continue;
                double expected = 0;
                for (int a = 0; a < kStates; ++a) {
                    for (int b = 0; b < kStates; ++b) {
                        double nij = 0, ni = 0, nj = 0;
                        for (size_t s = 0; s < e.rows; ++s) {
                            ni += w[s] * (e.at(s, i) == a);
                            nj += w[s] * (e.at(s, j) == b);
                            nij += w[s] * (e.at(s, i) == a && e.at(s, j) == b);
                        }
                        const double fij = (1 - pseudocount) * nij / beff + pseudocount / (q * q);
                        const double fi = (1 - pseudocount) * ni / beff + pseudocount / q;
                        const double fj = (1 - pseudocount) * nj / beff + pseudocount / q;
                        if (fij > 0) expected += fij * std::log(fij / (fi * fj));
                    }
                }
                QVERIFY2(std::abs(mi(Eigen::Index(i), Eigen::Index(j)) - expected) < 1e-12,
                         qPrintable(QString("pair %1,%2").arg(i).arg(j)));
            }
        }
    }

    void miRejectsBadInput() {
        const EncodedMsa e = encodeMsa(makeMsa({"AC", "AD"}));
        QVERIFY_THROWS_EXCEPTION(Error, mutualInformation(e, {1.0}));
        QVERIFY_THROWS_EXCEPTION(Error, mutualInformation(e, {0.0, 0.0}));
        QVERIFY_THROWS_EXCEPTION(Error, mutualInformation(e, {1.0, 1.0}, MiOptions{1.0, 0}));
    }
};

QTEST_APPLESS_MAIN(TestCoevolutionScores)
#include "test_coevolution_scores.moc"
