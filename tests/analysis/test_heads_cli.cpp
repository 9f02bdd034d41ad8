// `axialscope-cli heads` end to end on real MSAs and structures with the small reference
// models: the CSV and JSON must hold one entry per head with exactly the values the
// library gives for the same pipeline (read, subsample, forward, map, score), the
// regression weights of the model and the contact head's own precision. Plus the errors a
// user can run into (a structure that does not match the query above all).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "analysis/head_scores.hpp"
#include "checkpoint/checkpoint.hpp"
#include "cli_run.hpp"
#include "metrics/contact_precision.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"
#include "structure/contact_map.hpp"
#include "structure/query_mapping.hpp"
#include "structure/structure.hpp"
#include "test_paths.hpp"

using axs::test::CliRun;

namespace {

/// `axialscope-cli heads ARGS`.
CliRun runHeads(const QStringList& args) { return axs::test::runCli(QStringList{"heads"} + args); }

QString model(const QString& name) { return axs::test::dataPath("reference/models/" + name + ".pt"); }
QString committedStructure() { return QStringLiteral(AXS_ANALYSIS_DATA) + "/1a3a.pdb.gz"; }
QString committedMsa() { return axs::test::dataPath("reference/inputs/1a3a_1_A.first8.a3m"); }

struct Case {
    QString model, msa, structure;  ///< msa / structure "" when ../shared is absent
    QString sharedNeeded;           ///< for the skip message
    size_t maxSeqs = 128;           ///< 0 = all
    axs::SubsampleMode mode = axs::SubsampleMode::Greedy;
    axs::ContactRange range = axs::ContactRange::Long;
    double fraction = 1.0;
    QStringList extraArgs;  ///< the CLI options that say the same as the fields above
};

/// The library's answer for the same pipeline as the CLI.
struct Expected {
    axs::HeadScores scores;
    std::vector<float> weights;
    double contactHead = 0;
};

Expected libraryRun(const Case& c) {
    const axs::Checkpoint ckpt = axs::loadCheckpoint(c.model.toStdString());
    const axs::MsaTransformer m = axs::MsaTransformer::fromCheckpoint(ckpt);
    axs::Msa msa = axs::readMsa(c.msa.toStdString());
    if (c.maxSeqs != 0 && msa.depth() > c.maxSeqs) msa = axs::subsample(msa, c.maxSeqs, c.mode);
    axs::ForwardOptions fo;
    fo.rowAttentions = true;
    fo.contacts = true;
    fo.threads = 2;
    const axs::ForwardResult r = m.forward(axs::tokenizeMsa(msa), fo);
    const axs::ProteinStructure st = axs::readStructure(c.structure.toStdString());
    const axs::StructureChain& chain = st.defaultChain();
    const axs::QueryContactMap truth = axs::queryContactMap(chain, axs::mapQueryToChain(msa.query(), chain));
    axs::HeadScoreOptions o;
    o.range = c.range;
    o.fraction = c.fraction;
    o.threads = 2;
    Expected e;
    e.scores = axs::scoreHeads(r.rowAttentions, truth.contacts, o);
    e.weights = m.contactRegressionWeights();
    const int64_t T = r.contacts.shape[1];
    axs::TensorF map({T, T});
    std::copy(r.contacts.data.begin(), r.contacts.data.end(), map.data.begin());
    e.contactHead = axs::contactPrecision(map, truth.contacts, c.range, c.fraction);
    return e;
}

/// A 20-residue poly-glycine backbone: a real, readable structure of nothing in our MSAs.
QString writeUnrelatedPdb(const QTemporaryDir& dir) {
    const QString path = dir.filePath("polygly.pdb");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    int serial = 1;
    for (int r = 1; r <= 20; ++r) {
        const double x = 3.8 * r;
        const struct {
            const char* name;
            double dx, dy;
            const char* element;
        } atoms[] = {{" N  ", -1.2, 0.5, "N"}, {" CA ", 0.0, 0.0, "C"}, {" C  ", 1.2, 0.6, "C"}};
        for (const auto& a : atoms)
            f.write(QString::asprintf("ATOM  %5d %4s GLY A%4d    %8.3f%8.3f%8.3f  1.00  0.00          %2s\n", serial++,
                                      a.name, r, x + a.dx, a.dy, 0.0, a.element)
                        .toLatin1());
    }
    f.write("END\n");
    return path;
}

}  // namespace

Q_DECLARE_METATYPE(Case)

