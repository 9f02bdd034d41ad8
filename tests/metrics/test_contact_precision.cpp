// Contact precision rules on hand-built maps where the answer follows from the rules:
// range boundaries, top-k = floor(f * Lc), unknown positions removed and not counted in
// Lc, unscored pairs skipped, too few pairs counted wrong, ties in row-major order, AUC
// as the mean over f = 0.1..1.0, k = 0 -> NaN / null, JSON layout.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>

#include "common/error.hpp"
#include "metrics/contact_precision.hpp"

using namespace axs;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Case {
    TensorD scores;
    TensorI64 truth;
    Case(int t, std::initializer_list<int> missing) : scores({t, t}, kNaN), truth({t, t}, 0) {
        for (int p = 0; p < t; ++p) truth.at(p, p) = 1;
        for (int m : missing)
            for (int k = 0; k < t; ++k) truth.at(m, k) = truth.at(k, m) = -1;
    }
    void contact(int i, int j) { truth.at(i, j) = truth.at(j, i) = 1; }
    void score(int i, int j, double s) { scores.at(i, j) = scores.at(j, i) = s; }
};

/// T = 30; positions 10..23 and 27 have no coordinates -> Lc = 15. Long-range scored pairs:
///   (3,27) 0.95 unknown -> dropped;  (4,28) +inf -> unscored;  (0,29) 0.9 T;  (1,29) 0.8 F;
///   (0,24) 0.5 and (2,28) 0.5 tie, (0,24) first in row-major order.
Case tieCase(bool firstOfTieIsContact) {
    Case c(30, {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 27});
    c.score(3, 27, 0.95);
    c.score(4, 28, std::numeric_limits<double>::infinity());
    c.contact(4, 28);
    c.score(0, 29, 0.9);
    c.contact(0, 29);
    c.score(1, 29, 0.8);
    c.score(0, 24, 0.5);
    c.score(2, 28, 0.5);
    if (firstOfTieIsContact)
        c.contact(0, 24);
    else
        c.contact(2, 28);
    return c;
}

}  // namespace

class TestContactPrecision : public QObject {
    Q_OBJECT
private slots:
    void rangeBoundaries_data() {
        QTest::addColumn<int>("separation");
        QTest::addColumn<int>("range");  // -1: in no range
        QTest::newRow("s=2 none") << 2 << -1;
        QTest::newRow("s=3 local") << 3 << int(ContactRange::Local);
        QTest::newRow("s=5 local") << 5 << int(ContactRange::Local);
        QTest::newRow("s=6 short") << 6 << int(ContactRange::Short);
        QTest::newRow("s=11 short") << 11 << int(ContactRange::Short);
        QTest::newRow("s=12 medium") << 12 << int(ContactRange::Medium);
        QTest::newRow("s=23 medium") << 23 << int(ContactRange::Medium);
        QTest::newRow("s=24 long") << 24 << int(ContactRange::Long);
        QTest::newRow("s=39 long") << 39 << int(ContactRange::Long);
    }
    void rangeBoundaries() {
        QFETCH(int, separation);
        QFETCH(int, range);
        Case c(40, {});
        c.contact(0, separation);
        c.score(0, separation, 1.0);
        const ContactEvaluation ev = evaluateContacts(c.scores, c.truth);
        QCOMPARE(ev.lengthWithCoordinates, size_t(40));
        for (ContactRange r : kAllRanges) {
            // k = floor(0.2 * 40) = 8: the single scored true pair gives 1/8 in its range.
            const double expected = int(r) == range ? 1.0 / 8 : 0.0;
            QCOMPARE(ev[r].pAtL5, expected);
            QCOMPARE(contactPrecision(c.scores, c.truth, r, 0.2), expected);
            QCOMPARE(ev[r].scoredPairs, size_t(int(r) == range ? 1 : 0));
        }
    }

    void tiesUnknownsAndShortLists_data() {
        QTest::addColumn<bool>("firstOfTieIsContact");
        QTest::newRow("tie: first in row-major order is the contact") << true;
        QTest::newRow("tie: second is the contact") << false;
    }
    void tiesUnknownsAndShortLists() {
        QFETCH(bool, firstOfTieIsContact);
        const Case c = tieCase(firstOfTieIsContact);
        const ContactEvaluation ev = evaluateContacts(c.scores, c.truth);
        QCOMPARE(ev.length, size_t(30));
        QCOMPARE(ev.lengthWithCoordinates, size_t(15));
        const RangePrecision& r = ev[ContactRange::Long];
        QCOMPARE(r.scoredPairs, size_t(4));
        // Ranked: (0,29) T, (1,29) F, then the tie. k(L/5) = 3, k(L/2) = 7, k(L) = 15.
        const int third = firstOfTieIsContact ? 1 : 0;
        QCOMPARE(r.pAtL5, (1.0 + third) / 3);
        QCOMPARE(r.pAtL2, 2.0 / 7);
        QCOMPARE(r.pAtL, 2.0 / 15);
        // AUC: k_n = floor(n * 15 / 10) = 1, 3, 4, 6, 7, 9, 10, 12, 13, 15.
        const int ks[] = {1, 3, 4, 6, 7, 9, 10, 12, 13, 15};
        double sum = 0;
        for (int k : ks) sum += (k == 1 ? 1.0 : k == 3 ? 1.0 + third : 2.0) / k;
        QCOMPARE(r.auc, sum / 10);
        // The unknown pair (3,27) and the +inf pair (4,28) are not candidates, but known true
        // contacts count in trueContacts: (0,29), (4,28) and one of the tie.
        QCOMPARE(r.trueContacts, size_t(3));
    }

