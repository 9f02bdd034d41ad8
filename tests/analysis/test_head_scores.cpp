// analysis/head_scores: every head's precision must equal a computation written out here
// from the definitions (spec §5.11 steps 2, 4, 5 and the notebook's top-k rule), on a
// synthetic attention stack whose heads carry different amounts of contact signal and a
// truth map with unknown positions and unknown pairs. Plus shapes, errors, ranking and CSV.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>

#include "analysis/head_scores.hpp"
#include "common/error.hpp"

using axs::ContactRange;
using axs::TensorF;
using axs::TensorI64;

Q_DECLARE_METATYPE(ContactRange)

namespace {

constexpr int64_t kLayers = 2, kHeads = 3, kT = 40, kC = kT + 1;
constexpr int64_t kUnknownA = 5, kUnknownB = 17;  // positions without coordinates

/// Symmetric truth: random contacts, two positions without coordinates (whole row and
/// column -1, diagonal -1) and a few unknown pairs between known positions.
TensorI64 syntheticTruth() {
    std::mt19937 rng(7);
    std::bernoulli_distribution contact(0.2);
    TensorI64 t({kT, kT});
    for (int64_t i = 0; i < kT; ++i) {
        t.at(i, i) = 1;
        for (int64_t j = i + 1; j < kT; ++j) t.at(i, j) = t.at(j, i) = contact(rng) ? 1 : 0;
    }
    for (int64_t p : {kUnknownA, kUnknownB})
        for (int64_t q = 0; q < kT; ++q) t.at(p, q) = t.at(q, p) = -1;
    for (auto [i, j] : {std::pair<int64_t, int64_t>{0, 30}, {3, 9}, {10, 14}, {20, 39}}) t.at(i, j) = t.at(j, i) = -1;
    return t;
}

/// 1 x L x H x C x C, rows summing to 1 like softmax output; head f = layer*H + head gets
/// contact signal of strength f, so the heads range from noise to good predictors.
TensorF syntheticAttention(const TensorI64& truth) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> noise(0.f, 1.f);
    TensorF a({1, kLayers, kHeads, kC, kC});
    for (int64_t l = 0; l < kLayers; ++l)
        for (int64_t h = 0; h < kHeads; ++h) {
            const float signal = 0.35f * static_cast<float>(l * kHeads + h);
            for (int64_t i = 0; i < kC; ++i) {
                float sum = 0;
                for (int64_t j = 0; j < kC; ++j) {
                    float v = noise(rng);
                    if (i > 0 && j > 0 && truth.at(i - 1, j - 1) == 1 && i != j) v += signal;
                    a.at(0, l, h, i, j) = v;
                    sum += v;
                }
                for (int64_t j = 0; j < kC; ++j) a.at(0, l, h, i, j) /= sum;
            }
        }
    return a;
}

/// Spec §5.11 steps 2, 4, 5 in double: drop <cls>, S = A + A^T, APC.
std::vector<double> directApc(const TensorF& a, int64_t l, int64_t h) {
    std::vector<double> s(kT * kT), row(kT, 0.0);
    for (int64_t i = 0; i < kT; ++i)
        for (int64_t j = 0; j < kT; ++j) {
            s[i * kT + j] = double(a.at(0, l, h, i + 1, j + 1)) + double(a.at(0, l, h, j + 1, i + 1));
            row[i] += s[i * kT + j];
        }
    double total = 0;
    for (double r : row) total += r;
    for (int64_t i = 0; i < kT; ++i)
        for (int64_t j = 0; j < kT; ++j) s[i * kT + j] -= row[i] * row[j] / total;  // S symmetric: colsum = rowsum
    return s;
}