class TestHeadsCli : public QObject {
    Q_OBJECT
private slots:
    void matchesLibrary_data() {
        QTest::addColumn<Case>("c");
        Case committed;  // runs without ../shared
        committed.model = model("msa_t4_e96_h6_fp16");
        committed.msa = committedMsa();
        committed.structure = committedStructure();
        QTest::newRow("1a3a first 8 rows, t4 e96 h6") << committed;

        // The ESM notebook's example, default options (greedy 128 of 1024 rows). 145
        // columns: too wide for msa_t2_e32_h4 (63 at most, see errors), so the t4 model.
        Case full;
        full.model = model("msa_t4_e96_h6_fp16");
        full.msa = axs::test::sharedPath("data/msa/1a3a/1a3a_1_A.a3m");
        full.structure = axs::test::sharedPath("data/structures/1a3a/1a3a.pdb");
        full.sharedNeeded = "data/msa/1a3a and data/structures/1a3a";
        QTest::newRow("1a3a greedy 128, t4 e96 h6") << full;

        // The small t2 e32 h4 model on a protein it can take (43 columns; AGPL files, read
        // from ../shared only), with other options.
        Case small;
        small.model = model("msa_t2_e32_h4");
        small.msa = axs::test::sharedPath("data/msa/1mkc/1mkcA00.aln");
        small.structure = axs::test::sharedPath("data/structures/1mkc/1mkcA00.pdb");
        small.sharedNeeded = "data/msa/1mkc and data/structures/1mkc";
        small.maxSeqs = 64;
        small.mode = axs::SubsampleMode::First;
        small.range = axs::ContactRange::Medium;
        small.fraction = 0.5;
        small.extraArgs = {"--max-seqs", "64", "--subsample", "first", "--range", "medium", "--k", "L/2"};
        QTest::newRow("1mkc first 64, medium L/2, t2 e32 h4") << small;
    }
    void matchesLibrary() {
        QFETCH(Case, c);
        if (c.msa.isEmpty() || c.structure.isEmpty())
            QSKIP(qPrintable("needs ../shared/" + c.sharedNeeded + " (not present beside this clone)"));
        QTemporaryDir dir;
        const QString csvPath = dir.filePath("heads.csv");
        const CliRun run = runHeads(QStringList{"--model", c.model, "--msa", c.msa, "--structure", c.structure,
                                                "--threads", "2", "--csv", csvPath, "--json"} +
                                    c.extraArgs);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const Expected e = libraryRun(c);
        const auto heads = static_cast<size_t>(e.scores.layers * e.scores.heads);
        QCOMPARE(e.weights.size(), heads);

        // CSV: header + L*H rows, layer-major, exactly the library's values.
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(size_t(lines.size()), heads + 1);
        QCOMPARE(lines[0], QByteArray("layer,head,precision,regression_weight"));
        for (size_t f = 0; f < heads; ++f) {
            const QList<QByteArray> cells = lines[qsizetype(f + 1)].split(',');
            QCOMPARE(cells.size(), 4);
            QCOMPARE(size_t(cells[0].toULongLong()), f / size_t(e.scores.heads));
            QCOMPARE(size_t(cells[1].toULongLong()), f % size_t(e.scores.heads));
            QCOMPARE(cells[2].toDouble(), e.scores.precision[f]);
            QCOMPARE(cells[3].toFloat(), e.weights[f]);
        }

        // JSON: the same numbers, sorted by precision, and the contact head's precision.
        QJsonParseError perr;
        const QJsonObject js = QJsonDocument::fromJson(run.out, &perr).object();
        QVERIFY2(perr.error == QJsonParseError::NoError,
                 qPrintable(perr.errorString() + ": " + QString::fromUtf8(run.out)));
        QCOMPARE(js["layers"].toInt(), int(e.scores.layers));
        QCOMPARE(js["heads"].toInt(), int(e.scores.heads));
        QCOMPARE(size_t(js["top_k"].toInteger()), e.scores.topK);
        QVERIFY(e.scores.topK > 0);
        QCOMPARE(js["range"].toString(), QString(axs::rangeBounds(c.range).name));
        QCOMPARE(js["contact_head_precision"].toDouble(), e.contactHead);
        const QJsonArray table = js["head_scores"].toArray();
        QCOMPARE(size_t(table.size()), heads);
        const std::vector<size_t> order = e.scores.rankedByPrecision();
        for (size_t n = 0; n < heads; ++n) {
            const QJsonObject row = table[qsizetype(n)].toObject();
            const size_t f = order[n];
            QCOMPARE(size_t(row["layer"].toInt()), f / size_t(e.scores.heads));
            QCOMPARE(size_t(row["head"].toInt()), f % size_t(e.scores.heads));
            QCOMPARE(row["precision"].toDouble(), e.scores.precision[f]);
            QCOMPARE(float(row["regression_weight"].toDouble()), e.weights[f]);
            if (n > 0)
                QVERIFY(table[qsizetype(n - 1)].toObject()["precision"].toDouble() >= row["precision"].toDouble());
        }
    }

