// Head scores: each head's symmetrised + APC row attention scored against a truth equals
// an independent computation; the view shows them beside the regression weights, emits
// headActivated on click and exports an atomic CSV.
#include <qcustomplot.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "heads/head_scores.hpp"
#include "heads/head_scores_view.hpp"
#include "plot/heatmap_widget.hpp"
#include "test_attention_fixture.hpp"

using namespace axs;
using namespace axs::ui;

namespace {
constexpr int T = 10;

/// Synthetic truth over the 10 query positions; position 2 has no coordinates.
QueryContactMap syntheticTruth() {
    QueryContactMap t;
    t.contacts = TensorI64({T, T}, 0);
    t.distances = TensorF({T, T}, 10.f);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) t.contacts.at(i, j) = (i == j || (i + j) % 3 == 0) ? 1 : 0;
    for (int p = 0; p < T; ++p) t.contacts.at(2, p) = t.contacts.at(p, 2) = -1;
    t.positionsWithCoordinates = T - 1;
    return t;
}

/// Independent precision: APC in double, own ranking, the notebook's k rule.
double directScore(const TensorF& rowAtt, int l, int h, const TensorI64& truth, int minSep, int maxSep, double f) {
    std::vector<double> S(T * T), row(T, 0), col(T, 0);
    double total = 0;
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) {
            const double s = double(rowAtt.at(0, l, h, i + 1, j + 1)) + double(rowAtt.at(0, l, h, j + 1, i + 1));
            S[i * T + j] = s;
            row[i] += s;
            col[j] += s;
            total += s;
        }
    struct P {
        double score;
        int64_t truth;
    };
    std::vector<P> cand;
    int Lc = 0;
    for (int p = 0; p < T; ++p) Lc += truth.at(p, p) >= 0;
    for (int i = 0; i < T; ++i)
        for (int j = i + minSep; j < T && (maxSep == 0 || j - i < maxSep); ++j)
            if (truth.at(i, i) >= 0 && truth.at(j, j) >= 0)
                cand.push_back({S[i * T + j] - row[i] * col[j] / total, truth.at(i, j)});
    std::stable_sort(cand.begin(), cand.end(), [](const P& a, const P& b) { return a.score > b.score; });
    const size_t k = size_t(std::floor(f * Lc + 1e-9));
    if (k == 0) return std::nan("");
    size_t tp = 0;
    for (size_t n = 0; n < std::min(k, cand.size()); ++n) tp += cand[n].truth == 1;
    return double(tp) / double(k);
}
}  // namespace

class TestHeadsScores : public QObject {
    Q_OBJECT
    RunResultPtr run_;
    QueryContactMap truth_ = syntheticTruth();

private slots:
    void initTestCase() { run_ = test::referenceRun(); }

    void scoresEqualDirectComputation_data() {
        QTest::addColumn<int>("range");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("minSep");
        QTest::addColumn<int>("maxSep");
        QTest::addRow("local L") << int(ContactRange::Local) << 1.0 << 3 << 6;
        QTest::addRow("local L/2") << int(ContactRange::Local) << 0.5 << 3 << 6;
        QTest::addRow("short L") << int(ContactRange::Short) << 1.0 << 6 << 12;
        QTest::addRow("short L/5") << int(ContactRange::Short) << 0.2 << 6 << 12;
    }
    void scoresEqualDirectComputation() {
        QFETCH(int, range);
        QFETCH(double, fraction);
        QFETCH(int, minSep);
        QFETCH(int, maxSep);
        const TensorD scores = headScoreGrid(run_->rowAttentions, truth_.contacts, {ContactRange(range), fraction});
        QCOMPARE(scores.shape, (std::vector<int64_t>{2, 4}));
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                const double expected =
                    directScore(run_->rowAttentions, l, h, truth_.contacts, minSep, maxSep, fraction);
                QCOMPARE(scores.at(l, h), expected);
            }
    }

    void longRangeWithoutPairsIsNotAnError() {
        // 10 positions have no pair 24 apart: every head scores 0 (k pairs asked, none exist)
        const TensorD scores = headScoreGrid(run_->rowAttentions, truth_.contacts, {ContactRange::Long, 1.0});
        for (double v : scores.data) QCOMPARE(v, 0.0);
        QVERIFY_THROWS_EXCEPTION(Error, headScoreGrid(run_->rowAttentions, TensorI64({9, 9}), {}));
        std::atomic<bool> cancel{true};
        Progress p;
        p.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(Cancelled, headScoreGrid(run_->rowAttentions, truth_.contacts, {}, p));
    }

    void viewShowsScoresAndWeights() {
        HeadScoresView view;
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy ready(&view, &HeadScoresView::scoresReady);
        view.setRun(run_);
        view.setRule({ContactRange::Short, 1.0});
        view.setTruth(truth_);
        QVERIFY(ready.wait(10000));
        const TensorD expected = headScoreGrid(run_->rowAttentions, truth_.contacts, {ContactRange::Short, 1.0});
        QCOMPARE(view.scores().data, expected.data);
        QCPColorMapData* cells = view.scoreMap()->colorMapItem()->data();
        QCOMPARE(cells->keySize(), 4);    // heads across
        QCOMPARE(cells->valueSize(), 2);  // layers down
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                QCOMPARE(cells->cell(h, l), double(float(expected.at(l, h))));
                double x, y;
                cells->cellToCoord(h, l, &x, &y);
                QCOMPARE(x, double(h));  // 0-based head numbers on the axis
                QCOMPARE(y, double(l));
            }
        const std::vector<float>& w = run_->regressionWeights;
        QCOMPARE(int(w.size()), 8);
        QCPColorMapData* wcells = view.weightMap()->colorMapItem()->data();
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) QCOMPARE(wcells->cell(h, l), double(w[size_t(l * 4 + h)]));

        QSignalSpy activated(&view, &HeadScoresView::headActivated);
        QCustomPlot* plot = view.scoreMap()->plot();
        plot->replot();
        QTest::mouseClick(plot, Qt::LeftButton, {},
                          QPoint(int(plot->xAxis->coordToPixel(3)), int(plot->yAxis->coordToPixel(1))));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated[0][0].toInt(), 1);
        QCOMPARE(activated[0][1].toInt(), 3);
    }

    void csvExport() {
        HeadScoresView view;
        QSignalSpy ready(&view, &HeadScoresView::scoresReady);
        view.setRun(run_);
        view.setRule({ContactRange::Local, 0.5});
        view.setTruth(truth_);
        QVERIFY(ready.wait(10000));
        QTemporaryDir dir;
        const QString path = dir.filePath("heads.csv");
        view.exportCsv(path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 8);  // core's writer, the one of `axialscope-cli heads --csv`
        QCOMPARE(lines[0], QString("layer,head,precision,regression_weight"));
        const std::vector<float>& w = run_->regressionWeights;
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                const QStringList cols = lines[1 + l * 4 + h].split(',');
                QCOMPARE(cols.size(), 4);
                QCOMPARE(cols[0].toInt(), l);
                QCOMPARE(cols[1].toInt(), h);
                QCOMPARE(cols[2].toDouble(), view.scores().at(l, h));
                QCOMPARE(cols[3].toFloat(), w[size_t(l * 4 + h)]);
            }
        // a failed export leaves the old file alone
        QVERIFY_THROWS_EXCEPTION(Error, view.exportCsv(path + "/x.csv"));
        QVERIFY(QFile(path).size() > 0);
    }
};

QTEST_MAIN(TestHeadsScores)
#include "test_heads_scores.moc"
