// Saved analyses in the workbench: save, quit, open again restores every view and every
// result; a folder written by `axialscope-cli predict` opens with its contacts and
// attention without running anything; a damaged analysis gets a clear message and changes
// nothing.
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

#include "attention/attention_explorer.hpp"
#include "attention/row_attention_view.hpp"
#include "cli_run.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "coevolution/coevolution_panel.hpp"
#include "common/npy.hpp"
#include "contactmap/contact_map_view.hpp"
#include "contacts/contact_io.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/main_window.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "plot/heatmap_widget.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

const QString kModel = QStringLiteral("reference/models/msa_t4_e96_h6_fp16.pt");

void compareViewStates(const AnalysisViewState& a, const AnalysisViewState& b) {
    QCOMPARE(a.tab, b.tab);
    QCOMPARE(a.attentionTab, b.attentionTab);
    QCOMPARE(a.layer, b.layer);
    QCOMPARE(a.head, b.head);
    QCOMPARE(a.rowAttentionMode, b.rowAttentionMode);
    QCOMPARE(a.includeCls, b.includeCls);
    QCOMPARE(a.attentionColours, b.attentionColours);
    QCOMPARE(a.logColours, b.logColours);
    QCOMPARE(a.msaColourScheme, b.msaColourScheme);
    QCOMPARE(a.msaZoom, b.msaZoom);
    QCOMPARE(a.selectedColumn, b.selectedColumn);
    QCOMPARE(a.selectedRows, b.selectedRows);
    QCOMPARE(a.contactRange, b.contactRange);
    QCOMPARE(a.contactFraction, b.contactFraction);
    QCOMPARE(a.contactThreshold, b.contactThreshold);
    QCOMPARE(a.contactLower, b.contactLower);
    QCOMPARE(a.contactColours, b.contactColours);
    QCOMPARE(a.headsRange, b.headsRange);
    QCOMPARE(a.headsFraction, b.headsFraction);
    QCOMPARE(a.pairI, b.pairI);
    QCOMPARE(a.pairJ, b.pairJ);
}

/// Bit for bit (NaN marks pairs a prediction does not score).
bool sameFloats(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

/// Opens `paths` and waits until they are shown.
bool openAndWait(MainWindow& w, const QStringList& paths) {
    w.openFiles(paths);
    return test::waitForOpenedFiles(w);
}

}  // namespace

