// The contact map marks exactly the pairs the metrics module ranks, judges them against
// the truth, shows the metrics module's precision, and wires clicks and comparisons.
#include <qcustomplot.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "common/error.hpp"
#include "contactmap/contact_map_matrix.hpp"
#include "contactmap/contact_map_view.hpp"
#include "contactmap/contact_selection.hpp"
#include "contactmap/precision_table.hpp"
#include "metrics/contact_precision.hpp"
#include "plot/heatmap_widget.hpp"

using namespace axs;
using namespace axs::ui;

namespace {
constexpr int T = 40;
const std::string kQuery = "MKVLAGHTESDFPQRSTVWYACDEFGHIKLMNPQRSTVWY";  // 40 letters

/// Synthetic truth: contacts where (i + 2j) % 7 == 0 or |i-j| <= 4; position 9 has no coordinates.
QueryContactMap syntheticTruth() {
    QueryContactMap t;
    t.contacts = TensorI64({T, T}, 0);
    t.distances = TensorF({T, T}, 0.f);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) {
            const int a = std::min(i, j), b = std::max(i, j);
            const bool contact = a == b || b - a <= 4 || (a + 2 * b) % 7 == 0;
            t.contacts.at(i, j) = contact ? 1 : 0;
            t.distances.at(i, j) = a == b ? 0.f : (contact ? 5.f + float(b - a) / 100.f : 9.f + float(b - a) / 10.f);
        }
    for (int p = 0; p < T; ++p) {
        t.contacts.at(9, p) = t.contacts.at(p, 9) = -1;
        t.distances.at(9, p) = t.distances.at(p, 9) = std::nanf("");
    }
    t.hasCoordinates.assign(T, 1);
    t.hasCoordinates[9] = 0;
    t.positionsWithCoordinates = T - 1;
    return t;
}

/// Deterministic scores in [0, 1) with ties (quantised to 1/50) and a few unscored pairs.
TensorD syntheticScores(unsigned seed) {
    TensorD s({T, T}, 0.0);
    unsigned x = seed;
    for (int i = 0; i < T; ++i)
        for (int j = i + 1; j < T; ++j) {
            x = x * 1103515245u + 12345u;
            const double v = double((x >> 16) % 50) / 50.0;
            s.at(i, j) = s.at(j, i) = (i * j) % 37 == 5 ? std::nan("") : v;
        }
    return s;
}
}  // namespace

class TestContactView : public QObject {
    Q_OBJECT
    QueryContactMap truth_ = syntheticTruth();
    TensorD scores_ = syntheticScores(7);

private slots:
    void selectionAgreesWithMetrics_data() {
        QTest::addColumn<int>("range");
        QTest::addColumn<double>("fraction");
        for (int r = 0; r < 4; ++r)
            for (double f : {1.0, 0.5, 0.2}) QTest::addRow("range %d f %.1f", r, f) << r << f;
    }
    void selectionAgreesWithMetrics() {
        QFETCH(int, range);
        QFETCH(double, fraction);
        const SeparationRange ours[] = {SeparationRange::Local, SeparationRange::Short, SeparationRange::Medium,
                                        SeparationRange::Long};
        ContactSelectionRule rule;
        rule.fraction = fraction;
        const ContactSelection sel = selectContacts(scores_, &truth_.contacts, separationWindow(ours[range]), rule);
        QCOMPARE(sel.k, size_t(std::floor(fraction * (T - 1))));
        const double metrics = contactPrecision(scores_, truth_.contacts, ContactRange(range), fraction);
        QCOMPARE(sel.precision, metrics);
        // every mark is judged by the truth, in range, with coordinates, best first
        const SeparationWindow b = separationWindow(ours[range]);
        for (size_t k = 0; k < sel.contacts.size(); ++k) {
            const RankedContact& c = sel.contacts[k];
            QVERIFY(c.i < c.j && c.j - c.i >= b.minSeparation && (b.maxSeparation == 0 || c.j - c.i < b.maxSeparation));
            QVERIFY(c.i != 9 && c.j != 9);
            QCOMPARE(c.truth, truth_.contacts.at(c.i, c.j) ? 1 : 0);
            if (k) QVERIFY(sel.contacts[k - 1].score >= c.score);
        }
    }

