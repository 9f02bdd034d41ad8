// writeContactsCsv / writeCaspRr: layout, ordering, 1-based i<j, structure annotations,
// gapped queries, atomic replacement, and round trips through the readers.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "contacts/contact_io.hpp"
#include "contacts/contact_prediction.hpp"
#include "test_paths.hpp"

using namespace axs;

namespace {

std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

/// Symmetric T x T map with distinct, irregular values plus two deliberate ties.
TensorF sampleMap(int t) {
    TensorF m({t, t}, 0.0f);
    for (int i = 0; i < t; ++i)
        for (int j = i + 1; j < t; ++j) {
            const float v = std::fmod(0.37f * static_cast<float>(i * 31 + j * 17), 1.0f);
            m.at(i, j) = m.at(j, i) = v;
        }
    if (t >= 5) {
        m.at(0, 4) = m.at(4, 0) = 0.999f;  // tie between (1,5) and (2,4): (1,5) comes first (row-major)
        m.at(1, 3) = m.at(3, 1) = 0.999f;
    }
    return m;
}

}  // namespace

class TestContactIo : public QObject {
    Q_OBJECT
private slots:
    void csvLayout_data() {
        QTest::addColumn<int>("t");
        QTest::newRow("T=2") << 2;
        QTest::newRow("T=5 with ties") << 5;
        QTest::newRow("T=37") << 37;
    }
    void csvLayout() {
        QFETCH(int, t);
        QTemporaryDir dir;
        const std::string path = dir.filePath("contacts.csv").toStdString();
        const TensorF m = sampleMap(t);
        writeContactsCsv(path, m, {std::string(size_t(t), 'A')});
        const auto lines = readLines(path);
        QCOMPARE(lines.front(), std::string("i,j,probability,residue_i,residue_j,cb_distance,true_contact"));
        QCOMPARE(lines.size(), size_t(1) + size_t(t) * (t - 1) / 2);
        double previous = INFINITY;
        int prevI = 0, prevJ = 0;
        std::set<std::pair<int, int>> seen;
        for (size_t k = 1; k < lines.size(); ++k) {
            int i = 0, j = 0;
            float p = 0;
            QCOMPARE(std::sscanf(lines[k].c_str(), "%d,%d,%f", &i, &j, &p), 3);
            QVERIFY2(i >= 1 && j <= t && i < j, lines[k].c_str());  // 1-based, i<j
            QCOMPARE(p, m.at(i - 1, j - 1));                        // exact round trip of the float
            QVERIFY(p <= previous);                                 // descending
            if (p == previous) QVERIFY(std::make_pair(prevI, prevJ) < std::make_pair(i, j));  // ties row-major
            QVERIFY(seen.insert({i, j}).second);
            previous = p;
            prevI = i;
            prevJ = j;
        }
        if (t >= 5) {
            QCOMPARE(lines[1], std::string("1,5,0.999,A,A,,"));
            QCOMPARE(lines[2], std::string("2,4,0.999,A,A,,"));
        }
        // The table reads back as a prediction with the same scores.
        const ContactPrediction back = readContactPrediction(path, size_t(t));
        for (int a = 0; a < t; ++a)
            for (int b = a + 1; b < t; ++b) QCOMPARE(static_cast<float>(back.scores.at(a, b)), m.at(a, b));
    }

