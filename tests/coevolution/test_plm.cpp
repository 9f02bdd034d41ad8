// Pseudo-likelihood Potts model: objective against its definition, analytic gradient
// against finite differences, float vs double, row merging, and recovery of couplings
// planted in a model we sample from ourselves.
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <set>

#include "coevolution/encoding.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/plm_objective.hpp"
#include "coevolution/potts_layout.hpp"
#include "common/error.hpp"

using namespace axs;
using namespace axs::coevolution;

namespace {

EncodedMsa randomMsa(size_t rows, size_t cols, unsigned seed, int states = kStates) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> st(0, states - 1);
    std::vector<uint8_t> x(rows * cols);
    for (auto& v : x) v = static_cast<uint8_t>(st(rng));
    return encodedFromStates(std::move(x), rows, cols);
}

std::vector<double> randomParameters(const PottsLayout& layout, unsigned seed, double scale) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> n(0.0, scale);
    std::vector<double> x(layout.size());
    for (auto& v : x) v = n(rng);
    return x;
}

double coupling(const PottsLayout& layout, const std::vector<double>& x, size_t i, size_t j, int a, int b) {
    return i < j ? x[layout.block(i, j) + a * kStates + b] : x[layout.block(j, i) + b * kStates + a];
}

// The objective of plm_objective.hpp written out term by term.
double directObjective(const EncodedMsa& e, const std::vector<double>& w, const std::vector<double>& x,
                       double lambdaSingle, double lambdaPair) {
    const PottsLayout layout{e.cols};
    double f = 0;
    for (size_t s = 0; s < e.rows; ++s) {
        for (size_t i = 0; i < e.cols; ++i) {
            double energy[kStates];
            for (int a = 0; a < kStates; ++a) {
                energy[a] = a < kAminoAcids ? x[layout.field(i, static_cast<size_t>(a))] : 0.0;
                for (size_t j = 0; j < e.cols; ++j)
                    if (j != i) energy[a] += coupling(layout, x, i, j, a, e.at(s, j));
            }
            double z = 0;
            for (double v : energy) z += std::exp(v);
            f += w[s] * (std::log(z) - energy[e.at(s, i)]);
        }
    }
    for (size_t k = 0; k < layout.size(); ++k) f += (k < layout.fieldCount() ? lambdaSingle : lambdaPair) * x[k] * x[k];
    return f;
}

// Gibbs sampling from a Potts model with the given fields (L x 21) and couplings (full layout
// blocks, gap state included in fields). One chain, seeded.
EncodedMsa gibbsSample(size_t cols, const std::vector<double>& fields, const PottsLayout& layout,
                       const std::vector<double>& x, size_t samples, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> st(0, kStates - 1);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> seq(cols);
    for (auto& v : seq) v = static_cast<uint8_t>(st(rng));
    auto sweep = [&] {
        for (size_t i = 0; i < cols; ++i) {
            double p[kStates], total = 0;
            for (int a = 0; a < kStates; ++a) {
                double e = fields[i * kStates + a];
                for (size_t j = 0; j < cols; ++j)
                    if (j != i) e += coupling(layout, x, i, j, a, seq[j]);
                p[a] = std::exp(e);
                total += p[a];
            }
            double r = u(rng) * total;
            int a = 0;
            while (a < kStates - 1 && r >= p[a]) r -= p[a++];
            seq[i] = static_cast<uint8_t>(a);
        }
    };
    for (int k = 0; k < 200; ++k) sweep();
    std::vector<uint8_t> out;
    for (size_t s = 0; s < samples; ++s) {
        for (int k = 0; k < 3; ++k) sweep();
        out.insert(out.end(), seq.begin(), seq.end());
    }
    return encodedFromStates(std::move(out), samples, cols);
}

}  // namespace

