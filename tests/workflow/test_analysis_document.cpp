// Saved analyses (workflow/analysis_document.hpp): a document written and read back is the
// same document, predict's folder is an analysis, and every kind of damage is refused with
// a message that names the manifest or the file and says what is wrong — without writing
// anything partially.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

#include "cli_run.hpp"
#include "common/error.hpp"
#include "common/npy.hpp"
#include "msa/msa_io.hpp"
#include "structure/structure.hpp"
#include "test_paths.hpp"
#include "workflow/analysis_document.hpp"
#include "workflow/coevolution_run.hpp"
#include "workflow/model_run.hpp"

using namespace axs;

namespace {

const QString kModel = QStringLiteral("reference/models/msa_t2_e32_h4.pt");
const QString kMsa = QStringLiteral("msa/handmade.clustal.aln");  // 3 rows x 24 columns, gapped rows
const QString kStructure = QStringLiteral("structure/2VQC.pdb");

/// A document with everything in it: alignment (query row 1), structure with a chosen
/// chain, a run with row attentions and contacts, a coevolution result, a comparison and
/// a view state.
AnalysisDocument fullDocument() {
    AnalysisDocument doc;
    doc.createdBy = "test";
    doc.alignment = std::make_shared<const Msa>(readMsa(test::dataFile(kMsa)));
    doc.queryRow = 1;
    auto structure = std::make_shared<const ProteinStructure>(readStructure(test::dataFile(kStructure)));
    doc.chainId = structure->chains.front().id;
    doc.chainChosen = true;
    doc.structure = structure;
    const LoadedModel model = loadModelFile(test::dataFile(kModel));
    doc.model = model.identity;
    const Msa opened = withQueryFirst(*doc.alignment, doc.queryRow);
    RowSelection rows;
    rows.maxRows = 2;
    doc.runs.push_back(std::make_shared<const ModelRun>(
        runModel(model, prepareMsa(opened, rows), rows, workbenchForwardOptions(true, 1))));
    doc.coevolution.push_back(std::make_shared<const CoevolutionRun>(runCoevolution(opened, CoevolutionMethod::Mi, 1)));
    const auto T = int64_t(opened.width());
    TensorF comparison({T, T}, 0.f);
    for (size_t k = 0; k < comparison.size(); ++k) comparison.data[k] = float(k % 7) / 7.f;
    doc.comparisons.push_back({"other tool (casp-rr)", comparison});
    doc.view.tab = "heads";
    doc.view.attentionTab = "row";
    doc.view.layer = 1;
    doc.view.head = 3;
    doc.view.rowAttentionMode = "apc";
    doc.view.includeCls = true;
    doc.view.attentionColours = "magma";
    doc.view.logColours = true;
    doc.view.msaColourScheme = "zappo";
    doc.view.msaZoom = 2;
    doc.view.selectedColumn = 7;
    doc.view.selectedRows = {0, 2};
    doc.view.contactRange = "all";
    doc.view.contactFraction = 0.0;
    doc.view.contactThreshold = 0.25;
    doc.view.contactLower = 2;
    doc.view.contactColours = "blue-white-red";
    doc.view.headsRange = "short";
    doc.view.headsFraction = 0.5;
    doc.view.pairI = 3;
    doc.view.pairJ = 17;
    return doc;
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<no error>");
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

}  // namespace

class TestAnalysisDocument : public QObject {
    Q_OBJECT
    AnalysisDocument doc_;
    QTemporaryDir dir_;
    QString saved_;  ///< a folder saved from doc_, copied by the damage tests

    /// A copy of the saved folder to damage.
    QString copyOfSaved(const QString& name) {
        const QString copy = dir_.filePath(name);
        QDir().mkpath(copy);
        for (const QString& f : QDir(saved_).entryList(QDir::Files)) QFile::copy(saved_ + "/" + f, copy + "/" + f);
        return copy;
    }
    /// The manifest with one edit applied as text.
    QString damagedManifest(const QString& name, const QByteArray& from, const QByteArray& to) {
        const QString copy = copyOfSaved(name);
        QByteArray manifest = readBytes(copy + "/analysis.json");
        if (!manifest.contains(from)) qWarning("'%s' is not in the manifest", from.constData());
        manifest.replace(from, to);
        writeBytes(copy + "/analysis.json", manifest);
        return copy;
    }

private slots:
    void initTestCase() {
        doc_ = fullDocument();
        saved_ = dir_.filePath("saved");
        saveAnalysis(saved_.toStdString(), doc_);
    }

