// writeContactsCsv / writeCaspRr: layout, ordering, 1-based i<j, atomic replacement,
// and a round trip through the RR reader.
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
        writeContactsCsv(path, m);
        const auto lines = readLines(path);
        QCOMPARE(lines.front(), std::string("i,j,probability"));
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
            QCOMPARE(lines[1], std::string("1,5,0.999"));
            QCOMPARE(lines[2], std::string("2,4,0.999"));
        }
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
        QTest::newRow("gap in sequence") << 3;
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
        if (which == 3) seq = "MK-L";
        try {
            if (which == 0 || which == 1)
                writeContactsCsv(path, m);
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
            writeContactsCsv(path, sampleMap(3));
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
