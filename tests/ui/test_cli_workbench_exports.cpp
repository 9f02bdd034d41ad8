// One analysis, two front ends: for the same inputs, `axialscope-cli` and the workbench
// write byte-identical files for every export kind they share — the model's contacts as
// CSV (with the structure's verdicts), CASP RR and .npy, the per-head scores CSV, and the
// coevolution contacts in the same three formats. Two inputs: the bundled 1a3a example
// with its structure, and a Clustal alignment whose chosen query row has gap columns (the
// RR export must work there: gaps become X).
//
// A model run in the workbench takes the same rows and tokens as `predict` and agrees with
// its numbers to float rounding (the products' last bits depend on the calling thread);
// the bytes are compared on the same numbers: `predict`'s folder opened in the workbench
// (a saved analysis) exported again. Coevolution is computed by both and compared as is.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "cli_run.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "coevolution/coevolution_panel.hpp"
#include "common/npy.hpp"
#include "contactmap/contact_map_view.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/export_action.hpp"
#include "mainwindow/main_window.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

struct Inputs {
    QString msa;
    int queryRow = 0;
    QString structure;  ///< "" = none
    QString model;
    int maxSeqs = 0;  ///< 0 = all
};

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

/// "" when both files exist, are not empty and hold the same bytes; else what differs.
QString differences(const QString& cli, const QString& workbench) {
    const QByteArray a = bytesOf(cli), b = bytesOf(workbench);
    if (a.isEmpty()) return cli + " is empty";
    if (a == b) return {};
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    for (qsizetype k = 0; k < std::min(la.size(), lb.size()); ++k)
        if (la[k] != lb[k])
            return QStringLiteral("%1 and %2 differ at line %3:\n  cli:       %4\n  workbench: %5")
                .arg(cli, workbench)
                .arg(k + 1)
                .arg(QString::fromUtf8(la[k].left(200).toPercentEncoding(" ,.")),
                     QString::fromUtf8(lb[k].left(200).toPercentEncoding(" ,.")));
    return QStringLiteral("%1 and %2 differ in length").arg(cli, workbench);
}

#define COMPARE_FILES(cli, workbench)                         \
    do {                                                      \
        const QString diff = differences((cli), (workbench)); \
        QVERIFY2(diff.isEmpty(), qPrintable(diff));           \
    } while (false)

/// A window with the inputs open, the given row as query and the model chosen.
void openInWorkbench(MainWindow& w, const Inputs& in) {
    QStringList files{in.msa, in.model};
    if (!in.structure.isEmpty()) files << in.structure;
    w.openFiles(files);
    QVERIFY(test::waitForOpenedFiles(w));
    QVERIFY(w.session()->msa());
    QVERIFY(w.session()->loadedModel().model);
    if (in.queryRow) w.useRowAsQuery(in.queryRow);
}

QStringList selectionArgs(const Inputs& in) {
    return {"--query-row", QString::number(in.queryRow),
            "--max-seqs",  in.maxSeqs ? QString::number(in.maxSeqs) : QStringLiteral("all"),
            "--subsample", "greedy"};
}

}  // namespace

Q_DECLARE_METATYPE(Inputs)