/// The notebook's rule: pairs i<j in the separation range between positions with
/// coordinates, unknown pairs dropped, ranked by score (ties: row-major), precision of the
/// top floor(tenths/10 * Lc), missing pairs counting as wrong.
double directPrecision(const std::vector<double>& score, const TensorI64& truth, int minSep, int maxSep, int tenths) {
    int64_t lc = 0;
    for (int64_t p = 0; p < kT; ++p) lc += truth.at(p, p) >= 0;
    struct Pair {
        double score;
        bool contact;
    };
    std::vector<Pair> pairs;
    for (int64_t i = 0; i < kT; ++i)
        for (int64_t j = i + 1; j < kT; ++j) {
            const int64_t sep = j - i;
            if (sep < minSep || (maxSep > 0 && sep >= maxSep)) continue;
            if (truth.at(i, i) < 0 || truth.at(j, j) < 0 || truth.at(i, j) < 0) continue;
            pairs.push_back({score[i * kT + j], truth.at(i, j) == 1});
        }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.score > y.score; });
    const int64_t k = lc * tenths / 10;
    if (k == 0) return std::numeric_limits<double>::quiet_NaN();
    int64_t good = 0;
    for (int64_t n = 0; n < k && n < int64_t(pairs.size()); ++n) good += pairs[n].contact;
    return double(good) / double(k);
}

std::vector<QByteArray> csvLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    std::vector<QByteArray> lines;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.isEmpty()) lines.push_back(line);
    return lines;
}

}  // namespace

class TestHeadScores : public QObject {
    Q_OBJECT
private slots:
    void equalsDirectComputation_data() {
        QTest::addColumn<ContactRange>("range");
        QTest::addColumn<int>("minSep");
        QTest::addColumn<int>("maxSep");
        QTest::addColumn<int>("tenths");
        QTest::newRow("long P@L") << ContactRange::Long << 24 << 0 << 10;
        QTest::newRow("long P@L/2") << ContactRange::Long << 24 << 0 << 5;
        QTest::newRow("long P@L/5") << ContactRange::Long << 24 << 0 << 2;
        QTest::newRow("medium P@L") << ContactRange::Medium << 12 << 24 << 10;
        QTest::newRow("short P@L/2") << ContactRange::Short << 6 << 12 << 5;
        QTest::newRow("local P@L/5") << ContactRange::Local << 3 << 6 << 2;
    }
    void equalsDirectComputation() {
        QFETCH(ContactRange, range);
        QFETCH(int, minSep);
        QFETCH(int, maxSep);
        QFETCH(int, tenths);
        const TensorI64 truth = syntheticTruth();
        const TensorF att = syntheticAttention(truth);
        axs::HeadScoreOptions o;
        o.range = range;
        o.fraction = tenths / 10.0;
        const axs::HeadScores s = axs::scoreHeads(att, truth, o);
        QCOMPARE(s.layers, kLayers);
        QCOMPARE(s.heads, kHeads);
        QCOMPARE(s.precision.size(), size_t(kLayers * kHeads));
        QCOMPARE(s.topK, size_t((kT - 2) * tenths / 10));
        double lowest = 1, highest = 0;
        for (int64_t l = 0; l < kLayers; ++l)
            for (int64_t h = 0; h < kHeads; ++h) {
                const double expected = directPrecision(directApc(att, l, h), truth, minSep, maxSep, tenths);
                QVERIFY2(s.at(l, h) == expected,
                         qPrintable(
                             QString("layer %1 head %2: %3, expected %4").arg(l).arg(h).arg(s.at(l, h)).arg(expected)));
                QCOMPARE(s.precision[size_t(l * kHeads + h)], s.at(l, h));
                lowest = std::min(lowest, expected);
                highest = std::max(highest, expected);
            }
        // The synthetic heads must differ, or equality above would prove little.
        QVERIFY2(highest - lowest >= 0.2, qPrintable(QString("precisions span only %1..%2").arg(lowest).arg(highest)));
    }

