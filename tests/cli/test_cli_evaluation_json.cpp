// `predict --structure` writes evaluation.json with the same schema and numbers that
// `evaluate --json` gives for the contacts.npy it wrote (one report, three commands).
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.hpp"
#include "test_paths.hpp"

using axs::test::CliRun;
using axs::test::runCli;

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class TestCliEvaluationJson : public QObject {
    Q_OBJECT
private slots:
    void predictEvaluationMatchesEvaluate() {
        QTemporaryDir dir;
        const QString model = axs::test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt");
        const QString msa = axs::test::dataPath("reference/inputs/1a3a_1_A.first8.a3m");
        const QString pdb = QStringLiteral(AXS_TEST_DATA) + "/../../resources/examples/1a3a/1a3a.pdb";
        const CliRun predict = runCli(
            {"predict", "--model", model, "--msa", msa, "--out", dir.path(), "--structure", pdb, "--chain", "A"});
        QVERIFY2(predict.exitCode == 0, predict.err.constData());
        const QJsonObject fromPredict = readJson(dir.filePath("evaluation.json"));
        QVERIFY(!fromPredict.isEmpty());

        const CliRun evaluate = runCli({"evaluate", "--contacts", dir.filePath("contacts.npy"), "--structure", pdb,
                                        "--chain", "A", "--msa", msa, "--json"});
        QVERIFY2(evaluate.exitCode == 0, evaluate.err.constData());
        const QJsonObject fromEvaluate = QJsonDocument::fromJson(evaluate.out).object();

        QCOMPARE(fromPredict["L"].toInt(), 145);
        QCOMPARE(fromPredict["L"], fromEvaluate["L"]);
        QCOMPARE(fromPredict["precision"].toObject(), fromEvaluate["precision"].toObject());
        QCOMPARE(fromPredict["mapping"].toObject()["segments"].toString(), QString("q1-145 -> 4-148"));
        for (const QString range : {"long", "medium", "short", "local"}) {
            const QJsonObject r = fromPredict["precision"].toObject()[range].toObject();
            for (const QString key : {"P@L", "P@L/2", "P@L/5", "AUC"})
                QVERIFY2(r.contains(key), qPrintable(range + key));
        }
    }

    void structureNeedsContacts() {
        QTemporaryDir dir;
        const CliRun r = runCli({"predict", "--model", axs::test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt"),
                                 "--msa", axs::test::dataPath("reference/inputs/1a3a_1_A.first8.a3m"), "--out",
                                 dir.path(), "--outputs", "tokens", "--structure", "/nonexistent.pdb"});
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.err.contains("--structure needs 'contacts'"));
    }

    void badStructureFailsBeforeTheRun() {
        QTemporaryDir dir;
        const CliRun r = runCli({"predict", "--model", axs::test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt"),
                                 "--msa", axs::test::dataPath("reference/inputs/1a3a_1_A.first8.a3m"), "--out",
                                 dir.path(), "--structure", axs::test::dataPath("reference/inputs/handmade_3x10.a3m")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("handmade_3x10.a3m"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("contacts.npy")));
    }
};

QTEST_APPLESS_MAIN(TestCliEvaluationJson)
#include "test_cli_evaluation_json.moc"