class TestPlm : public QObject {
    Q_OBJECT
private slots:
    void objectiveMatchesDefinition_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("blockRows");
        QTest::newRow("one block, 1 thread") << 9 << 1 << 256;
        QTest::newRow("one block, 2 threads") << 9 << 2 << 256;
        QTest::newRow("row by row, 2 threads") << 9 << 2 << 1;
        QTest::newRow("three blocks, 2 threads") << 150 << 2 << 64;
    }
    void objectiveMatchesDefinition() {
        QFETCH(int, rows);
        QFETCH(int, threads);
        QFETCH(int, blockRows);
        const EncodedMsa e = randomMsa(static_cast<size_t>(rows), 5, 7);
        std::vector<double> w(e.rows);
        for (size_t s = 0; s < w.size(); ++s) w[s] = 0.25 + 0.1 * static_cast<double>(s % 7);
        PlmObjectiveSettings settings{0.01, 0.8, threads, static_cast<size_t>(blockRows)};
        PlmObjective<double> objective(e, w, settings);
        const std::vector<double> x = randomParameters(objective.layout(), 3, 0.3);
        std::vector<double> g(x.size());
        const double f = objective.evaluate(x.data(), g.data());
        const double expected = directObjective(e, w, x, 0.01, 0.8);
        QVERIFY2(std::abs(f - expected) < 1e-10 * std::abs(expected),
                 qPrintable(QString("%1 vs %2").arg(f).arg(expected)));
    }

    // One thread: thousands of tiny evaluations would mostly measure OpenMP wake-ups on a
    // busy machine; threadsAgree covers the parallel path.
    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("blockRows");
        QTest::newRow("one block") << 9 << 256;
        QTest::newRow("three blocks") << 150 << 64;
    }
    void gradientMatchesFiniteDifferences() {
        QFETCH(int, rows);
        QFETCH(int, blockRows);
        const int threads = 1;
        const EncodedMsa e = randomMsa(static_cast<size_t>(rows), 5, 11, 6);  // few states: couplings are exercised
        std::vector<double> w(e.rows);
        for (size_t s = 0; s < w.size(); ++s) w[s] = 1.0 / (1.0 + static_cast<double>(s % 3));
        PlmObjective<double> objective(e, w, PlmObjectiveSettings{0.01, 0.8, threads, static_cast<size_t>(blockRows)});
        std::vector<double> x = randomParameters(objective.layout(), 5, 0.3);
        std::vector<double> g(x.size()), scratch(x.size());
        objective.evaluate(x.data(), g.data());
        // Every field, every coupling of two pairs (one each way round the padding of the
        // transposed blocks), and 300 random coordinates elsewhere.
        const PottsLayout& layout = objective.layout();
        std::vector<size_t> coords;
        for (size_t k = 0; k < layout.fieldCount(); ++k) coords.push_back(k);
        for (size_t k = 0; k < PottsLayout::kBlockSize; ++k) {
            coords.push_back(layout.block(0, 4) + k);
            coords.push_back(layout.block(2, 3) + k);
        }
        std::mt19937 rng(99);
        std::uniform_int_distribution<size_t> any(0, x.size() - 1);
        for (int k = 0; k < 300; ++k) coords.push_back(any(rng));
        const double h = 1e-5;
        double worst = 0;
        for (const size_t k : coords) {
            const double keep = x[k];
            x[k] = keep + h;
            const double fPlus = objective.evaluate(x.data(), scratch.data());
            x[k] = keep - h;
            const double fMinus = objective.evaluate(x.data(), scratch.data());
            x[k] = keep;
            const double fd = (fPlus - fMinus) / (2 * h);
            worst = std::max(worst, std::abs(fd - g[k]) / std::max(1.0, std::abs(g[k])));
        }
        QVERIFY2(worst < 1e-6, qPrintable(QString("worst relative gradient error %1").arg(worst)));
        QVERIFY(*std::max_element(g.begin(), g.end()) > 0.1);  // not trivially zero
    }

    void threadsAgree() {
        const EncodedMsa e = randomMsa(150, 7, 23);
        const std::vector<double> w(e.rows, 0.5);
        PlmObjective<double> one(e, w, PlmObjectiveSettings{0.01, 0.8, 1, 64});
        PlmObjective<double> two(e, w, PlmObjectiveSettings{0.01, 0.8, 2, 64});
        const std::vector<double> x = randomParameters(one.layout(), 8, 0.3);
        std::vector<double> g1(x.size()), g2(x.size());
        const double f1 = one.evaluate(x.data(), g1.data());
        const double f2 = two.evaluate(x.data(), g2.data());
        QVERIFY(std::abs(f1 - f2) < 1e-12 * std::abs(f1));
        for (size_t k = 0; k < x.size(); ++k) QVERIFY(std::abs(g1[k] - g2[k]) < 1e-12 * std::max(1.0, std::abs(g1[k])));
    }

    void floatAgreesWithDouble() {
        const EncodedMsa e = randomMsa(300, 12, 13);
        const std::vector<double> w(e.rows, 0.7);
        const PlmObjectiveSettings settings{0.01, 2.2, 2, 100};
        PlmObjective<double> d(e, w, settings);
        PlmObjective<float> f(e, w, settings);
        const std::vector<double> x = randomParameters(d.layout(), 9, 0.2);
        std::vector<float> xf(x.begin(), x.end());
        std::vector<double> xd(xf.begin(), xf.end());  // the same point in both precisions
        std::vector<double> gd(x.size());
        std::vector<float> gf(x.size());
        const double fd = d.evaluate(xd.data(), gd.data());
        const double ff = f.evaluate(xf.data(), gf.data());
        QVERIFY(std::abs(fd - ff) < 1e-5 * std::abs(fd));
        double gmax = 0, err = 0;
        for (size_t k = 0; k < gd.size(); ++k) {
            gmax = std::max(gmax, std::abs(gd[k]));
            err = std::max(err, std::abs(gd[k] - gf[k]));
        }
        QVERIFY2(err < 1e-5 * gmax, qPrintable(QString("float gradient error %1 of %2").arg(err).arg(gmax)));
    }

    void identicalRowsMerge() {
        // Rows 0, 2 and 5 are identical: merging them (weights add) must not change F or dF.
        EncodedMsa e = randomMsa(6, 4, 17);
        std::copy_n(e.byRow.begin(), 4, e.byRow.begin() + 8);
        std::copy_n(e.byRow.begin(), 4, e.byRow.begin() + 20);
        e = encodedFromStates(e.byRow, 6, 4);
        const std::vector<double> w{0.5, 1.0, 0.25, 1.0, 0.75, 0.125};
        PlmObjective<double> full(e, w, PlmObjectiveSettings{0.01, 0.6, 1, 256});
        QCOMPARE(full.uniqueRows(), size_t(4));
        const std::vector<double> x = randomParameters(full.layout(), 21, 0.4);
        std::vector<double> g(x.size());
        const double f = full.evaluate(x.data(), g.data());
        QVERIFY(std::abs(f - directObjective(e, w, x, 0.01, 0.6)) < 1e-10 * std::abs(f));
    }

    void rejectsBadInput() {
        const EncodedMsa one = randomMsa(5, 1, 1);
        QVERIFY_THROWS_EXCEPTION(Error, PlmObjective<double>(one, std::vector<double>(5, 1.0), {}));
        const EncodedMsa e = randomMsa(5, 3, 1);
        QVERIFY_THROWS_EXCEPTION(Error, PlmObjective<double>(e, std::vector<double>(4, 1.0), {}));
        QVERIFY_THROWS_EXCEPTION(Error, PlmObjective<double>(e, std::vector<double>(5, 0.0), {}));
        QVERIFY_THROWS_EXCEPTION(Error, PlmObjective<double>(e, std::vector<double>(5, -1.0), {}));
        PlmOptions bad;
        bad.maxIterations = 0;
        QVERIFY_THROWS_EXCEPTION(Error, runPlm(e, bad));
    }

    void recoversPlantedCouplings_data() {
        QTest::addColumn<int>("precision");
        QTest::newRow("float") << int(PlmPrecision::Float);
        QTest::newRow("double") << int(PlmPrecision::Double);
    }
    void recoversPlantedCouplings() {
        QFETCH(int, precision);
        const size_t L = 12;
        const PottsLayout layout{L};
        std::mt19937 rng(42);
        std::normal_distribution<double> n(0.0, 0.8);
        std::vector<double> fields(L * kStates);
        for (auto& v : fields) v = n(rng);
        std::vector<double> x(layout.size(), 0.0);
        const std::set<std::pair<size_t, size_t>> planted{{0, 6}, {2, 9}, {4, 11}, {5, 7}};
        for (const auto& [i, j] : planted)
            for (int a = 0; a < kStates; ++a) x[layout.block(i, j) + a * kStates + (a * 7 + 3) % kStates] = 2.5;
        const EncodedMsa e = gibbsSample(L, fields, layout, x, 1500, 7);

        PlmOptions options;
        options.precision = static_cast<PlmPrecision>(precision);
        options.threads = 2;
        std::vector<double> fractions;
        Progress progress;
        progress.report = [&](double f, const std::string&) { fractions.push_back(f); };
        const PlmResult r = runPlm(e, options, progress);
        QCOMPARE(r.stopReason, std::string("converged"));
        QVERIFY(r.iterations > 3);
        QVERIFY(r.evaluations >= r.iterations);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.size(), size_t(r.iterations) + 2);  // weights, iterations, done

        std::vector<std::tuple<double, size_t, size_t>> ranked;
        for (size_t i = 0; i < L; ++i)
            for (size_t j = i + 1; j < L; ++j) ranked.emplace_back(r.scores(Eigen::Index(i), Eigen::Index(j)), i, j);
        std::sort(ranked.rbegin(), ranked.rend());
        std::set<std::pair<size_t, size_t>> top;
        for (size_t k = 0; k < planted.size(); ++k) top.emplace(std::get<1>(ranked[k]), std::get<2>(ranked[k]));
        QCOMPARE(top, planted);
        // ... by a clear margin over the best unplanted pair.
        QVERIFY(std::get<0>(ranked[planted.size() - 1]) > 2 * std::get<0>(ranked[planted.size()]));
    }

    void cancels() {
        const EncodedMsa e = randomMsa(200, 10, 3);
        std::atomic<bool> cancel{false};
        Progress progress;
        progress.cancel = &cancel;
        progress.report = [&](double f, const std::string&) {
            if (f > 0) cancel = true;  // cancel after the first iteration
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, runPlm(e, {}, progress));
    }
};

QTEST_APPLESS_MAIN(TestPlm)
#include "test_plm.moc"
