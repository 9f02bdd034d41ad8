// axialscope-cli info on checkpoints, a regression file, an MSA and hostile input.
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.hpp"
#include "test_paths.hpp"
#include "torch_writer.hpp"

using axs::test::CliRun;

namespace {

/// `axialscope-cli info ARGS` (quick: a minute is plenty).
CliRun info(const QStringList& args) { return axs::test::runCli(QStringList{"info"} + args, 60000); }

}  // namespace

class TestCliInfo : public QObject {
    Q_OBJECT
private slots:
    void describesCheckpoints_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("fp16 zip") << "reference/models/msa_t4_e96_h6_fp16.pt"
                                  << QStringList{"layers (L):          4",      "embed dim (D):       96",
                                                 "heads (H):           6",      "ffn dim (F):         384",
                                                 "max positions:       256",    "row embedding:       1024 rows x 96",
                                                 "container:           zip",    "dtype:               float16",
                                                 "contact regression:  found: "};
        QTest::newRow("legacy") << "reference/models/msa_t2_e128_h2_legacy.pt"
                                << QStringList{"container:           legacy", "dtype:               float32",
                                               "ESM-MSA-1b layout", "parameters:          813,094"};
        QTest::newRow("ESM-MSA-1 layout") << "reference/models/msa1style_t2_e48_h3.pt"
                                          << QStringList{"row embedding:       1024 rows x 1", "ESM-MSA-1 layout"};
        QTest::newRow("regression file") << "reference/official_samples/esm_msa1b_t12_100M_UR50S-contact-regression.pt"
                                         << QStringList{"contact_head.regression.weight", "(1 x 144)", "float16",
                                                        "41 non-zero"};
        QTest::newRow("MSA") << "reference/inputs/1a3a_1_A.first8.a3m"
                             << QStringList{"format:              a3m", "depth:               8 sequences"};
    }
    void describesCheckpoints() {
        QFETCH(QString, file);
        QFETCH(QStringList, lines);
        const CliRun r = info({axs::test::dataPath(file)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const QString out = QString::fromUtf8(r.out);
        for (const QString& l : lines) QVERIFY2(out.contains(l), qPrintable(l + "\n---\n" + out));
    }

    void missingRegressionIsReported() {
        QTemporaryDir dir;
        const QString copy = dir.filePath("m.pt");
        QVERIFY(QFile::copy(axs::test::dataPath("reference/models/msa_t2_e32_h4.pt"), copy));
        const CliRun r = info({copy});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains("contact regression:  not found (looked for " + dir.filePath("m-contact-regression.pt")),
                 qPrintable(out));
    }

    void hostileFileFailsCleanly() {
        QTemporaryDir dir;
        const QString path = dir.filePath("evil.pt");
        axs::test::PickleWriter w;
        w.proto(2)
            .global("posix", "system")
            .mark()
            .str("touch " + dir.filePath("pwned").toStdString())
            .tuple()
            .reduce()
            .stop();
        axs::test::writeZip(path.toStdString(), w.bytes(), {});
        const CliRun r = info({path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains(path + ": refuses to load: the pickle calls posix.system (not allowed)"),
                 qPrintable(r.errText()));
        QVERIFY(!QFile::exists(dir.filePath("pwned")));
    }

    void usage() {
        QCOMPARE(info({"--help"}).exitCode, 0);
        QVERIFY(info({"--help"}).out.contains("usage: axialscope-cli info FILE"));
        QCOMPARE(info({}).exitCode, 1);
        QCOMPARE(info({"a", "b"}).exitCode, 1);
        QCOMPARE(info({"/nonexistent/file.pt"}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "test_cli_info.moc"
