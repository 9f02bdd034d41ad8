// `axialscope-cli predict` end to end: every single-MSA golden case from its .a3m input
// (all rows, the case's chunking threshold) must reproduce the golden .npy files, and the
// contact lists must be written. Plus the errors a user can run into.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "cli_run.hpp"
#include "common/npy.hpp"
#include "golden_manifest.hpp"

using axs::test::CliRun;
using axs::test::GoldenCase;
using axs::test::runCli;

Q_DECLARE_METATYPE(GoldenCase)

namespace {

QString outputsFor(const GoldenCase& g) {
    QStringList reprs;
    for (int k : g.reprLayers) reprs << QString::number(k);
    return "tokens,logits,repr:" + reprs.join(':') + ",row_attentions,col_attentions,contacts";
}

}  // namespace

class TestPredictCli : public QObject {
    Q_OBJECT
private slots:
    void matchesGolden_data() {
        QTest::addColumn<GoldenCase>("golden");
        for (const GoldenCase& g : axs::test::loadGoldenCases())
            if (!g.padded()) QTest::newRow(qPrintable(g.id)) << g;
    }
    void matchesGolden() {
        QFETCH(GoldenCase, golden);
        QTemporaryDir out;
        const CliRun run = runCli({"predict", "--model", axs::test::referencePath(golden.checkpoints.front()), "--msa",
                                   axs::test::referencePath(golden.inputs.front()), "--out", out.path(), "--max-seqs",
                                   "all", "--max-tokens-per-msa", QString::number(golden.maxTokensPerMsa), "--outputs",
                                   outputsFor(golden), "--threads", "2"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        for (const auto& o : golden.outputs) {
            const std::string actualPath = out.filePath(o.name + ".npy").toStdString();
            const std::string goldenPath = axs::test::referencePath(o.file).toStdString();
            if (o.name == "tokens") {
                const axs::TensorI64 a = axs::readNpyInt64(actualPath), e = axs::readNpyInt64(goldenPath);
                QCOMPARE(a.shape, e.shape);
                QCOMPARE(a.data, e.data);
                continue;
            }
            const axs::TensorF a = axs::readNpyFloat(actualPath), e = axs::readNpyFloat(goldenPath);
            QVERIFY2(a.shape == e.shape, qPrintable(o.name + ": shape " + QString::fromStdString(a.shapeString())));
            const auto dev = axs::test::compareTensors(a, e, o.atol);
            QVERIFY2(dev.worstRatio <= 1.0,
                     qPrintable(QString("%1%2: error %3 > atol %4")
                                    .arg(o.name, QString::fromStdString(axs::test::indexText(dev.where, e.shape)))
                                    .arg(dev.worstError)
                                    .arg(o.atol)));
        }
        // The contact lists: every pair i<j once, plus the RR header with the query.
        const auto tokensOut = std::find_if(golden.outputs.begin(), golden.outputs.end(),
                                            [](const auto& o) { return o.name == "tokens"; });
        QVERIFY(tokensOut != golden.outputs.end());
        const int64_t T = tokensOut->shape.back() - 1;  // tokens: 1 x R x C
        QFile csv(out.filePath("contacts.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), int(1 + T * (T - 1) / 2));
        QCOMPARE(lines.front().trimmed(), QByteArray("i,j,probability,residue_i,residue_j,cb_distance,true_contact"));
        QFile rr(out.filePath("contacts.rr"));
        QVERIFY(rr.open(QIODevice::ReadOnly));
        QVERIFY(rr.readAll().startsWith("PFRMAT RR"));
    }

    void contactsNeedRegressionFile() {
        QTemporaryDir dir;
        const QString model = dir.filePath("lonely.pt");
        QVERIFY(QFile::copy(axs::test::referencePath("models/msa_t2_e32_h4.pt"), model));
        const QString msa = axs::test::referencePath("inputs/handmade_3x10.a3m");
        CliRun run = runCli({"predict", "--model", model, "--msa", msa, "--out", dir.filePath("out")});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.errText().contains("lonely.pt") && run.errText().contains("contact-regression"),
                 qPrintable(run.errText()));
        // Without contacts the same model runs.
        run = runCli({"predict", "--model", model, "--msa", msa, "--out", dir.filePath("out"), "--outputs", "logits"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(QFile::exists(dir.filePath("out/logits.npy")));
        QVERIFY(!QFile::exists(dir.filePath("out/contacts.csv")));
    }

    void rejectsBadOptions_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown output") << QStringList{"--outputs", "tokens,attn"} << "unknown output 'attn'";
        QTest::newRow("repr beyond last layer") << QStringList{"--outputs", "repr:3"} << "repr:3";
        QTest::newRow("bad subsample") << QStringList{"--subsample", "random"} << "greedy or first";
        QTest::newRow("bad precision") << QStringList{"--precision", "fp16"} << "fp32 or bf16";
        QTest::newRow("query row outside") << QStringList{"--query-row", "7"} << "handmade_3x10.a3m";
        QTest::newRow("zero max-seqs") << QStringList{"--max-seqs", "0"} << "--max-seqs";
    }
    void rejectsBadOptions() {
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const CliRun run =
            runCli(QStringList{"predict", "--model", axs::test::referencePath("models/msa_t2_e32_h4.pt"), "--msa",
                               axs::test::referencePath("inputs/handmade_3x10.a3m"), "--out", dir.path()} +
                   extra);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.errText().contains(expected), qPrintable(run.errText()));
    }

    void queryRowAndSubsampling() {
        QTemporaryDir dir;
        const CliRun run =
            runCli({"predict", "--model", axs::test::referencePath("models/msa_t2_e128_h2.pt"), "--msa",
                    axs::test::referencePath("inputs/1xcr_1_A.first16.a3m"), "--out", dir.path(), "--max-seqs", "5",
                    "--subsample", "first", "--query-row", "3", "--outputs", "tokens"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const axs::TensorI64 t = axs::readNpyInt64(dir.filePath("tokens.npy").toStdString());
        QCOMPARE(t.shape[1], int64_t{5});
        // Row 3 of the file became the query: it equals row 3 of the all-rows golden tokens.
        const axs::TensorI64 all = axs::readNpyInt64(
            axs::test::referencePath("cases/msa_t2_e128_h2__1xcr_1_A_first16/tokens.npy").toStdString());
        for (int64_t c = 0; c < t.shape[2]; ++c) QCOMPARE(t.at(0, 0, c), all.at(0, 3, c));
        for (int64_t c = 0; c < t.shape[2]; ++c) QCOMPARE(t.at(0, 1, c), all.at(0, 0, c));
    }
};

QTEST_APPLESS_MAIN(TestPredictCli)
#include "test_predict_cli.moc"