    void thresholdAndAllRange() {
        ContactSelectionRule rule;
        rule.kind = ContactSelectionRule::Kind::Threshold;
        rule.threshold = 0.9;
        const ContactSelection sel =
            selectContacts(scores_, &truth_.contacts, separationWindow(SeparationRange::All), rule);
        size_t expected = 0;
        for (int i = 0; i < T; ++i)
            for (int j = i + 6; j < T; ++j)
                if (i != 9 && j != 9 && scores_.at(i, j) >= 0.9) ++expected;
        QCOMPARE(sel.contacts.size(), expected);
        QCOMPARE(sel.k, expected);
        // without a truth nothing is judged and every position counts
        rule.kind = ContactSelectionRule::Kind::TopFraction;
        rule.fraction = 0.5;
        const ContactSelection blind = selectContacts(scores_, nullptr, separationWindow(SeparationRange::Long), rule);
        QCOMPARE(blind.k, size_t(T / 2));
        QVERIFY(std::isnan(blind.precision));
        for (const RankedContact& c : blind.contacts) QCOMPARE(c.truth, -1);
    }

    void trianglesCombine() {
        TensorD s({3, 3}, 0.0);
        s.at(0, 1) = 0.25;
        s.at(0, 2) = 0.75;
        s.at(1, 2) = std::nan("");
        TensorD raw({3, 3}, 0.0);
        raw.at(0, 1) = 2;
        raw.at(0, 2) = -2;
        raw.at(1, 2) = 6;
        const TriangleValues up = triangleValues(s), low = triangleValues(raw);
        QVERIFY(!up.rescaled);
        QVERIFY(low.rescaled);
        const TensorF m = combineTriangles(up, &low);
        QCOMPARE(m.at(0, 1), 0.25f);
        QCOMPARE(m.at(0, 2), 0.75f);
        QVERIFY(std::isnan(m.at(1, 2)));
        QCOMPARE(m.at(1, 0), 0.5f);  // (2 - -2) / 8
        QCOMPARE(m.at(2, 0), 0.0f);
        QCOMPARE(m.at(2, 1), 1.0f);
        QVERIFY(std::isnan(m.at(1, 1)));
    }