class TestCliWorkbenchExports : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

    static void addInputs() {
        QTest::addColumn<Inputs>("in");
        const QStringList example = bundledExamplePaths();  // a3m, pdb
        QTest::newRow("1a3a example with structure") << Inputs{
            example.value(0), 0, example.value(1), test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt"), 16};
        QTest::newRow("clustal, gapped query row 1") << Inputs{test::dataPath("msa/handmade.clustal.aln"), 1, QString(),
                                                               test::dataPath("reference/models/msa_t2_e32_h4.pt"), 0};
    }

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_cli_workbench_exports", scratch_);

        QCOMPARE(bundledExamplePaths().size(), 2);
    }

    void modelRunExports_data() { addInputs(); }
    void modelRunExports() {
        QFETCH(Inputs, in);
        QTemporaryDir cliDir, uiDir;
        // The workbench keeps the row attentions of a run: the same request on the command line.
        QStringList predict{"predict",     "--model",   in.model,
                            "--msa",       in.msa,      "--out",
                            cliDir.path(), "--outputs", "tokens,row_attentions,contacts",
                            "--threads",   "1"};
        predict << selectionArgs(in);
        if (!in.structure.isEmpty()) predict << "--structure" << in.structure;
        const test::CliRun run = test::runCli(predict);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));

        MainWindow w;
        openInWorkbench(w, in);
        QVERIFY(!w.session()->msa()->query().empty());
        RowSelection rows;
        rows.maxRows = in.maxSeqs ? size_t(in.maxSeqs) : w.session()->msa()->depth();
        w.runPanel()->setRowSelection(rows);
        w.runPanel()->setThreads(1);
        QSignalSpy finished(w.runController(), &RunController::finished);
        w.runPanel()->startRun();
        QVERIFY(finished.wait(120000));

        // The same rows and tokens; the same numbers up to float rounding: the products'
        // last bits depend on the thread that runs them and its history (model/gemm.cpp),
        // and the workbench runs on a worker thread, the CLI on its main thread.
        const RunResultPtr own = w.session()->run();
        const TensorI64 tokens = readNpyInt64(cliDir.filePath("tokens.npy").toStdString());
        QCOMPARE(own->tokens.shape, tokens.shape);
        QCOMPARE(own->tokens.data, tokens.data);
        const TensorF cliContacts = readNpyFloat(cliDir.filePath("contacts.npy").toStdString());
        QCOMPARE(cliContacts.shape, own->contacts.shape);
        for (size_t k = 0; k < own->contacts.size(); ++k)
            QVERIFY(std::abs(own->contacts.data[k] - cliContacts.data[k]) <= 1e-5f);

        // The CLI's folder opened in the workbench: its exports are the CLI's files, byte for byte.
        w.openFiles({cliDir.path()});
        QVERIFY(test::waitForOpenedFiles(w));
        QVERIFY(w.session()->run() && w.session()->run() != own);
        for (const char* name : {"contacts.csv", "contacts.rr", "contacts.npy"}) {
            const QString path = uiDir.filePath(name);
            exportToFile(path, w.contactView(), *w.session());
            COMPARE_FILES(cliDir.filePath(name), path);
        }
        if (in.queryRow) QVERIFY(bytesOf(uiDir.filePath("contacts.rr")).contains("X"));  // the gap columns

        if (in.structure.isEmpty()) return;
        QStringList heads{"heads",
                          "--model",
                          in.model,
                          "--msa",
                          in.msa,
                          "--structure",
                          in.structure,
                          "--threads",
                          "1",
                          "--csv",
                          cliDir.filePath("heads.csv")};
        heads << selectionArgs(in);
        const test::CliRun headsRun = test::runCli(heads);
        QVERIFY2(headsRun.exitCode == 0, qPrintable(headsRun.errText()));
        // The scores of the opened run (rescored when it was opened).
        QVERIFY(
            test::waitUntil([&] { return !w.headsView()->isScoring() && w.headsView()->scores().size() > 0; }, 60000));
        w.headsView()->exportCsv(uiDir.filePath("heads.csv"));
        COMPARE_FILES(cliDir.filePath("heads.csv"), uiDir.filePath("heads.csv"));
    }

    void coevolutionExports_data() { addInputs(); }
    void coevolutionExports() {
        QFETCH(Inputs, in);
        QTemporaryDir cliDir, uiDir;
        QStringList coevolution{"coevolution", "--msa", in.msa,  "--query-row", QString::number(in.queryRow),
                                "--method",    "mi",    "--out", cliDir.path()};
        if (!in.structure.isEmpty()) coevolution << "--structure" << in.structure;
        const test::CliRun run = test::runCli(coevolution);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));

        MainWindow w;
        openInWorkbench(w, in);
        w.coevolutionPanel()->setMethod(CoevolutionMethod::Mi);
        QSignalSpy finished(w.coevolutionController(), &CoevolutionController::finished);
        w.coevolutionPanel()->compute();
        QVERIFY(finished.wait(60000));
        for (const char* name : {"contacts.csv", "contacts.rr", "contacts.npy"}) {
            const QString path = uiDir.filePath(name);
            exportToFile(path, w.contactView(), *w.session());
            COMPARE_FILES(cliDir.filePath(name), path);
        }
    }
};

QTEST_MAIN(TestCliWorkbenchExports)
#include "test_cli_workbench_exports.moc"