    void csvWithStructure() {
        // T = 5, query ACDEF; probabilities p(i,j) = (i + 2j) / 20
        TensorF probs({5, 5}, 0.f);
        TensorI64 truth({5, 5}, 0);
        TensorF dist({5, 5}, std::nanf(""));
        for (int i = 0; i < 5; ++i)
            for (int j = i + 1; j < 5; ++j) {
                probs.at(i, j) = probs.at(j, i) = float(i + 2 * j) / 20.f;
                dist.at(i, j) = dist.at(j, i) = 4.f + float(j - i);
                truth.at(i, j) = truth.at(j, i) = (j - i) <= 2 ? 1 : 0;
            }
        truth.at(0, 4) = truth.at(4, 0) = -1;  // unknown
        dist.at(0, 4) = dist.at(4, 0) = std::nanf("");
        QTemporaryDir dir;
        const std::string path = dir.filePath("contacts.csv").toStdString();
        ContactListOptions options;
        options.minSeparation = 2;
        writeContactsCsv(path, probs, {"ACDEF", &truth, &dist}, options);
        const auto lines = readLines(path);
        QCOMPARE(lines.size(), size_t(1 + 6));                     // pairs with j - i >= 2 among 5 positions
        QCOMPARE(lines[1], std::string("3,5,0.5,D,F,6.00,true"));  // (2+8)/20, separation 2
        QCOMPARE(lines[2], std::string("2,5,0.45,C,F,7.00,false"));
        QCOMPARE(lines[3], std::string("1,5,0.4,A,F,,"));  // unknown truth and distance stay empty
        QCOMPARE(lines[4], std::string("2,4,0.35,C,E,6.00,true"));
        // the best rows only, and a gapped query keeps its gap letter
        writeContactsCsv(path, probs, {"AC-EF"}, {1, 3});
        const auto top = readLines(path);
        QCOMPARE(top.size(), size_t(4));
        QCOMPARE(top[1], std::string("4,5,0.55,E,F,,"));
        QCOMPARE(top[2], std::string("3,5,0.5,-,F,,"));
        // tiny scores are never written in scientific notation
        TensorF tiny({2, 2}, 0.f);
        tiny.at(0, 1) = 1e-7f;
        writeContactsCsv(path, tiny, {"AC"});
        QCOMPARE(readLines(path)[1], std::string("1,2,0.0000001,A,C,,"));
        try {
            writeContactsCsv(path, probs, {"ACD"});
            QFAIL("expected axs::Error for a short query");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
        TensorI64 wrong({4, 4}, 0);
        QVERIFY_THROWS_EXCEPTION(Error, writeContactsCsv(path, probs, {"ACDEF", &wrong}));
    }

    void rrWithGappedQuery() {
        // Another row as the query, or Clustal / PSICOV input: gap columns are still
        // positions of the map, written as X so the header keeps one letter per position.
        QTemporaryDir dir;
        const std::string path = dir.filePath("gapped.rr").toStdString();
        writeCaspRr(path, sampleMap(6), "MK-V.L");
        const auto lines = readLines(path);
        QCOMPARE(lines[3], std::string("MKXVXL"));
        const ContactPrediction back = readContactPrediction(path);
        QCOMPARE(back.length(), size_t(6));
    }

    void rrLayoutAndRoundTrip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("query7.rr").toStdString();
        const int t = 120;
        std::string seq;
        for (int k = 0; k < t; ++k) seq += "ACDEFGHIKLMNPQRSTVWY"[(k * 7) % 20];
        const TensorF m = sampleMap(t);
        writeCaspRr(path, m, seq);
        const auto lines = readLines(path);
        QCOMPARE(lines[0], std::string("PFRMAT RR"));
        QCOMPARE(lines[1], std::string("TARGET query7"));
        QCOMPARE(lines[2], std::string("MODEL  1"));
        QCOMPARE(lines[3], seq.substr(0, 50));
        QCOMPARE(lines[4], seq.substr(50, 50));
        QCOMPARE(lines[5], seq.substr(100));
        QCOMPARE(lines.back(), std::string("END"));
        QCOMPARE(lines.size(), size_t(6 + t * (t - 1) / 2 + 1));
        int i = 0, j = 0, d1 = -1, d2 = -1;
        float p = 0;
        QCOMPARE(std::sscanf(lines[6].c_str(), "%d %d %d %d %f", &i, &j, &d1, &d2, &p), 5);
        QCOMPARE(d1, 0);
        QCOMPARE(d2, 8);

        const ContactPrediction back = readContactPrediction(path);
        QCOMPARE(back.format, std::string("casp-rr"));
        QCOMPARE(back.sequence, seq);
        QCOMPARE(back.length(), size_t(t));
        for (int a = 0; a < t; ++a)
            for (int b = a + 1; b < t; ++b) QCOMPARE(static_cast<float>(back.scores.at(a, b)), m.at(a, b));
    }

    void explicitTarget() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("x.rr").toStdString();
        writeCaspRr(path, sampleMap(3), "MKV", "T1234");
        QCOMPARE(readLines(path)[1], std::string("TARGET T1234"));
    }

    void rejectsBadInput_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("non-square") << 0;
        QTest::newRow("NaN value") << 1;
        QTest::newRow("sequence length mismatch") << 2;
        QTest::newRow("digit in sequence") << 3;
    }
    void rejectsBadInput() {
        QFETCH(int, which);
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.rr").toStdString();
        writeFileAtomicallyOld(path);
        TensorF m = sampleMap(4);
        std::string seq = "MKVL";
        if (which == 0) m = TensorF({3, 4});
        if (which == 1) m.at(1, 2) = std::nanf("");
        if (which == 2) seq = "MKV";
        if (which == 3) seq = "MK1L";
        try {
            if (which == 0 || which == 1)
                writeContactsCsv(path, m, {seq});
            else
                writeCaspRr(path, m, seq);
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
        // The previous file is untouched and no temporary file is left behind.
        QCOMPARE(readLines(path), std::vector<std::string>{"old content"});
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void unwritableDirectory() {
        const std::string path = "/nonexistent-dir-axs/contacts.csv";
        try {
            writeContactsCsv(path, sampleMap(3), {"MKV"});
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
    }

private:
    static void writeFileAtomicallyOld(const std::string& path) { std::ofstream(path) << "old content\n"; }
};

QTEST_APPLESS_MAIN(TestContactIo)
#include "test_contact_io.moc"
