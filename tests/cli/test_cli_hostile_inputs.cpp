// Hostile and broken files handed to axialscope-cli evaluate: gzip bombs (structure, MSA,
// prediction) end in a message naming the file and the limit, with the process's peak
// memory measured (under 1 GiB); impossible pairs in a prediction name the file and line.
#include <QTemporaryDir>
#include <QTest>

#include "cli_memory.hpp"
#include "gzip_bomb.hpp"
#include "test_paths.hpp"

using namespace axs::test;

namespace {

const QString kExample = QStringLiteral(AXS_TEST_DATA) + "/../../resources/examples/1a3a/";

}  // namespace

class TestCliHostileInputs : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void bombs_data() {
        QTest::addColumn<QString>("role");  // which input of evaluate gets the bomb
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("block");
        QTest::addColumn<int>("repeats");
        QTest::addColumn<QString>("mustContain");
        // The file of the issue: ~21 MB that inflates to 6 GiB (~290-fold).
        QTest::newRow("structure, 6 GiB at ~290-fold") << "--structure"
                                                       << "bomb.pdb.gz"
                                                       << "pdb1" << 6144 << "200-fold";
        // Below the ratio limit: stopped by the size limit for structures (512 MiB).
        QTest::newRow("structure, 1 GiB at ~120-fold") << "--structure"
                                                       << "big.pdb.gz"
                                                       << "pdb100" << 1024 << "limit of 512 MiB";
        QTest::newRow("alignment, 4 GiB from ~10 MB") << "--msa"
                                                      << "bomb.a3m.gz"
                                                      << "a3m" << 4096 << "200-fold";
        QTest::newRow("prediction, 4 GiB from ~8 MB") << "--contacts"
                                                      << "bomb.rr.gz"
                                                      << "rr" << 4096 << "200-fold";
    }
    void bombs() {
        QFETCH(QString, role);
        QFETCH(QString, name);
        QFETCH(QString, block);
        QFETCH(int, repeats);
        QFETCH(QString, mustContain);
        const std::string text = block == "pdb1"     ? pdbBombBlock(1)
                                 : block == "pdb100" ? pdbBombBlock(100)
                                 : block == "a3m"    ? repeatedText(">s\nMKTAYIAKQRQISFVKSHFS\n", size_t{1} << 20)
                                                     : repeatedText("1 5 0 8 0.9\n", size_t{1} << 20);
        const QString bomb = dir_.filePath(name);
        QVERIFY(writeGzipBomb(bomb, text, uint64_t(repeats)));
        QStringList args{"evaluate", "--contacts", dataPath("contacts/body_only.con"), "--structure",
                         kExample + "1a3a.pdb"};
        if (role == "--msa") args << "--msa" << bomb;
        args[args.indexOf(role) + 1] = bomb;
        const MeasuredCliRun r = runCliMeasured(args);
        qInfo("%s: exit %d, peak resident %.0f MiB, %.1f MiB compressed", QTest::currentDataTag(), r.exitCode,
              r.maxResidentMib, QFileInfo(bomb).size() / 1048576.0);
        QVERIFY2(r.exitCode > 0, r.err.constData());
        QVERIFY2(r.errText().contains(bomb + ": ") && r.errText().contains(mustContain), r.err.constData());
        QVERIFY2(r.maxResidentMib > 0 && r.maxResidentMib < 1024, qPrintable(QString::number(r.maxResidentMib)));
    }

    void impossiblePairs_data() {
        QTest::addColumn<QString>("pair");
        QTest::addColumn<bool>("withMsa");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("beyond the query (MSA)") << "1 99999999 0 8 0.5" << true << "outside 1..145";
        QTest::newRow("beyond the chain") << "2 146 0 8 0.5" << false << "outside 1..145";
        QTest::newRow("absurd index") << "1 99999999 0 8 0.5" << false << "longest supported sequence";
        QTest::newRow("i = j (MSA)") << "5 5 0 8 0.9" << true << "residue with itself";
        QTest::newRow("i = j") << "5 5 0 8 0.9" << false << "residue with itself";
    }
    void impossiblePairs() {
        QFETCH(QString, pair);
        QFETCH(bool, withMsa);
        QFETCH(QString, mustContain);
        const QString rr = dir_.filePath("pairs.rr");
        QFile f(rr);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(("PFRMAT RR\nMODEL 1\n1 40 0 8 0.9\n" + pair + "\n3 50 0 8 0.4\nEND\n").toUtf8());
        f.close();
        QStringList args{"evaluate", "--contacts", rr, "--structure", kExample + "1a3a.pdb"};
        if (withMsa) args << "--msa" << kExample + "1a3a_1_A.a3m";
        const CliRun r = runCli(args, 60000);
        QVERIFY2(r.exitCode > 0, r.out.constData());
        QVERIFY2(r.errText().contains(rr + ": line 4: ") && r.errText().contains(mustContain), r.err.constData());
        QVERIFY(r.out.isEmpty());  // no precision table computed without the pair
    }

    void duplicatesWarn() {
        const QString rr = dir_.filePath("dup.rr");
        QFile f(rr);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1 40 0 8 0.2\n40 1 0 8 0.9\n3 50 0 8 0.4\n");
        f.close();
        const CliRun r = runCli({"evaluate", "--contacts", rr, "--structure", kExample + "1a3a.pdb"}, 60000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.errText().contains("1 line of " + rr + " repeats a pair"), r.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliHostileInputs)
#include "test_cli_hostile_inputs.moc"