    void mapEqualsDirectApc() {
        const TensorI64 truth = syntheticTruth();
        const TensorF att = syntheticAttention(truth);
        for (int64_t l = 0; l < kLayers; ++l)
            for (int64_t h = 0; h < kHeads; ++h) {
                const TensorF map = axs::headContactMap(att, l, h);
                QCOMPARE(map.shape, (std::vector<int64_t>{kT, kT}));
                const std::vector<double> expected = directApc(att, l, h);
                for (int64_t i = 0; i < kT * kT; ++i)
                    QVERIFY2(std::abs(map.data[i] - expected[i]) <= 1e-6 * (1 + std::abs(expected[i])),
                             qPrintable(QString("layer %1 head %2 entry %3: %4 vs %5")
                                            .arg(l)
                                            .arg(h)
                                            .arg(i)
                                            .arg(map.data[i])
                                            .arg(expected[i])));
                for (int64_t i = 0; i < kT; ++i)
                    for (int64_t j = 0; j < kT; ++j) QCOMPARE(map.at(i, j), map.at(j, i));
            }
    }

    void unbatchedAndThreadsGiveTheSame() {
        const TensorI64 truth = syntheticTruth();
        TensorF att = syntheticAttention(truth);
        axs::HeadScoreOptions one;
        one.threads = 1;
        axs::HeadScoreOptions two;
        two.threads = 2;
        const axs::HeadScores a = axs::scoreHeads(att, truth, one);
        att.shape.erase(att.shape.begin());  // L x H x C x C
        const axs::HeadScores b = axs::scoreHeads(att, truth, two);
        QCOMPARE(b.precision, a.precision);
    }

    void noCoordinatesGivesNaN() {
        TensorI64 truth({kT, kT}, -1);
        const axs::HeadScores s = axs::scoreHeads(syntheticAttention(syntheticTruth()), truth);
        QCOMPARE(s.topK, size_t(0));
        for (double p : s.precision) QVERIFY(std::isnan(p));
    }

    void cancelled() {
        std::atomic<bool> cancel{true};
        axs::Progress progress;
        progress.cancel = &cancel;
        const TensorI64 truth = syntheticTruth();
        QVERIFY_THROWS_EXCEPTION(axs::Cancelled, axs::scoreHeads(syntheticAttention(truth), truth, {}, progress));
    }

    void progressOncePerLayer() {
        const TensorI64 truth = syntheticTruth();
        std::vector<double> seen;
        axs::Progress progress;
        progress.report = [&](double f, const std::string&) { seen.push_back(f); };
        axs::scoreHeads(syntheticAttention(truth), truth, {}, progress);
        QCOMPARE(seen, (std::vector<double>{0.5, 1.0}));
    }

