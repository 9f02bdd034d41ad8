// axialscope-cli evaluate run as a process: every baseline row of
// shared/data/derived/baseline_precision.tsv from its JSON output (with the MSA, and
// without it where the prediction file or the chain gives the query), the table output,
// and clear failures for bad input.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "baseline_rows.hpp"
#include "cli_run.hpp"
#include "metrics/contact_precision.hpp"

using axs::test::CliRun;

namespace {

/// `axialscope-cli evaluate ARGS` (quick: a minute is plenty).
CliRun runEvaluate(const QStringList& args) { return axs::test::runCli(QStringList{"evaluate"} + args, 60000); }

/// The JSON precision object viewed like a ContactEvaluation for printedPrecisions().
struct JsonEval {
    QJsonObject precision;
    struct R {
        double pAtL, pAtL2, pAtL5;
    };
    R operator[](axs::ContactRange r) const {
        const QJsonObject o = precision[axs::rangeBounds(r).name].toObject();
        return {o["P@L"].toDouble(), o["P@L/2"].toDouble(), o["P@L/5"].toDouble()};
    }
};

}  // namespace

class TestEvaluateCli : public QObject {
    Q_OBJECT
private slots:
    void baselineRows_data() { axs::test::addBaselineRows(); }
    void baselineRows() {
        AXS_FETCH_BASELINE_ROW(row);
        for (bool withMsa : {true, false}) {
            QStringList args{"--contacts", row.prediction, "--structure", row.structure, "--json"};
            if (row.chain.trimmed().size()) args << "--chain" << row.chain;
            if (withMsa) args << "--msa" << row.msa << "--query-row" << QString::number(row.queryRow);
            const CliRun r = runEvaluate(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject o = QJsonDocument::fromJson(r.out).object();
            QVERIFY2(!o.isEmpty(), r.out.constData());
            QCOMPARE(QString::number(o["L"].toInt()), row.expected[0]);
            QCOMPARE(QString::number(o["Lc"].toInt()), row.expected[1]);
            QCOMPARE(axs::test::printedPrecisions(JsonEval{o["precision"].toObject()}), row.expected.mid(2));
            QCOMPARE(o["mapping"].toObject()["low_confidence"].toBool(), false);
            QCOMPARE(o["warnings"].toArray().size(), 0);
        }
    }

    void tableOutput() {
        AXS_REQUIRE_SHARED(pred, "data/baselines/1atz/1atzA.apc.mat");
        AXS_REQUIRE_SHARED(xray, "data/structures/1atz/1atz.pdb");
        AXS_REQUIRE_SHARED(msa, "data/msa/1atz/1atzA.aln");
        // X-ray chain A 925-1108 with the PSICOV target row: mapped by alignment.
        const CliRun r =
            runEvaluate({"--contacts", pred, "--structure", xray, "--chain", "A", "--msa", msa, "--query-row", "2634"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains("q1-75 -> 925-999"), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression("long\\s+0\\.4000\\s+0\\.5676\\s+0\\.8000")), qPrintable(out));
    }

    void poorMatchWarns() {
        AXS_REQUIRE_SHARED(pred, "data/baselines/1guu/1guuA.con");
        AXS_REQUIRE_SHARED(st, "data/structures/1guu/1guu.pdb");
        AXS_REQUIRE_SHARED(msa, "data/msa/1guu/1guuA.aln");
        // Row 0 is not the target (MANIFEST): still a result, with a warning.
        const CliRun r = runEvaluate({"--contacts", pred, "--structure", st, "--msa", msa});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("warning") && r.err.contains("identity"), r.err.constData());
    }

    void failures_data() {
        QTest::addColumn<QString>("what");
        QTest::newRow("corrupt structure") << "structure";
        QTest::newRow("corrupt prediction") << "prediction";
        QTest::newRow("missing option") << "option";
    }
    void failures() {
        QFETCH(QString, what);
        QTemporaryDir dir;
        const QString bad = dir.filePath("broken.file");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is neither a structure nor a contact list\n");
        f.close();
        const QString good = axs::test::dataPath("structure/2VQC.pdb");
        const QString rr = axs::test::dataPath("contacts/body_only.con");
        CliRun r;
        if (what == "structure") r = runEvaluate({"--contacts", rr, "--structure", bad});
        if (what == "prediction") r = runEvaluate({"--contacts", bad, "--structure", good});
        if (what == "option") r = runEvaluate({"--structure", good});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(what == "option" ? QByteArray("--contacts") : bad.toUtf8()), r.err.constData());
    }

    void help() {
        const CliRun r = runEvaluate({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--structure"));
    }
};

QTEST_APPLESS_MAIN(TestEvaluateCli)
#include "test_evaluate_cli.moc"
