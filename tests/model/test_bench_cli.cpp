// `axialscope-cli bench`: the one-line JSON report users script against, its column-
// attention modes, and its errors. Tiny MSAs keep it quick; the official-size model (random
// weights) is still built, so the peak RSS must include its 462 MB of weights.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "cli_run.hpp"

using axs::test::CliRun;
using axs::test::runCli;

class TestBenchCli : public QObject {
    Q_OBJECT
private slots:
    void jsonReport_data() {
        QTest::addColumn<QString>("columns");
        QTest::newRow("kept") << "keep";
        QTest::newRow("streamed") << "stream";
        QTest::newRow("none") << "none";
    }
    void jsonReport() {
        QFETCH(QString, columns);
        const CliRun run = runCli({"bench", "--rows", "3", "--cols", "12", "--threads", "1", "--reps", "2", "--json",
                                   "--col-attentions", columns});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out.count('\n'), 1);  // exactly one line
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(!o.isEmpty(), run.out.constData());
        QCOMPARE(o["rows"].toInt(), 3);
        QCOMPARE(o["cols"].toInt(), 12);
        QCOMPARE(o["precision"].toString(), QString("fp32"));
        QCOMPARE(o["threads"].toInt(), 1);
        QCOMPARE(o["col_attentions"].toString(), columns);
        const double seconds = o["seconds"].toDouble(), gflop = o["gflop"].toDouble();
        QVERIFY(seconds > 0.0);
        QVERIFY(qAbs(o["gflops"].toDouble() - gflop / seconds) <= 0.05 * gflop / seconds + 0.1);
        // A register-only FMA loop on one core: well above 1 GFLOP/s on anything with FMA.
        QVERIFY(o["peak_gflops"].toDouble() > 1.0);
        QVERIFY(o["of_peak"].toDouble() > 0.0 && o["of_peak"].toDouble() < 1.0);
        QVERIFY(o["peak_rss_mib"].toDouble() > 440.0);  // 115.6 M float32 parameters are resident
        QVERIFY(o["estimate_mib"].toDouble() > 440.0);
    }
    void rejectsBadOptions_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no size") << QStringList{"bench"} << "--rows and --cols";
        QTest::newRow("too many columns") << QStringList{"bench", "--rows", "2", "--cols", "1024"} << "1..1023";
        QTest::newRow("precision") << QStringList{"bench", "--rows", "2", "--cols", "4", "--precision", "fp8"}
                                   << "fp32 or bf16";
        QTest::newRow("column mode") << QStringList{"bench", "--rows", "2", "--cols", "4", "--col-attentions", "disk"}
                                     << "keep, stream or none";
    }
    void rejectsBadOptions() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 1);  // errors exit 1 (2 is for an unknown command)
        QVERIFY2(run.errText().contains(message), run.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestBenchCli)
#include "test_bench_cli.moc"
