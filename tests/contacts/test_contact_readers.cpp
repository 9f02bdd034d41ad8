// Prediction readers: one small hand-written file per format, the error messages for
// broken files, and every public baseline of shared/data (read in place, GPL).
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/contact_prediction.hpp"
#include "gzip_bomb.hpp"
#include "test_paths.hpp"

using namespace axs;
using axs::test::dataFile;
using axs::test::dataPath;

namespace {

/// "i,j,score;i,j,score" (1-based) -> checks; score "nan" = must be unscored.
void checkPairs(const ContactPrediction& p, const QString& spec) {
    for (const QString& item : spec.split(';', Qt::SkipEmptyParts)) {
        const QStringList f = item.split(',');
        const int i = f[0].toInt() - 1, j = f[1].toInt() - 1;
        const double got = p.scores.at(i, j);
        if (f[2] == "nan") {
            QVERIFY2(std::isnan(got), qPrintable(item));
        } else {
            QCOMPARE(got, f[2].toDouble());
        }
    }
}

void expectError(const std::function<void()>& fn, const std::string& mustContain1, const std::string& mustContain2) {
    try {
        fn();
        QFAIL("expected axs::Error");
    } catch (const Error& e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find(mustContain1) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find(mustContain2) != std::string::npos, msg.c_str());
    }
}

/// Writes `content` to `name` in `dir`; the path, or "" on failure.
QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) return {};
    return path;
}

}  // namespace

