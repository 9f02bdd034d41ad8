// `axialscope-cli estimate`: the memory it plans against the measured peak of the very run
// it plans (predict, coevolution plm / mi), its row selection, and that it fails where the
// run would, with the run's message. The batch workflow asks Slurm for this memory.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

#include "cli_run.hpp"
#include "test_paths.hpp"

extern char** environ;

using axs::test::CliRun;
using axs::test::dataPath;
using axs::test::runCli;

namespace {

const QString kModel = QStringLiteral("reference/models/msa_t2_e128_h2.pt");
const QString kMsa = QStringLiteral("msa/T1001.a3m");  // 193 x 140

/// Peak resident memory (MiB) of one CLI run, from the kernel's accounting of that child
/// alone (wait4). Fails the test if the run fails.
double peakMibOfRun(const QStringList& args) {
    std::vector<QByteArray> storage{QByteArrayLiteral(AXS_CLI_PATH)};
    for (const QString& a : args) storage.push_back(a.toUtf8());
    std::vector<char*> argv;
    for (QByteArray& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &quiet, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) return -1;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

QJsonObject estimate(const QStringList& args) {
    const CliRun r = runCli(QStringList{"estimate", "--json"} + args);
    if (r.exitCode != 0) qWarning("%s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

/// The message after "axialscope-cli <command>: error: ".
QString errorMessage(const CliRun& r) {
    const QString text = r.errText().trimmed();
    const int at = text.indexOf(QStringLiteral("error: "));
    return at < 0 ? text : text.mid(at + 7);
}

}  // namespace

class TestEstimateCli : public QObject {
    Q_OBJECT
private slots:
    // What the batch workflow asks the scheduler for (the plan plus its default 10% margin)
    // must cover the run (else a memory-enforcing scheduler kills the job), and the plan must
    // not ask for much more: within 25% plus the fixed allowance for the program itself.
    // Measured: the model's plan is 2-15% above the peak (the fixed allowance weighs most on
    // the smallest run), plm's ~5% above it, mi's twice its ~12 MiB.
    void memoryCoversTheRun_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("runArgs");
        QTest::addColumn<QStringList>("estimateArgs");
        const QString msa = dataPath(kMsa), model = dataPath(kModel);
        QTest::newRow("model") << "model" << QStringList{"predict",   "--model", model,       "--msa",   msa,
                                                         "--threads", "2",       "--outputs", "contacts"}
                               << QStringList{"--model",   model, "--msa",     msa,
                                              "--threads", "2",   "--outputs", "contacts"};
        QTest::newRow("model, all rows, row attentions")
            << "model"
            << QStringList{"predict",
                           "--model",
                           model,
                           "--msa",
                           msa,
                           "--threads",
                           "2",
                           "--max-seqs",
                           "all",
                           "--outputs",
                           "contacts,row_attentions,logits"}
            << QStringList{"--model", model,        "--msa", msa,         "--threads",
                           "2",       "--max-seqs", "all",   "--outputs", "contacts,row_attentions,logits"};
        QTest::newRow("plm") << "plm" << QStringList{"coevolution", "--method", "plm", "--msa", msa, "--threads", "2"}
                             << QStringList{"--method", "plm", "--msa", msa, "--threads", "2"};
        QTest::newRow("mi") << "mi" << QStringList{"coevolution", "--method", "mi", "--msa", msa, "--threads", "2"}
                            << QStringList{"--method", "mi", "--msa", msa, "--threads", "2"};
    }
    void memoryCoversTheRun() {
        QFETCH(QString, method);
        QFETCH(QStringList, runArgs);
        QFETCH(QStringList, estimateArgs);
        QTemporaryDir dir;
        const QJsonObject plan = estimate(estimateArgs);
        QCOMPARE(plan["method"].toString(), method);
        const double planned = plan["memory_mib"].toDouble();
        const double measured = peakMibOfRun(runArgs + QStringList{"--out", dir.path()});
        QVERIFY2(measured > 0, "the run failed");
        qInfo("%s: planned %.0f MiB, measured peak %.0f MiB", qPrintable(method), planned, measured);
        QVERIFY2(measured <= 1.10 * planned,
                 qPrintable(QString("measured %1 > planned %2 + 10%").arg(measured).arg(planned)));
        QVERIFY2(planned <= 1.25 * measured + 16, qPrintable(QString("planned %1 for %2").arg(planned).arg(measured)));
    }

    void modelPlanHasTimeAndParts() {
        const QJsonObject plan = estimate({"--model", dataPath(kModel), "--msa", dataPath(kMsa), "--threads", "1"});
        QVERIFY(plan["seconds"].toDouble() > 0);
        QVERIFY(plan["gflop"].toDouble() > 0);
        QCOMPARE(plan["precision"].toString(), QString("fp32"));
        const QJsonObject parts = plan["memory"].toObject();
        double sum = 0;
        for (const QString key : {"model_mib", "loading_mib", "working_mib", "outputs_mib", "msa_mib"}) {
            QVERIFY2(parts.contains(key), qPrintable(key));
            sum += parts[key].toDouble();
        }
        QVERIFY(std::abs(std::ceil(sum) - plan["memory_mib"].toDouble()) <= 1);
        // plm and mi have no time estimate (the iteration count is not known in advance).
        QVERIFY(estimate({"--method", "plm", "--msa", dataPath(kMsa)})["seconds"].isNull());
    }

    // The rows and columns are those predict feeds to the model.
    void followsPredictsRowSelection() {
        const QJsonObject plan = estimate(
            {"--model", dataPath(kModel), "--msa", dataPath(kMsa), "--max-seqs", "50", "--subsample", "first"});
        QCOMPARE(plan["rows"].toInt(), 50);
        QCOMPARE(plan["columns"].toInt(), 140);
        QCOMPARE(plan["file_rows"].toInt(), 193);
        QCOMPARE(estimate({"--model", dataPath(kModel), "--msa", dataPath(kMsa)})["rows"].toInt(), 128);
        QCOMPARE(estimate({"--model", dataPath(kModel), "--msa", dataPath(kMsa), "--max-seqs", "all"})["rows"].toInt(),
                 193);
        // More rows, more memory; coevolution always takes every row.
        QVERIFY(estimate({"--model", dataPath(kModel), "--msa", dataPath(kMsa), "--max-seqs", "all"})["memory_mib"]
                    .toDouble() >
                estimate({"--model", dataPath(kModel), "--msa", dataPath(kMsa), "--max-seqs", "8"})["memory_mib"]
                    .toDouble());
        QCOMPARE(estimate({"--method", "mi", "--msa", dataPath(kMsa)})["rows"].toInt(), 193);
    }

    // Where the run would fail on its inputs, the estimate fails with the same message.
    void failsLikeTheRun_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("msaText");
        QTest::addColumn<QString>("expected");
        const QString wide =
            ">q\n" + QString("ACDEFGHIKL").repeated(103) + "\n>r\n" + QString("ACDEFGHIK-").repeated(103) + "\n";
        QTest::newRow("too wide for the model")
            << "predict"
            << "model" << wide << "the MSA has 1030 columns; this model takes at most 1023";
        const QString ragged = ">a\nACDEFGHIK\n>b\nACDEF\n";
        QTest::newRow("ragged, model") << "predict"
                                       << "model" << ragged << "record 2 'b'";
        QTest::newRow("ragged, plm") << "coevolution"
                                     << "plm" << ragged << "record 2 'b'";
    }
    void failsLikeTheRun() {
        QFETCH(QString, command);
        QFETCH(QString, method);
        QFETCH(QString, msaText);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString msa = dir.filePath("bad.a3m");
        QFile f(msa);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(msaText.toUtf8());
        f.close();
        QStringList common{"--msa", msa};
        if (method == "model") common << "--model" << dataPath(kModel);
        const CliRun run = runCli(QStringList{command, "--out", dir.filePath("out")} + common +
                                  (method == "model" ? QStringList{} : QStringList{"--method", method}));
        const CliRun planned = runCli(QStringList{"estimate", "--method", method} + common);
        QVERIFY(run.exitCode == 1 && planned.exitCode == 1);
        QVERIFY2(errorMessage(planned).contains(expected), planned.err.constData());
        QCOMPARE(errorMessage(planned), errorMessage(run));
    }

    void rejectsOptionsOfTheOtherRun() {
        const CliRun r = runCli({"estimate", "--method", "plm", "--msa", dataPath(kMsa), "--max-seqs", "5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--max-seqs applies to --method model only"), r.err.constData());
        const CliRun m = runCli({"estimate", "--method", "hmm", "--msa", dataPath(kMsa)});
        QVERIFY2(m.exitCode == 1 && m.err.contains("--method must be model, plm or mi"), m.err.constData());
        const CliRun missing = runCli({"estimate", "--msa", dataPath(kMsa)});
        QVERIFY2(missing.exitCode == 1 && missing.err.contains("--model"), missing.err.constData());
    }

    void sentenceWithoutJson() {
        const CliRun r = runCli({"estimate", "--method", "mi", "--msa", dataPath(kMsa), "--threads", "1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("mi on ") && r.out.contains("193 rows x 140 columns, 1 threads:") &&
                     r.out.contains(" MiB"),
                 r.out.constData());
    }
};

QTEST_APPLESS_MAIN(TestEstimateCli)
#include "test_estimate_cli.moc"