    void badInput_data() {
        QTest::addColumn<std::vector<int64_t>>("attentionShape");
        QTest::addColumn<int64_t>("truthSize");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("truth for another query")
            << std::vector<int64_t>{1, 2, 3, kC, kC} << int64_t(kT + 3) << 1.0 << "another query";
        QTest::newRow("rank 3") << std::vector<int64_t>{3, kC, kC} << kT << 1.0 << "1 x L x H x C x C";
        QTest::newRow("two MSAs") << std::vector<int64_t>{2, 2, 3, kC, kC} << kT << 1.0 << "one MSA";
        QTest::newRow("not square") << std::vector<int64_t>{1, 2, 3, kC, kC + 1} << kT << 1.0 << "square";
        QTest::newRow("only <cls>") << std::vector<int64_t>{1, 2, 3, 1, 1} << int64_t(0) << 1.0 << "C >= 2";
        QTest::newRow("fraction 0") << std::vector<int64_t>{1, 2, 3, kC, kC} << kT << 0.0 << "(0, 1]";
        QTest::newRow("fraction 1.5") << std::vector<int64_t>{1, 2, 3, kC, kC} << kT << 1.5 << "(0, 1]";
        QTest::newRow("fraction NaN") << std::vector<int64_t>{1, 2, 3, kC, kC} << kT
                                      << std::numeric_limits<double>::quiet_NaN() << "(0, 1]";
    }
    void badInput() {
        QFETCH(std::vector<int64_t>, attentionShape);
        QFETCH(int64_t, truthSize);
        QFETCH(double, fraction);
        QFETCH(QString, messagePart);
        const TensorF att(attentionShape, 0.1f);
        const TensorI64 truth({truthSize, truthSize}, 0);
        axs::HeadScoreOptions o;
        o.fraction = fraction;
        try {
            axs::scoreHeads(att, truth, o);
            QFAIL("no error");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).contains(messagePart), e.what());
        }
    }

    void headOutOfRange() {
        const TensorF att = syntheticAttention(syntheticTruth());
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::headContactMap(att, kLayers, 0));
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::headContactMap(att, 0, kHeads));
        QVERIFY_THROWS_EXCEPTION(axs::Error, axs::headContactMap(att, -1, 0));
    }

    void ranking() {
        axs::HeadScores s;
        s.layers = 2;
        s.heads = 3;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s.precision = {0.25, nan, 0.5, 0.25, 0.75, nan};
        QCOMPARE(s.rankedByPrecision(), (std::vector<size_t>{4, 2, 0, 3, 1, 5}));
    }

    void csv() {
        const TensorI64 truth = syntheticTruth();
        const axs::HeadScores s = axs::scoreHeads(syntheticAttention(truth), truth);
        const std::vector<float> weights = {0.5f, -0.125f, 0.f, 1.f / 3.f, 7.25f, -2.f};
        QTemporaryDir dir;
        const QString path = dir.filePath("heads.csv");
        axs::writeHeadScoresCsv(path.toStdString(), s, weights);
        const std::vector<QByteArray> lines = csvLines(path);
        QCOMPARE(lines.size(), size_t(kLayers * kHeads + 1));
        QCOMPARE(lines[0], QByteArray("layer,head,precision,regression_weight"));
        for (int64_t f = 0; f < kLayers * kHeads; ++f) {
            const QList<QByteArray> cells = lines[size_t(f + 1)].split(',');
            QCOMPARE(cells.size(), 4);
            QCOMPARE(cells[0].toLongLong(), f / kHeads);  // 0-based, layer-major
            QCOMPARE(cells[1].toLongLong(), f % kHeads);
            QCOMPARE(cells[2].toDouble(), s.precision[size_t(f)]);  // exact round trip
            QCOMPARE(cells[3].toFloat(), weights[size_t(f)]);
        }
    }

    void csvWithoutRegressionAndWithNaN() {
        axs::HeadScores s;
        s.layers = 1;
        s.heads = 2;
        s.precision = {std::numeric_limits<double>::quiet_NaN(), 0.1};
        QTemporaryDir dir;
        const QString path = dir.filePath("heads.csv");
        axs::writeHeadScoresCsv(path.toStdString(), s, {});
        const std::vector<QByteArray> lines = csvLines(path);
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines[1], QByteArray("0,0,nan,"));
        QCOMPARE(lines[2], QByteArray("0,1,0.10000000000000001,"));
    }

    void csvErrors() {
        const TensorI64 truth = syntheticTruth();
        const axs::HeadScores s = axs::scoreHeads(syntheticAttention(truth), truth);
        QTemporaryDir dir;
        const QString path = dir.filePath("heads.csv");
        try {
            axs::writeHeadScoresCsv(path.toStdString(), s, std::vector<float>(5, 0.f));
            QFAIL("no error for 5 weights and 6 heads");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).contains(path), e.what());
        }
        QVERIFY(!QFile::exists(path));
        const QString missing = dir.filePath("no/such/dir/heads.csv");
        try {
            axs::writeHeadScoresCsv(missing.toStdString(), s, {});
            QFAIL("no error for a missing directory");
        } catch (const axs::Error& e) {
            QVERIFY2(QString(e.what()).contains(missing), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestHeadScores)
#include "test_head_scores.moc"