    void table() {
        const CliRun run = runHeads({"--model", model("msa_t4_e96_h6_fp16"), "--msa", committedMsa(), "--structure",
                                     committedStructure(), "--threads", "2"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        Case c;
        c.model = model("msa_t4_e96_h6_fp16");
        c.msa = committedMsa();
        c.structure = committedStructure();
        const Expected e = libraryRun(c);
        const std::vector<size_t> order = e.scores.rankedByPrecision();
        // One line per head, best first: "rank  layer  head  precision  weight".
        const QString out = QString::fromUtf8(run.out);
        const QStringList lines = out.split('\n');
        const qsizetype header = lines.indexOf("rank  layer  head  precision  regression_weight");
        QVERIFY2(header >= 0, qPrintable(out));
        for (size_t n = 0; n < order.size(); ++n) {
            const QStringList cells = lines[header + 1 + qsizetype(n)].split(' ', Qt::SkipEmptyParts);
            QCOMPARE(cells.size(), 5);
            QCOMPARE(cells[0].toULongLong(), n + 1);
            QCOMPARE(cells[1].toULongLong(), order[n] / size_t(e.scores.heads));
            QCOMPARE(cells[2].toULongLong(), order[n] % size_t(e.scores.heads));
            QCOMPARE(cells[3], QString::number(e.scores.precision[order[n]], 'f', 4));
        }
        QVERIFY2(out.contains("contact head: precision " + QString::number(e.contactHead, 'f', 4)), qPrintable(out));
    }

    void withoutRegressionFile() {
        // The model file alone (no <model>-contact-regression.pt beside it): heads are still
        // scored; weights and the contact head's precision are reported as unavailable.
        QTemporaryDir dir;
        const QString lone = dir.filePath("lone.pt");
        QVERIFY(QFile::copy(model("msa_t4_e96_h6_fp16"), lone));
        const QString csvPath = dir.filePath("heads.csv");
        const CliRun run = runHeads({"--model", lone, "--msa", committedMsa(), "--structure", committedStructure(),
                                     "--csv", csvPath, "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const QJsonObject js = QJsonDocument::fromJson(run.out).object();
        QVERIFY(js["contact_head_precision"].isNull());
        QCOMPARE(js["head_scores"].toArray().size(), 24);
        QVERIFY(js["head_scores"].toArray()[0].toObject()["regression_weight"].isNull());
        QVERIFY(js["warnings"].toArray().size() == 1);
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 25);
        for (qsizetype n = 1; n < lines.size(); ++n) QVERIFY2(lines[n].endsWith(','), lines[n].constData());
    }

    void allowMismatch() {
        // Row 1 of the MSA is a homologue, not the protein of the structure.
        const CliRun refused = runHeads({"--model", model("msa_t4_e96_h6_fp16"), "--msa", committedMsa(), "--structure",
                                         committedStructure(), "--query-row", "1"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.errText().contains("does not match the query"), qPrintable(refused.errText()));
        const CliRun allowed = runHeads({"--model", model("msa_t4_e96_h6_fp16"), "--msa", committedMsa(), "--structure",
                                         committedStructure(), "--query-row", "1", "--allow-mismatch"});
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.errText()));
        QVERIFY2(allowed.errText().contains("warning:"), qPrintable(allowed.errText()));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messagePart");
        const QString m = model("msa_t4_e96_h6_fp16"), msa = committedMsa(), st = committedStructure();
        const QStringList base = {"--model", m, "--msa", msa, "--structure", st};
        QTest::newRow("unrelated structure")
            << QStringList{"--model", m, "--msa", msa, "--structure", "@POLYGLY@"} << "does not match the query";
        QTest::newRow("wide MSA for a 64-position model")
            << QStringList{"--model", model("msa_t2_e32_h4"), "--msa", msa, "--structure", st} << "at most 63";
        QTest::newRow("missing structure option") << QStringList{"--model", m, "--msa", msa} << "--structure";
        QTest::newRow("structure file missing")
            << QStringList{"--model", m, "--msa", msa, "--structure", "/nonexistent/x.pdb"} << "/nonexistent/x.pdb";
        QTest::newRow("no such chain") << base + QStringList{"--chain", "Z"} << "Z";
        QTest::newRow("bad range") << base + QStringList{"--range", "far"} << "--range";
        QTest::newRow("bad k") << base + QStringList{"--k", "L/3"} << "--k";
        QTest::newRow("bad subsample") << base + QStringList{"--subsample", "random"} << "--subsample";
        QTest::newRow("zero rows") << base + QStringList{"--max-seqs", "0"} << "--max-seqs";
        QTest::newRow("query row beyond the MSA") << base + QStringList{"--query-row", "8"} << "8";
        QTest::newRow("csv into a missing folder")
            << base + QStringList{"--csv", "/nonexistent/dir/h.csv"} << "/nonexistent/dir/h.csv";
        QTest::newRow("unknown option") << base + QStringList{"--top", "5"} << "--top";
    }
    void errors() {
        QFETCH(QStringList, args);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        args.replaceInStrings("@POLYGLY@", writeUnrelatedPdb(dir));
        const CliRun run = runHeads(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(messagePart), qPrintable(run.errText()));
        QVERIFY(run.out.isEmpty());
    }

    void help() {
        const CliRun run = runHeads({"--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("usage: axialscope-cli heads"));
    }
};

QTEST_APPLESS_MAIN(TestHeadsCli)
#include "test_heads_cli.moc"
