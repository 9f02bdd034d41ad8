// `axialscope-cli coevolution` end to end: output files, their content, and errors.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.hpp"
#include "common/npy.hpp"
#include "test_paths.hpp"

using axs::test::CliRun;

namespace {

/// `axialscope-cli coevolution ARGS`.
CliRun runCoevolution(const QStringList& args) { return axs::test::runCli(QStringList{"coevolution"} + args); }

QStringList lines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestCoevolutionCli : public QObject {
    Q_OBJECT
private slots:
    void writesContacts_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("plm") << "plm";
        QTest::newRow("mi") << "mi";
    }
    void writesContacts() {
        QFETCH(QString, method);
        QTemporaryDir dir;
        const QString out = dir.filePath("out/nested");  // created on demand
        const CliRun r = runCoevolution({"--msa", axs::test::dataPath("coevolution/planted_60x24.aln"), "--method",
                                         method, "--out", out, "--threads", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));

        const axs::TensorF map = axs::readNpyFloat((out + "/contacts.npy").toStdString());
        QCOMPARE(map.shape, (std::vector<int64_t>{24, 24}));
        for (int i = 0; i < 24; ++i) {
            QCOMPARE(map.at(i, i), 0.0f);
            for (int j = 0; j < 24; ++j) QCOMPARE(map.at(i, j), map.at(j, i));
        }
        const QStringList csv = lines(out + "/contacts.csv");
        QCOMPARE(csv.size(), 1 + 24 * 23 / 2);
        QCOMPARE(csv[0], QString("i,j,probability,residue_i,residue_j,cb_distance,true_contact"));
        QVERIFY2(csv[1].startsWith("4,18,"), qPrintable("the planted pair should rank first, got " + csv[1]));
        const QStringList rr = lines(out + "/contacts.rr");
        QCOMPARE(rr[0], QString("PFRMAT RR"));
        QCOMPARE(rr[1], QString("TARGET planted_60x24"));
        QCOMPARE(rr[3], QString("MFPDDVENWCTHCDQQDKDVQCWE"));
        QVERIFY(rr[4].startsWith("4 18 0 8 "));
        QCOMPARE(rr.last(), QString("END"));
        QVERIFY(!QFile::exists(out + "/evaluation.json"));
    }

    void queryRowIsMovedFirst() {
        QTemporaryDir dir;
        const CliRun r = runCoevolution({"--msa", axs::test::dataPath("coevolution/planted_60x24.aln"), "--query-row",
                                         "2", "--method", "mi", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QCOMPARE(lines(dir.filePath("contacts.rr"))[3], QString("MFPDDFPNDCTHCDQNPKDVACWE"));
    }

    void evaluatesAgainstStructure() {
        AXS_REQUIRE_SHARED(msa, "data/msa/1psm/bfd_uniclust_hits.a3m");
        AXS_REQUIRE_SHARED(cif, "data/structures/1psm/1psm.cif");
        QTemporaryDir dir;
        const CliRun r =
            runCoevolution({"--msa", msa, "--method", "mi", "--out", dir.path(), "--structure", cif, "--chain", "A"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QFile f(dir.filePath("evaluation.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        for (const char* key : {"contacts", "format", "structure", "chain", "query_source", "query", "mapping",
                                "warnings", "L", "Lc", "precision"})
            QVERIFY2(o.contains(key), key);
        QCOMPARE(o["L"].toInt(), 38);
        QCOMPARE(o["Lc"].toInt(), 38);
        QCOMPARE(o["chain"].toString(), QString("A"));
        QCOMPARE(o["mapping"].toObject()["identical"].toInt(), 38);
        QVERIFY(o["precision"].toObject().contains("long"));
    }

    void rejectsBadUse_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString msa = axs::test::dataPath("coevolution/planted_60x24.aln");
        QTest::newRow("no msa") << QStringList{"--method", "plm", "--out", "x"} << "--msa";
        QTest::newRow("no method") << QStringList{"--msa", msa, "--out", "x"} << "--method";
        QTest::newRow("bad method") << QStringList{"--msa", msa, "--method", "dca", "--out", "x"} << "dca";
        QTest::newRow("chain alone") << QStringList{"--msa", msa, "--method", "mi", "--out", "x", "--chain", "A"}
                                     << "--structure";
        QTest::newRow("missing file") << QStringList{"--msa", "/nonexistent/a.aln", "--method", "mi", "--out", "x"}
                                      << "/nonexistent/a.aln";
        QTest::newRow("query row out of range")
            << QStringList{"--msa", msa, "--query-row", "60", "--method", "mi", "--out", "x"} << "planted_60x24.aln";
        QTest::newRow("zero threads") << QStringList{"--msa", msa, "--method", "mi", "--out", "x", "--threads", "0"}
                                      << "--threads";
    }
    void rejectsBadUse() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QDir::setCurrent(dir.path());
        const CliRun r = runCoevolution(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
        QVERIFY(!QFile::exists(dir.filePath("x/contacts.npy")));
    }

    void printsHelp() {
        const CliRun r = runCoevolution({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--method plm|mi"));
    }
};

QTEST_APPLESS_MAIN(TestCoevolutionCli)
#include "test_coevolution_cli.moc"