    void roundTripKeepsEverything() {
        AnalysisDocument back;
        const QString error = errorOf([&] { back = readAnalysis(saved_.toStdString()); });
        QVERIFY2(error == "<no error>", qPrintable(error));
        QCOMPARE(back.createdBy, doc_.createdBy);
        QCOMPARE(back.alignment->rows, doc_.alignment->rows);
        QCOMPARE(back.alignment->names, doc_.alignment->names);
        QCOMPARE(back.queryRow, doc_.queryRow);
        QCOMPARE(back.structure->chains.size(), doc_.structure->chains.size());
        QCOMPARE(back.chainId, doc_.chainId);
        QVERIFY(back.chainChosen);
        QVERIFY(back.model && back.model->sha256 == doc_.model->sha256 && back.model->fileName == "msa_t2_e32_h4.pt");
        QCOMPARE(back.runs.size(), size_t(1));
        const ModelRun& a = *doc_.runs[0];
        const ModelRun& b = *back.runs[0];
        QCOMPARE(b.keptRows, a.keptRows);
        QCOMPARE(b.msa.rows, a.msa.rows);
        QCOMPARE(b.openedRows, a.openedRows);
        QCOMPARE(b.selection.maxRows, a.selection.maxRows);
        QCOMPARE(b.tokens.data, a.tokens.data);
        QCOMPARE(b.rowAttentions.shape, a.rowAttentions.shape);
        QCOMPARE(b.rowAttentions.data, a.rowAttentions.data);
        QCOMPARE(b.contacts.data, a.contacts.data);
        QCOMPARE(b.regressionWeights, a.regressionWeights);
        QVERIFY(b.model.sameWeights(a.model));
        QCOMPARE(b.seconds, a.seconds);
        QCOMPARE(back.coevolution.size(), size_t(1));
        QCOMPARE(back.coevolution[0]->method, CoevolutionMethod::Mi);
        QCOMPARE(back.coevolution[0]->scores.data, doc_.coevolution[0]->scores.data);
        QCOMPARE(back.coevolution[0]->summary, doc_.coevolution[0]->summary);
        QCOMPARE(back.coevolution[0]->query, doc_.coevolution[0]->query);
        QCOMPARE(back.comparisons.size(), size_t(1));
        QCOMPARE(back.comparisons[0].label, doc_.comparisons[0].label);
        QCOMPARE(back.comparisons[0].scores.data, doc_.comparisons[0].scores.data);
        const AnalysisViewState& v = back.view;
        const AnalysisViewState& w = doc_.view;
        QCOMPARE(v.tab, w.tab);
        QCOMPARE(v.attentionTab, w.attentionTab);
        QCOMPARE(v.layer, w.layer);
        QCOMPARE(v.head, w.head);
        QCOMPARE(v.rowAttentionMode, w.rowAttentionMode);
        QCOMPARE(v.includeCls, w.includeCls);
        QCOMPARE(v.attentionColours, w.attentionColours);
        QCOMPARE(v.logColours, w.logColours);
        QCOMPARE(v.msaColourScheme, w.msaColourScheme);
        QCOMPARE(v.msaZoom, w.msaZoom);
        QCOMPARE(v.selectedColumn, w.selectedColumn);
        QCOMPARE(v.selectedRows, w.selectedRows);
        QCOMPARE(v.contactRange, w.contactRange);
        QCOMPARE(v.contactFraction, w.contactFraction);
        QCOMPARE(v.contactThreshold, w.contactThreshold);
        QCOMPARE(v.contactLower, w.contactLower);
        QCOMPARE(v.contactColours, w.contactColours);
        QCOMPARE(v.headsRange, w.headsRange);
        QCOMPARE(v.headsFraction, w.headsFraction);
        QCOMPARE(v.pairI, w.pairI);
        QCOMPARE(v.pairJ, w.pairJ);
        // The folder holds its inputs: it can move.
        const QString moved = dir_.filePath("moved");
        QVERIFY(QDir().rename(copyOfSaved("to_move"), moved));
        QCOMPARE(readAnalysis((moved + "/analysis.json").toStdString()).alignment->rows, doc_.alignment->rows);
    }