    void kZeroIsNaN() {
        Case c(10, {0, 1, 2, 3, 4, 5});  // Lc = 4: k(L/5) = 0, k(L/2) = 2
        c.contact(6, 9);
        c.score(6, 9, 1.0);
        const ContactEvaluation ev = evaluateContacts(c.scores, c.truth);
        QVERIFY(std::isnan(ev[ContactRange::Local].pAtL5));
        QCOMPARE(ev[ContactRange::Local].pAtL2, 0.5);
        // AUC over the defined terms only: k_n = 0,0,1,1,2,2,2,3,3,4 -> n = 3..10.
        const double p[] = {1.0, 1.0, 0.5, 0.5, 0.5, 1.0 / 3, 1.0 / 3, 0.25};
        double sum = 0;
        for (double v : p) sum += v;
        QCOMPARE(ev[ContactRange::Local].auc, sum / 8);
        QVERIFY(std::isnan(contactPrecision(c.scores, c.truth, ContactRange::Local, 0.2)));
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(evaluationJson(ev))).object();
        QVERIFY(o["precision"].toObject()["local"].toObject()["P@L/5"].isNull());
    }

    void genericScorerAgreesWithEvaluation() {
        // Pseudo-random scores and truth; every measure two ways, float and double input.
        const int t = 57;
        Case c(t, {3, 20, 41});
        TensorF f({t, t});
        unsigned s = 12345;
        for (int i = 0; i < t; ++i)
            for (int j = i + 1; j < t; ++j) {
                s = s * 1103515245u + 12345u;
                const float v = static_cast<float>((s >> 8) % 1000) / 1000.0f;  // many ties
                c.score(i, j, v);
                f.at(i, j) = f.at(j, i) = v;
                if ((s >> 20) % 5 == 0 && c.truth.at(i, j) == 0) c.contact(i, j);
            }
        const ContactEvaluation ev = evaluateContacts(c.scores, c.truth);
        const ContactEvaluation evf = evaluateContacts(f, c.truth);
        QCOMPARE(ev.lengthWithCoordinates, size_t(t - 3));
        for (ContactRange r : kAllRanges) {
            QCOMPARE(contactPrecision(c.scores, c.truth, r, 1.0), ev[r].pAtL);
            QCOMPARE(contactPrecision(c.scores, c.truth, r, 0.5), ev[r].pAtL2);
            QCOMPARE(contactPrecision(f, c.truth, r, 0.2), ev[r].pAtL5);
            QCOMPARE(evf[r].auc, ev[r].auc);
            double sum = 0;
            for (int n = 1; n <= 10; ++n) sum += contactPrecision(c.scores, c.truth, r, n / 10.0);
            QCOMPARE(ev[r].auc, sum / 10);
        }
    }

    void json() {
        const Case c = tieCase(true);
        const ContactEvaluation ev = evaluateContacts(c.scores, c.truth);
        const std::string text = evaluationJson(ev);
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err);
        QVERIFY2(err.error == QJsonParseError::NoError, text.c_str());
        const QJsonObject o = doc.object();
        QCOMPARE(o["L"].toInt(), 30);
        QCOMPARE(o["Lc"].toInt(), 15);
        const QJsonObject p = o["precision"].toObject();
        QCOMPARE(p.keys().size(), 4);
        for (ContactRange r : kAllRanges) {
            const QJsonObject m = p[rangeBounds(r).name].toObject();
            QCOMPARE(m.keys().size(), 4);
            QCOMPARE(m["P@L"].toDouble(), ev[r].pAtL);
            QCOMPARE(m["P@L/2"].toDouble(), ev[r].pAtL2);
            QCOMPARE(m["P@L/5"].toDouble(), ev[r].pAtL5);
            QCOMPARE(m["AUC"].toDouble(), ev[r].auc);
        }
    }

    void shapeErrors() {
        Case c(10, {});
        QVERIFY_THROWS_EXCEPTION(Error, evaluateContacts(TensorD({9, 9}), c.truth));
        QVERIFY_THROWS_EXCEPTION(Error, evaluateContacts(c.scores, TensorI64({10, 9})));
        QVERIFY_THROWS_EXCEPTION(Error, contactPrecision(c.scores, c.truth, ContactRange::Long, 0.0));
        QVERIFY_THROWS_EXCEPTION(Error, contactPrecision(c.scores, c.truth, ContactRange::Long, 1.5));
    }
};

QTEST_APPLESS_MAIN(TestContactPrecision)
#include "test_contact_precision.moc"