class TestSavedAnalysis : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_saved_analysis", scratch_);
        QCOMPARE(bundledExamplePaths().size(), 2);
    }

    void saveQuitOpenRestoresEveryView() {
        const QStringList example = bundledExamplePaths();
        const QString dir = scratch_.filePath("saved_1a3a");
        AnalysisViewState before;
        RunResultPtr run, earlier;
        CoevolutionResultPtr coevolution;
        std::vector<ContactComparison> comparisons;
        {
            MainWindow w;
            w.resize(1200, 800);
            QVERIFY(openAndWait(w, {example[0], example[1], test::dataPath(kModel)}));
            RowSelection rows;
            rows.maxRows = 6;
            w.runPanel()->setRowSelection(rows);
            w.runPanel()->setThreads(1);
            QSignalSpy finished(w.runController(), &RunController::finished);
            w.runPanel()->startRun();
            QVERIFY(finished.wait(60000));
            // A second run: the first is kept among the earlier runs (contacts, no attention).
            rows.maxRows = 12;
            w.runPanel()->setRowSelection(rows);
            w.runPanel()->startRun();
            QVERIFY(finished.wait(60000));
            QCOMPARE(w.session()->earlierRuns().size(), size_t(1));
            QCOMPARE(w.session()->earlierRuns()[0]->keptRows.size(), size_t(6));
            QCOMPARE(w.session()->earlierRuns()[0]->rowAttentions.size(), size_t(0));
            w.coevolutionPanel()->setMethod(CoevolutionMethod::Mi);
            QSignalSpy coevolved(w.coevolutionController(), &CoevolutionController::finished);
            w.coevolutionPanel()->compute();
            QVERIFY(coevolved.wait(60000));
            // Another tool's prediction, imported for comparison.
            const size_t T = w.session()->msa()->width();
            TensorF other({int64_t(T), int64_t(T)}, 0.f);
            for (size_t i = 0; i < T; ++i)
                for (size_t j = i + 1; j < T; ++j)
                    other.at(int64_t(i), int64_t(j)) = other.at(int64_t(j), int64_t(i)) =
                        float((i * 7 + j) % 11) / 11.f;
            const QString rr = scratch_.filePath("other_tool.rr");
            writeCaspRr(rr.toStdString(), other, w.session()->msa()->query());
            w.importComparison(rr);
            QCOMPARE(w.session()->comparisons().size(), size_t(1));

            // Every view away from its defaults.
            MsaGridView* grid = w.msaPanel()->grid();
            grid->setColourScheme(ColourScheme::Zappo);
            grid->setZoomLevel(1);
            grid->selectRows({0, 3});
            grid->selectColumn(40);
            AttentionExplorer* explorer = w.attentionExplorer();
            explorer->showHead(2, 3);
            explorer->rowView()->setMode(RowAttentionMode::SymmetrizedApc);
            explorer->setColorMap(ColorMap::Magma);
            explorer->setLogScale(true);
            explorer->showTab(AttentionExplorer::Tab::RowAttention);
            w.contactView()->setRange(SeparationRange::Medium);
            w.contactView()->setRule({ContactSelectionRule::Kind::TopFraction, 0.5, 0});
            w.contactView()->setLowerSource(2);
            w.contactView()->setColorMap(ColorMap::Magma);
            w.headsView()->setRule({ContactRange::Short, 0.2});
            w.showView(MainWindow::View::Heads);
            before = w.viewState();
            QCOMPARE(before.tab, std::string("heads"));
            QCOMPARE(before.layer, 2);
            QCOMPARE(before.contactLower, 2);
            QVERIFY(w.contactView()->lowerSourceName().startsWith(QStringLiteral("run 1")));
            run = w.session()->run();
            earlier = w.session()->earlierRuns().front();
            coevolution = w.session()->coevolution();
            comparisons = w.session()->comparisons();
            w.saveAnalysis(dir);
        }  // quit: the window and everything it held are gone

        MainWindow w;
        w.resize(1200, 800);
        QSignalSpy opened(&w, &MainWindow::analysisOpened);
        QSignalSpy started(w.runController(), &RunController::runningChanged);
        QVERIFY(openAndWait(w, {dir}));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(started.count(), 0);  // nothing ran
        compareViewStates(w.viewState(), before);

        // The outputs came back exactly.
        const Session& s = *w.session();
        QCOMPARE(s.msa()->rows.size(), size_t(1024));
        QVERIFY(s.structure());
        const RunResultPtr back = s.run();
        QVERIFY(back);
        QCOMPARE(back->keptRows, run->keptRows);
        QCOMPARE(back->tokens.data, run->tokens.data);
        QCOMPARE(back->rowAttentions.data, run->rowAttentions.data);
        QCOMPARE(back->contacts.data, run->contacts.data);
        QCOMPARE(back->regressionWeights, run->regressionWeights);
        QVERIFY(back->model.sameWeights(run->model));
        QCOMPARE(s.earlierRuns().size(), size_t(1));
        QCOMPARE(s.earlierRuns()[0]->keptRows, earlier->keptRows);
        QCOMPARE(s.earlierRuns()[0]->contacts.data, earlier->contacts.data);
        QVERIFY(s.coevolution());
        QCOMPARE(s.coevolution()->scores.data, coevolution->scores.data);
        QCOMPARE(s.comparisons().size(), size_t(1));
        QCOMPARE(s.comparisons()[0].label, comparisons[0].label);
        QVERIFY(sameFloats(s.comparisons()[0].scores.data, comparisons[0].scores.data));

        // ... and the views show them.
        QCOMPARE(w.attentionExplorer()->run(), back);
        QVERIFY(w.attentionExplorer()->rowView()->heatmap()->matrix().size() > 0);
        QVERIFY(w.contactView()->heatmap()->matrix().size() > 0);
        QVERIFY(!w.contactView()->selection().contacts.empty());
        QVERIFY(w.contactView()->lowerSourceName().startsWith(QStringLiteral("run 1")));
        QSignalSpy scored(w.headsView(), &HeadScoresView::scoresReady);
        QVERIFY(w.headsView()->scores().size() > 0 || scored.wait(30000));
        QCOMPARE(w.viewWidget(MainWindow::View::Heads), w.findChild<QTabWidget*>()->currentWidget());
    }

    void predictFolderOpensWithoutRunning() {
        const QStringList example = bundledExamplePaths();
        QTemporaryDir out;
        const test::CliRun cli =
            test::runCli({"predict", "--model", test::dataPath(kModel), "--msa", example[0], "--structure", example[1],
                          "--max-seqs", "8", "--outputs", "row_attentions,contacts", "--out", out.path()});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.errText()));

        MainWindow w;
        QSignalSpy started(w.runController(), &RunController::runningChanged);
        QVERIFY(openAndWait(w, {out.path()}));
        QCOMPARE(started.count(), 0);
        QVERIFY(!w.session()->loadedModel().model);  // no model was loaded, none ran
        const RunResultPtr run = w.session()->run();
        QVERIFY(run);
        QCOMPARE(run->keptRows.size(), size_t(8));
        QCOMPARE(run->contacts.data, readNpyFloat(out.filePath("contacts.npy").toStdString()).data);
        // Contacts in the contact map, judged against the structure predict was given.
        QVERIFY(w.contactView()->heatmap()->matrix().size() > 0);
        QVERIFY(!w.contactView()->selection().contacts.empty());
        QVERIFY(w.contactView()->selection().contacts.front().truth >= 0);
        QCOMPARE(w.viewWidget(MainWindow::View::Contacts), w.findChild<QTabWidget*>()->currentWidget());
        // Attention: the explorer shows the run's row attention.
        QCOMPARE(w.attentionExplorer()->run(), run);
        QCOMPARE(run->layers(), 4);
        const TensorF& shown = w.attentionExplorer()->rowView()->heatmap()->matrix();
        QCOMPARE(shown.shape, (std::vector<int64_t>{145, 145}));
        // Column attention needs the model: the view says so instead of computing.
        w.attentionExplorer()->setSelectedColumn(3);
        QVERIFY(!w.attentionExplorer()->isComputing());
    }

    void damagedAnalysisGetsAClearMessage() {
        const QStringList example = bundledExamplePaths();
        QTemporaryDir out;
        const test::CliRun cli = test::runCli({"predict", "--model", test::dataPath(kModel), "--msa", example[0],
                                               "--max-seqs", "4", "--out", out.path()});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.errText()));
        QFile contacts(out.filePath("contacts.npy"));
        QVERIFY(contacts.resize(contacts.size() / 2));

        MainWindow w;
        QVERIFY(openAndWait(w, {test::dataPath("reference/inputs/handmade_3x10.a3m")}));
        const auto before = w.session()->msa();
        QSignalSpy errors(&w, &MainWindow::errorShown);
        QSignalSpy opened(&w, &MainWindow::analysisOpened);
        QVERIFY(openAndWait(w, {out.path()}));
        QCOMPARE(opened.count(), 0);
        QCOMPARE(errors.count(), 1);
        const QString message = errors[0][0].toString();
        QVERIFY2(message.contains(out.filePath("contacts.npy")), qPrintable(message));
        QCOMPARE(w.session()->msa(), before);  // nothing changed
        QVERIFY(!w.session()->run());
        for (QMessageBox* box : w.findChildren<QMessageBox*>()) box->close();
    }
};

QTEST_MAIN(TestSavedAnalysis)
#include "test_saved_analysis.moc"
