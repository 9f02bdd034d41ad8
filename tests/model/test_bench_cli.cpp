// `axialscope-cli bench`: the one-line JSON report users script against, its column-
// attention modes, and its errors; the fraction of the peak per run that it reports. Tiny MSAs keep it quick; the
// official-size model (random weights) is still built, so the peak RSS must include its 462 MB of weights.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "cli_run.hpp"
#include "model/benchmark.hpp"

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
        // Every run's peak is at most the highest probe, so the strict reading is the lower.
        QVERIFY(o["highest_peak_gflops"].toDouble() >= o["peak_gflops"].toDouble() - 0.05);
        QVERIFY(o["of_highest_peak"].toDouble() > 0.0);
        QVERIFY(o["of_highest_peak"].toDouble() <= o["of_peak"].toDouble() + 0.0005);
        QVERIFY(o["cpu"].toString().contains("("));     // model name (family .. model ..): flags
        QVERIFY(o["peak_rss_mib"].toDouble() > 440.0);  // 115.6 M float32 parameters are resident
        QVERIFY(o["estimate_mib"].toDouble() > 440.0);
    }
    void fractionOfRunPeak() {
        axs::ForwardBenchmark b;
        QCOMPARE(axs::medianFractionOfRunPeak(b, 10.0), 0.0);  // no probes, no fraction
        b.runSeconds = {2.0, 1.0, 4.0};
        b.runPeakGflops = {10.0, 20.0, 10.0};
        // 10 GFLOP in 2 s at a 10 GFLOP/s peak: 0.5; in 1 s at 20: 0.5; in 4 s at 10: 0.25.
        QCOMPARE(axs::medianFractionOfRunPeak(b, 10.0), 0.5);
        b.runSeconds = {1.0, 2.0};
        b.runPeakGflops = {10.0, 10.0};
        QCOMPARE(axs::medianFractionOfRunPeak(b, 10.0), 0.5);  // of two, the lower (the slower run's)
        b.runPeakGflops = {0.0, 10.0};                         // a failed probe counts no run
        QCOMPARE(axs::medianFractionOfRunPeak(b, 10.0), 0.5);
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