    void viewShowsPredictionTruthAndPrecision() {
        ContactMapView view;
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setQuery(kQuery);
        view.setPrediction(scores_, "run");
        view.setTruth(truth_, "synthetic");
        view.setRange(SeparationRange::Long);
        view.setRule({ContactSelectionRule::Kind::TopFraction, 0.5, 0});
        // the picture: prediction above the diagonal, truth below, unknown grey (NaN)
        const TensorF& shown = view.heatmap()->matrix();
        for (int i = 0; i < T; ++i)
            for (int j = i + 1; j < T; ++j) {
                if (std::isnan(scores_.at(i, j)))
                    QVERIFY(std::isnan(shown.at(i, j)));
                else
                    QCOMPARE(shown.at(i, j), float(scores_.at(i, j)));
                const int64_t t = truth_.contacts.at(i, j);
                if (t < 0)
                    QVERIFY(std::isnan(shown.at(j, i)));
                else
                    QCOMPARE(shown.at(j, i), float(t));
            }
        // the marks are the metrics module's top L/2 long-range pairs
        const ContactSelection& sel = view.selection();
        QCOMPARE(sel.k, size_t((T - 1) / 2));
        QCOMPARE(sel.precision, contactPrecision(scores_, truth_.contacts, ContactRange::Long, 0.5));
        int tpMarks = 0, fpMarks = 0;
        for (int g = 0; g < view.heatmap()->plot()->graphCount(); ++g) {
            QCPGraph* graph = view.heatmap()->plot()->graph(g);
            const QColor fill = graph->scatterStyle().brush().color();
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                const int j = int(it->key) - 1, i = int(it->value) - 1;  // upper triangle: x = j, y = i
                QVERIFY(i < j);
                const bool isTrue = truth_.contacts.at(i, j) == 1;
                (fill.green() > fill.red() ? tpMarks : fpMarks) += 1;
                QCOMPARE(fill.green() > fill.red(), isTrue);
            }
        }
        QCOMPARE(size_t(tpMarks), sel.truePositives);
        QCOMPARE(size_t(tpMarks + fpMarks), sel.contacts.size());
        // precision table = evaluateContacts
        const ContactEvaluation e = evaluateContacts(scores_, truth_.contacts);
        QCOMPARE(view.precisionTable()->valueText(ContactRange::Long, 0),
                 QString::number(100 * e[ContactRange::Long].pAtL, 'f', 1));
        QCOMPARE(view.precisionTable()->valueText(ContactRange::Short, 2),
                 QString::number(100 * e[ContactRange::Short].pAtL5, 'f', 1));
        QVERIFY(view.selectionLabel()->text().contains(QString::number(sel.truePositives) + " true"));
    }

    void clickEmitsPairAndDescribesIt() {
        ContactMapView view;
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setQuery(kQuery);
        view.setPrediction(scores_, "run");
        view.setTruth(truth_, "synthetic");
        QSignalSpy spy(&view, &ContactMapView::contactClicked);
        QCustomPlot* plot = view.heatmap()->plot();
        plot->replot();
        // lower-triangle cell (row 30, column 3) is the pair (3, 30) = residues 4 and 31
        QTest::mouseClick(plot, Qt::LeftButton, {},
                          QPoint(int(plot->xAxis->coordToPixel(4)), int(plot->yAxis->coordToPixel(31))));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toInt(), 3);
        QCOMPARE(spy[0][1].toInt(), 30);
        const QString text = view.describePair(3, 30);
        QVERIFY2(text.contains("L4 – S31") || text.contains("L4 – " + QString(QChar(kQuery[30])) + "31"),
                 qPrintable(text));
        QVERIFY2(text.contains(QString::number(truth_.distances.at(3, 30), 'f', 1) + " Å"), qPrintable(text));
        QVERIFY(text.contains(QString::number(scores_.at(3, 30), 'g', 4)));
        QVERIFY(view.describePair(2, 9).contains("no coordinates"));
    }

    void secondPredictionInLowerTriangle() {
        ContactMapView view;
        view.setQuery(kQuery);
        view.setPrediction(scores_, "run");
        view.setTruth(truth_, "synthetic");
        TensorD other = syntheticScores(99);
        for (double& v : other.data) v = v * 10 - 3;  // raw coupling-like scores, not probabilities
        const int index = view.addComparison(other, "plm");
        view.setLowerSource(index);
        QCOMPARE(view.lowerSource(), 1);
        QVERIFY(view.comparisonTable()->isVisibleTo(&view));
        const TensorF& shown = view.heatmap()->matrix();
        const TriangleValues scaled = triangleValues(other);
        QVERIFY(scaled.rescaled);
        QCOMPARE(shown.at(20, 2), float(scaled.shown(other.at(2, 20))));
        const ContactEvaluation e = evaluateContacts(other, truth_.contacts);
        QCOMPARE(view.comparisonTable()->valueText(ContactRange::Long, 0),
                 QString::number(100 * e[ContactRange::Long].pAtL, 'f', 1));
        view.setLowerSource(0);
        QVERIFY(!view.comparisonTable()->isVisibleTo(&view));
        QCOMPARE(view.heatmap()->matrix().at(20, 2), float(truth_.contacts.at(2, 20)));
        QVERIFY_THROWS_EXCEPTION(Error, view.addComparison(TensorD({5, 5}), "wrong size"));
    }

    void importsAnotherToolsFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("other.rr");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PFRMAT RR\nMODEL 1\n3 30 0 8 0.9\n1 40 0 8 0.7\n5 12 0 8 0.2\nEND\n");
        f.close();
        ContactMapView view;
        view.setQuery(kQuery);
        view.setPrediction(scores_, "run");
        const int index = view.importComparison(path);
        view.setLowerSource(index);
        const TensorF& shown = view.heatmap()->matrix();
        QCOMPARE(shown.at(29, 2), 0.9f);  // pair (3, 30), 1-based, in the lower triangle
        QCOMPARE(shown.at(39, 0), 0.7f);
        QVERIFY(std::isnan(shown.at(20, 10)));  // not in the file: not scored
        QVERIFY_THROWS_EXCEPTION(Error, view.importComparison(dir.filePath("missing.rr")));
    }

    // Impossible pairs (contact_prediction.hpp's rule): the import is refused with a message
    // naming the file and the line, and the view is left as it was.
    void importRefusesImpossiblePairs_data() {
        QTest::addColumn<QByteArray>("pair");
        QTest::addColumn<QString>("rule");
        QTest::newRow("beyond the query") << QByteArray("1 99999999 0 8 0.5") << "outside 1..40";
        QTest::newRow("i = j") << QByteArray("5 5 0 8 0.5") << "residue with itself";
        QTest::newRow("not finite") << QByteArray("5 9 0 8 nan") << "not a finite number";
    }
    void importRefusesImpossiblePairs() {
        QFETCH(QByteArray, pair);
        QFETCH(QString, rule);
        QTemporaryDir dir;
        const QString bad = dir.filePath("impossible.rr"), good = dir.filePath("good.rr");
        for (const auto& [path, text] : {std::pair{bad, "PFRMAT RR\nMODEL 1\n3 30 0 8 0.9\n" + pair + "\nEND\n"},
                                         std::pair{good, QByteArray("3 30 0 8 0.9\n")}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(text) == text.size());
        }
        ContactMapView view;
        view.setQuery(kQuery);
        view.setPrediction(scores_, "run");
        try {
            view.importComparison(bad);
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.startsWith(bad + ": line 4: ") && message.contains(rule), qPrintable(message));
        }
        QCOMPARE(view.lowerSource(), 0);
        QCOMPARE(view.importComparison(good), 1);  // the refused file added no comparison
    }
};

QTEST_MAIN(TestContactView)
#include "test_contact_view.moc"