class TestContactReaders : public QObject {
    Q_OBJECT
private slots:
    void handWritten_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("sequence");
        QTest::addColumn<QString>("pairs");
        QTest::addColumn<bool>("symmetric");
        QTest::newRow("CASP RR with header, wrapped sequence, duplicate pair")
            << "header_seq.rr"
            << "casp-rr" << 20 << "MKTAYIAKQRQISFVKSHFS"
            << "1,10,0.95;3,20,0.85;20,3,0.85;2,19,0.1;1,2,nan" << true;
        QTest::newRow("PSICOV / DeepCov body only") << "body_only.con"
                                                    << "casp-rr" << 9 << ""
                                                    << "1,2,0.5;1,7,0.25;9,4,0.125;2,3,nan" << true;
        QTest::newRow("i j p") << "three_field.rr"
                               << "pair-list" << 30 << ""
                               << "5,12,0.7;30,2,0.3" << true;
        QTest::newRow("plmDCA i,j,score") << "plmdca_comma.txt"
                                          << "pair-list" << 4 << ""
                                          << "1,2,0.01;1,3,-0.25;4,2,1.5" << true;
        QTest::newRow("CCMpredPy matrix with META") << "ccmpred.mat"
                                                    << "matrix" << 4 << ""
                                                    << "1,2,0.1;3,4,0.6;2,4,0.5" << true;
        QTest::newRow("EVcouplings CSV (cn column)") << "evcouplings.csv"
                                                     << "table" << 6 << ""
                                                     << "2,6,0.42;1,5,0.13;1,2,nan" << true;
        QTest::newRow("GREMLIN table (prob column)") << "gremlin_table.txt"
                                                     << "table" << 5 << ""
                                                     << "1,4,0.91;2,5,0.64" << true;
        QTest::newRow("FreeContact / EVfold (second score)") << "freecontact.txt"
                                                             << "evfold" << 7 << ""
                                                             << "1,6,3.5;2,7,-0.5" << true;
    }
    void handWritten() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, length);
        QFETCH(QString, sequence);
        QFETCH(QString, pairs);
        QFETCH(bool, symmetric);
        const ContactPrediction p = readContactPrediction(dataFile("contacts/" + file));
        QCOMPARE(QString::fromStdString(p.format), format);
        QCOMPARE(p.length(), size_t(length));
        QCOMPARE(QString::fromStdString(p.sequence), sequence);
        checkPairs(p, pairs);
        if (symmetric)
            for (int i = 0; i < length; ++i)
                for (int j = 0; j < length; ++j) {
                    const double a = p.scores.at(i, j), b = p.scores.at(j, i);
                    QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
                }
    }

    void duplicatesKeepTheLargestScore() {
        const ContactPrediction p = readContactPrediction(dataFile("contacts/header_seq.rr"));
        QCOMPARE(p.pairsRead, size_t(4));
        QCOMPARE(p.duplicatePairs, size_t(1));  // "20 3" repeats "3 20"
        QCOMPARE(p.scores.at(2, 19), 0.85);
        QCOMPARE(p.scores.at(19, 2), 0.85);
    }

    // The validation rules of contact_prediction.hpp, for every list format alike: the file
    // is refused naming the file, the line and the rule.
    void impossiblePairsAreRefused_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("rule");
        const QString rr = "PFRMAT RR\nMODEL 1\n1 5 0 8 0.9\n%1\nEND\n";
        QTest::newRow("rr beyond the query") << rr.arg("1 99999999 0 8 0.5") << 145 << "line 4"
                                             << "outside 1..145, the length of the query";
        QTest::newRow("rr beyond the query by one") << rr.arg("2 146 0 8 0.5") << 145 << "line 4"
                                                    << "outside 1..145";
        QTest::newRow("rr absurd index, no length") << rr.arg("1 99999999 0 8 0.5") << 0 << "line 4"
                                                    << "beyond the longest supported sequence (5000";
        QTest::newRow("rr i = j") << rr.arg("5 5 0 8 0.9") << 0 << "line 4"
                                  << "residue with itself";
        QTest::newRow("rr i = j with length") << rr.arg("5 5 0 8 0.9") << 10 << "line 4"
                                              << "residue with itself";
        QTest::newRow("rr infinite score") << rr.arg("2 7 0 8 inf") << 0 << "line 4"
                                           << "not a finite number";
        QTest::newRow("rr NaN score") << rr.arg("2 7 0 8 nan") << 0 << "line 4"
                                      << "not a finite number";
        QTest::newRow("rr beyond the sequence in the file")
            << "PFRMAT RR\nMKTAYIAKQR\n1 5 0 8 0.9\n3 11 0 8 0.5\nEND\n"
            << 0 << "line 4"
            << "outside 1..10, the length of the sequence written in the file";
        QTest::newRow("pair list beyond") << "1 2 0.5\n3 40 0.25\n"
                                          << 30 << "line 2"
                                          << "outside 1..30";
        QTest::newRow("pair list i = j") << "1,2,0.5\n7,7,0.25\n"
                                         << 0 << "line 2"
                                         << "residue with itself";
        QTest::newRow("evfold beyond") << "1 M 6 K 0.1 3.5\n2 K 70 A 0.2 -0.5\n"
                                       << 7 << "line 2"
                                       << "outside 1..7";
        QTest::newRow("evfold i = j") << "1 M 6 K 0.1 3.5\n2 K 2 K 0.2 -0.5\n"
                                      << 0 << "line 2"
                                      << "itself";
        QTest::newRow("table beyond") << "i,j,cn\n1,4,0.5\n2,9,0.25\n"
                                      << 5 << "line 3"
                                      << "outside 1..5";
        QTest::newRow("table i = j") << "i j prob\n1 4 0.5\n3 3 0.25\n"
                                     << 0 << "line 3"
                                     << "itself";
        QTest::newRow("table absurd index") << "i j prob\n1 4 0.5\n3 123456789 0.25\n"
                                            << 0 << "line 3"
                                            << "longest supported";
        QTest::newRow("table NaN score") << "i j prob\n1 4 nan\n"
                                         << 0 << "line 2"
                                         << "not a finite number";
        QTest::newRow("matrix NaN off the diagonal") << "0 0.1 0.2\n0.1 0 nan\n0.2 0.3 0\n"
                                                     << 0 << "line 2, column 3"
                                                     << "not a finite number";
        QTest::newRow("matrix inf after comments") << "# CCMpred\n0 0.1\n-inf 0\n"
                                                   << 0 << "line 3, column 1"
                                                   << "not a finite number";
        QTest::newRow("matrix wider than any sequence") << "0 " + QString("0.5 ").repeated(5000) + "\n"
                                                        << 0 << "line 1"
                                                        << "longest supported sequence";
    }
    void impossiblePairsAreRefused() {
        QFETCH(QString, content);
        QFETCH(int, length);
        QFETCH(QString, line);
        QFETCH(QString, rule);
        QTemporaryDir dir;
        const QString path = writeText(dir, "pairs.txt", content.toUtf8());
        QVERIFY(!path.isEmpty());
        try {
            readContactPrediction(path.toStdString(), size_t(length));
            QFAIL("expected axs::Error");
        } catch (const Error& e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.startsWith(path + ": " + line + ": ") || msg.startsWith(path + ": " + line + ","),
                     qPrintable(msg));
            QVERIFY2(msg.contains(rule), qPrintable(msg));
        }
    }

    void matrixDiagonalMayHoldAnything() {
        QTemporaryDir dir;
        const QString path = writeText(dir, "diag.mat", "nan 0.5 0.25\n0.5 inf 0.125\n0.25 0.125 -inf\n");
        QVERIFY(!path.isEmpty());
        const ContactPrediction p = readContactPrediction(path.toStdString());
        QCOMPARE(p.length(), size_t(3));
        QCOMPARE(p.scores.at(0, 2), 0.25);
    }

    void npyNonFiniteOffTheDiagonal() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("scores.npy").toStdString();
        TensorF t({3, 3}, 0.5f);
        t.at(0, 0) = std::nanf("");  // the diagonal is never read
        writeNpy(path, t);
        QCOMPARE(readContactPrediction(path).scores.at(0, 1), 0.5);
        t.at(1, 2) = std::numeric_limits<float>::infinity();
        writeNpy(path, t);
        expectError([&] { readContactPrediction(path); }, path, "array position [1, 2]: the score is not a finite");
    }

    void gzipCompressedPrediction() {
        QTemporaryDir dir;
        const QString plain = dataPath("contacts/header_seq.rr");
        const QString packed = dir.filePath("header_seq.rr.gz");
        QFile in(plain);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QVERIFY(test::writeGzipBomb(packed, in.readAll().toStdString(), 1));  // one copy: plain gzip
        const ContactPrediction a = readContactPrediction(plain.toStdString());
        const ContactPrediction b = readContactPrediction(packed.toStdString());
        QCOMPARE(b.format, std::string("casp-rr"));
        QCOMPARE(b.sequence, a.sequence);
        QCOMPARE(b.pairsRead, a.pairsRead);
        for (size_t k = 0; k < a.scores.size(); ++k)
            QVERIFY((std::isnan(a.scores.data[k]) && std::isnan(b.scores.data[k])) ||
                    a.scores.data[k] == b.scores.data[k]);
    }

    void forcedFormatAlias() {
        const ContactPrediction p = readContactPrediction(dataFile("contacts/ccmpred.mat"), 0, "CCMpred");
        QCOMPARE(p.format, std::string("matrix"));
        expectError([] { readContactPrediction(dataFile("contacts/ccmpred.mat"), 0, "nosuch"); }, "ccmpred.mat",
                    "nosuch");
    }

    void npy() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("scores.npy").toStdString();
        TensorF t({1, 3, 3});
        for (size_t k = 0; k < t.size(); ++k) t.data[k] = 0.25f * static_cast<float>(k);
        writeNpy(path, t);
        const ContactPrediction p = readContactPrediction(path);
        QCOMPARE(p.format, std::string("npy"));
        QCOMPARE(p.length(), size_t(3));
        QCOMPARE(p.scores.at(1, 2), 0.25 * 5);
        expectError([&] { readContactPrediction(path, 4); }, path, "4 residues");
        writeNpy(path, TensorF({2, 3}));
        expectError([&] { readContactPrediction(path); }, path, "shape");
        writeNpy(path, TensorF({1, 0, 0}));
        expectError([&] { readContactPrediction(path); }, path, "empty");
    }

    void errors_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("mustContain");
        QTest::addColumn<int>("length");
        QTest::newRow("junk line in an RR body") << "MKTAYIAKQR\n1 5 0 8 0.9\n2 6 0 8 0.8\noops this is not a contact\n"
                                                 << "line 4" << 0;
        QTest::newRow("ragged matrix") << "0.0 0.1 0.2\n0.1 0.0\n0.2 0.4 0.0\n"
                                       << "line 2" << 0;
        QTest::newRow("matrix not square") << "0.0 0.1 0.2\n0.1 0.0 0.3\n"
                                           << "square" << 0;
        QTest::newRow("matrix of another size") << "0 1\n1 0\n"
                                                << "3 residues" << 3;
        QTest::newRow("0 is not 1-based") << "0 5 0 8 0.9\n"
                                          << "1-based" << 0;
        QTest::newRow("score not a number") << "1 5 0 8 high\n"
                                            << "line 1" << 0;
        QTest::newRow("sequence after contacts") << "1 5 0 8 0.9\nMKTAYIAKQR\n"
                                                 << "line 2" << 0;
        QTest::newRow("empty") << ""
                               << "empty" << 0;
        QTest::newRow("prose") << "Dear reviewer, here are my contacts.\n"
                               << "not a recognised" << 0;
        QTest::newRow("table without score column") << "i,j,foo\n1,2,3\n"
                                                    << "score column" << 0;
        QTest::newRow("table bad row") << "i j prob\n1 2 0.5\n1 x 0.5\n"
                                       << "line 3" << 0;
        QTest::newRow("header only") << "PFRMAT RR\nTARGET x\nEND\n"
                                     << "no contact lines" << 0;
        // Found by fuzz_contacts_pair_list: a line of only commas was read past the end.
        QTest::newRow("line of commas in a list") << "1,3,0.5\n,,\n"
                                                  << "line 2" << 0;
        QTest::newRow("only commas") << ",\n,,,\n"
                                     << "not a recognised" << 0;
    }
    void errors() {
        QFETCH(QString, content);
        QFETCH(QString, mustContain);
        QFETCH(int, length);
        QTemporaryDir dir;
        const QString path = writeText(dir, "broken.txt", content.toUtf8());
        QVERIFY(!path.isEmpty());
        expectError([&] { readContactPrediction(path.toStdString(), size_t(length)); }, path.toStdString(),
                    mustContain.toStdString());
    }

    void committedBrokenFiles_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("bad_line.rr") << "bad_line.rr"
                                     << "line 4";
        QTest::newRow("ragged.mat") << "ragged.mat"
                                    << "line 2";
        QTest::newRow("zero_index.rr") << "zero_index.rr"
                                       << "line 1";
        QTest::newRow("missing file") << "no_such_file.rr"
                                      << "no_such_file.rr";
    }
    void committedBrokenFiles() {
        QFETCH(QString, file);
        QFETCH(QString, mustContain);
        const std::string path = dataFile("contacts/" + file);
        expectError([&] { readContactPrediction(path); }, path, mustContain.toStdString());
    }

    // Every public baseline: format, L, and the first contact line of the file.
    void baselines_data() {
        QTest::addColumn<QString>("rel");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("pairs");
        QTest::newRow("1a3a CCMpred") << "1a3a/CCMpred"
                                      << "casp-rr" << 145 << "96,129,1.461929;6,135,1.150441";
        QTest::newRow("1a3a PSICOV") << "1a3a/PSICOV"
                                     << "casp-rr" << 145 << "96,129,0.903769";
        QTest::newRow("1a3a mfDCA") << "1a3a/mfDCA"
                                    << "casp-rr" << 145 << "96,129,4.055420;29,47,-0.798646";
        QTest::newRow("1a3a metaPSICOV") << "1a3a/metaPSICOV"
                                         << "casp-rr" << 145 << "29,35,0.962212";
        QTest::newRow("1atz CCMpredPy") << "1atz/1atzA.apc.mat"
                                        << "matrix" << 75
                                        << "1,1,-3.928622820553760997e-01;1,2,1.157006474278954755e+00";
        QTest::newRow("1guu DeepCov") << "1guu/1guuA.con"
                                      << "casp-rr" << 50 << "1,2,0.10569383204;49,50,0.0123521089554";
        QTest::newRow("16pk DEEPCON") << "16pk/16pkA0.rr"
                                      << "casp-rr" << 256 << "1,6,0.05194;251,256,0.68345";
        QTest::newRow("T0866 CCMpred") << "T0866/T0866.ccmpred.rr"
                                       << "casp-rr" << 183 << "44,84,1.17391848564147949219e+00;46,156,0";
        QTest::newRow("T0866 PSICOV") << "T0866/T0866.psicov.rr"
                                      << "casp-rr" << 183 << "44,84,16.047599";
        QTest::newRow("T0866 FreeContact") << "T0866/T0866.freecontact.rr"
                                           << "casp-rr" << 183 << "44,84,3.42536";
        QTest::newRow("T0866 DNCON2") << "T0866/T0866.dncon2.rr"
                                      << "casp-rr" << 183 << "182,183,0.22097";
    }
    void baselines() {
        QFETCH(QString, rel);
        QFETCH(QString, format);
        QFETCH(int, length);
        QFETCH(QString, pairs);
        AXS_REQUIRE_SHARED(path, "data/baselines/" + rel);
        const ContactPrediction p = readContactPrediction(path.toStdString());
        QCOMPARE(QString::fromStdString(p.format), format);
        QCOMPARE(p.length(), size_t(length));
        if (format != "matrix") {
            // Every contact line was read: count them independently (lines of 5 fields).
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            size_t lines = 0;
            while (!f.atEnd()) {
                const QStringList fields = QString::fromLatin1(f.readLine()).simplified().split(' ');
                bool numeric = false;
                fields[0].toInt(&numeric);
                lines += fields.size() == 5 && numeric;
            }
            QCOMPARE(p.pairsRead, lines);
            QCOMPARE(p.duplicatePairs, size_t(0));
        }
        checkPairs(p, pairs);
    }
};

QTEST_APPLESS_MAIN(TestContactReaders)
#include "test_contact_readers.moc"