    void savingReplacesOnlyAnAnalysis() {
        // A saved analysis is replaced whole; nothing of the old one stays.
        const QString target = copyOfSaved("replace_me");
        writeBytes(target + "/leftover.npy", "old");
        saveAnalysis(target.toStdString(), doc_);
        QVERIFY(!QFile::exists(target + "/leftover.npy"));
        QVERIFY(readAnalysis(target.toStdString()).runs.size() == 1);
        // A folder with other files is refused, and nothing is written into it or beside it.
        const QString other = dir_.filePath("other");
        QDir().mkpath(other);
        writeBytes(other + "/notes.txt", "mine");
        const QStringList before = QDir(dir_.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        const QString message = errorOf([&] { saveAnalysis(other.toStdString(), doc_); });
        QVERIFY2(message.contains(other) && message.contains("other files"), qPrintable(message));
        QCOMPARE(QDir(other).entryList(QDir::Files), QStringList{"notes.txt"});
        QCOMPARE(QDir(dir_.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
        // A failure half-way (an unreadable input) leaves the target as it was and no staging folder.
        AnalysisDocument broken = doc_;
        auto msa = std::make_shared<Msa>(*doc_.alignment);
        msa->sourcePath = dir_.filePath("no_such_file.aln").toStdString();
        broken.alignment = msa;
        const QString fresh = dir_.filePath("fresh");
        QVERIFY(errorOf([&] { saveAnalysis(fresh.toStdString(), broken); }).contains("no_such_file.aln"));
        QVERIFY(!QFileInfo::exists(fresh));
        QCOMPARE(QDir(dir_.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
    }

    void damagedAnalysesAreRefusedClearly_data() {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{") << QByteArray("[[") << "not valid JSON";
        QTest::newRow("other format") << QByteArray("\"axialscope-analysis\"") << QByteArray("\"something\"")
                                      << "format must be";
        QTest::newRow("newer version") << QByteArray("\"version\": 1") << QByteArray("\"version\": 7")
                                       << "version 7 is not supported";
        QTest::newRow("missing file") << QByteArray("\"contacts.npy\"") << QByteArray("\"gone.npy\"")
                                      << "gone.npy is missing";
        QTest::newRow("wrong type") << QByteArray("\"query_row\": 1") << QByteArray("\"query_row\": \"one\"")
                                    << "alignment.query_row must be a whole number";
        QTest::newRow("query row outside") << QByteArray("\"query_row\": 1") << QByteArray("\"query_row\": 9")
                                           << "alignment.query_row must be between 0 and 2";
        QTest::newRow("file disagrees with its entry")
            << QByteArray("\"contacts.npy\"") << QByteArray("\"row_attentions.npy\"") << "holds shape";
        QTest::newRow("entry disagrees with the alignment")
            << QByteArray(
                   "\"scores\": {\n        \"file\": \"comparison_1.npy\",\n        \"dtype\": \"float32\",\n"
                   "        \"shape\": [\n          24")
            << QByteArray(
                   "\"scores\": {\n        \"file\": \"comparison_1.npy\",\n        \"dtype\": \"float32\",\n"
                   "        \"shape\": [\n          23")
            << "comparisons[0].scores (manifest) has shape (23, 24), but the alignment needs (24, 24)";
        QTest::newRow("unknown output") << QByteArray("\"contacts\": {") << QByteArray("\"surprise\": {")
                                        << "runs[0].outputs.surprise is not an output";
        QTest::newRow("bad digest") << QByteArray("\"sha256\": \"") << QByteArray("\"sha256\": \"0")
                                    << "sha256 must be 64";
        QTest::newRow("unknown chain") << QByteArray("\"chain_chosen\": true") << QByteArray("\"chain_chosen\": 1")
                                       << "structure.chain_chosen must be true or false";
    }
    void damagedAnalysesAreRefusedClearly() {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        const QString copy =
            damagedManifest(QStringLiteral("damaged_%1").arg(QTest::currentDataTag()).replace(' ', '_'), from, to);
        const QString message = errorOf([&] { readAnalysis(copy.toStdString()); });
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.contains(copy), qPrintable("the message should name the folder's file: " + message));
    }

    void changedInputsAreRefused() {
        // The alignment changed after saving: its digest no longer matches.
        const QString copy = copyOfSaved("changed_input");
        QByteArray aln = readBytes(copy + "/handmade.clustal.aln");
        aln.replace("FYCSTLG", "FYCSTLA");
        writeBytes(copy + "/handmade.clustal.aln", aln);
        QVERIFY(
            errorOf([&] { readAnalysis(copy.toStdString()); }).contains("has changed since the analysis was saved"));
        // An array file whose content disagrees with its manifest entry.
        const QString swapped = copyOfSaved("swapped_arrays");
        QVERIFY(QFile::remove(swapped + "/contacts.npy"));
        QVERIFY(QFile::copy(swapped + "/comparison_1.npy", swapped + "/contacts.npy"));
        const QString message = errorOf([&] { readAnalysis(swapped.toStdString()); });
        QVERIFY2(message.contains("contacts.npy") && message.contains("shape"), qPrintable(message));
        // Rows said to be kept that are not the rows of the tokens.
        const size_t second = doc_.runs[0]->keptRows.at(1);
        const QString rows = damagedManifest(
            "other_rows", QByteArray("\"kept\": [\n          0,\n          ") + QByteArray::number(qulonglong(second)),
            QByteArray("\"kept\": [\n          0,\n          ") + QByteArray::number(qulonglong(3 - second)));
        const QString wrongRows = errorOf([&] { readAnalysis(rows.toStdString()); });
        QVERIFY2(wrongRows.contains("not those of the rows"), qPrintable(wrongRows));
        // Not an analysis at all.
        QVERIFY(errorOf([&] { readAnalysis(dir_.path().toStdString()); }).contains("is not a saved analysis"));
        QVERIFY(!looksLikeAnalysis(dir_.path().toStdString()));
        QVERIFY(looksLikeAnalysis(saved_.toStdString()));
    }

    void predictWritesAnAnalysis() {
        QTemporaryDir out;
        const test::CliRun run =
            test::runCli({"predict", "--model", test::dataPath(kModel), "--msa", test::dataPath(kMsa), "--query-row",
                          "2", "--out", out.path(), "--outputs", "logits,row_attentions,contacts,col_attentions"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        AnalysisDocument doc;
        const QString error = errorOf([&] { doc = readAnalysis(out.path().toStdString()); });
        QVERIFY2(error == "<no error>", qPrintable(error));
        QCOMPARE(doc.queryRow, size_t(2));
        QCOMPARE(doc.createdBy.rfind("axialscope-cli ", 0), size_t(0));
        QCOMPARE(doc.runs.size(), size_t(1));
        const ModelRun& r = *doc.runs[0];
        QCOMPARE(r.keptRows, (std::vector<size_t>{0, 1, 2}));
        QCOMPARE(r.contacts.data, readNpyFloat(out.filePath("contacts.npy").toStdString()).data);
        QCOMPARE(r.layers(), 2);
        QCOMPARE(r.model.fileName, std::string("msa_t2_e32_h4.pt"));
        QCOMPARE(doc.view.tab, std::string("contacts"));
        // The streamed column attentions are listed; a truncated one is refused.
        QVERIFY(readBytes(out.filePath("analysis.json")).contains("col_attentions.npy"));
        QFile col(out.filePath("col_attentions.npy"));
        QVERIFY(col.resize(col.size() - 4));
        QVERIFY(errorOf([&] { readAnalysis(out.path().toStdString()); }).contains("size fits the shape"));
        // A run that fails while writing leaves no manifest of the earlier run behind (it
        // would describe a mixture of old and new files): contacts.npy cannot be written here.
        QVERIFY(QFile::remove(out.filePath("contacts.npy")));
        QVERIFY(QDir(out.path()).mkdir("contacts.npy"));
        QVERIFY(QFile::exists(out.filePath("analysis.json")));
        const test::CliRun failed = test::runCli(
            {"predict", "--model", test::dataPath(kModel), "--msa", test::dataPath(kMsa), "--out", out.path()});
        QVERIFY(failed.exitCode != 0);
        QVERIFY(!QFile::exists(out.filePath("analysis.json")));
    }
};

QTEST_APPLESS_MAIN(TestAnalysisDocument)
#include "test_analysis_document.moc"
