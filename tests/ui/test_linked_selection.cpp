// Linked selection (selection/selection_model.hpp, mainwindow/selection_links.cpp): a pair
// clicked in the contact map shows as the same residues in the alignment grid, the row
// attention map and the heads view, and picks in those views come back the other way;
// tooltips name residues; the keyboard steps layers and heads; Help lists the shortcuts.
#include <qcustomplot.h>

#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "attention/attention_explorer.hpp"
#include "attention/attention_overview.hpp"
#include "attention/row_attention_view.hpp"
#include "contactmap/contact_map_view.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/main_window.hpp"
#include "mainwindow/shortcuts_dialog.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "plot/heatmap_widget.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

/// Clicks matrix cell (row, col) of a heatmap with the mouse.
void clickCell(HeatmapWidget* map, int row, int col) {
    QCustomPlot* plot = map->plot();
    const QPointF centre = map->cellCenter(row, col);
    const QPoint pixel(int(plot->xAxis->coordToPixel(centre.x())), int(plot->yAxis->coordToPixel(centre.y())));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel);
}

}  // namespace

class TestLinkedSelection : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;
    MainWindow* w_ = nullptr;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_linked_selection", scratch_);
        w_ = new MainWindow;
        w_->resize(1300, 850);
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_));
        const QStringList example = bundledExamplePaths();
        QCOMPARE(example.size(), 2);
        w_->openFiles({example[0], example[1], test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt")});
        QVERIFY(test::waitForOpenedFiles(*w_));
        RowSelection rows;
        rows.maxRows = 8;
        w_->runPanel()->setRowSelection(rows);
        QSignalSpy finished(w_->runController(), &RunController::finished);
        w_->runPanel()->startRun();
        QVERIFY(finished.wait(60000));
    }
    void cleanupTestCase() { delete w_; }

    void pairClickedInTheContactMapShowsEverywhere() {
        w_->showView(MainWindow::View::Contacts);
        ContactMapView* contacts = w_->contactView();
        QTest::qWait(50);
        // The best marked long-range pair.
        QVERIFY(!contacts->selection().contacts.empty());
        const RankedContact pair = contacts->selection().contacts.front();
        const int i = pair.i, j = pair.j;
        QVERIFY(j - i >= 24);
        const int layer = w_->attentionExplorer()->layer(), head = w_->attentionExplorer()->head();
        clickCell(contacts->heatmap(), i, j);

        QCOMPARE(w_->selection()->pair(), std::make_pair(i, j));
        // The alignment grid: column i selected, column j marked.
        const MsaGridData& grid = w_->msaPanel()->grid()->data();
        QCOMPARE(grid.selectedColumn(), i);
        QCOMPARE(grid.markedColumns(), std::vector<int>{j});
        // The row-attention map: crosshair on query i, key j (raw map without <cls>: cell = position).
        RowAttentionView* rows = w_->attentionExplorer()->rowView();
        QCOMPARE(rows->heatmap()->crosshair(), std::make_pair(i, j));
        // The contact map itself frames the pair and names it.
        QCOMPARE(contacts->heatmap()->crosshair(), std::make_pair(i, j));
        // The heads view: every head's attention between the same two residues.
        HeadScoresView* heads = w_->headsView();
        QCOMPARE(heads->pair(), std::make_pair(i, j));
        QVERIFY(heads->pairMap()->isVisibleTo(heads));
        const RunResultPtr run = w_->session()->run();
        const TensorF& perHead = heads->pairMap()->matrix();
        QCOMPARE(perHead.shape, (std::vector<int64_t>{run->layers(), run->heads()}));
        for (int l = 0; l < run->layers(); ++l)
            for (int h = 0; h < run->heads(); ++h)
                QCOMPARE(perHead.at(l, h),
                         run->rowAttentions.at(0, l, h, i + 1, j + 1) + run->rowAttentions.at(0, l, h, j + 1, i + 1));
        const std::string& q = run->msa.query();
        const QString name = QStringLiteral("%1%2").arg(QChar::fromLatin1(q[size_t(i)])).arg(i + 1);
        QVERIFY2(heads->pairMap()->tooltipText(0, 0).contains(name), qPrintable(heads->pairMap()->tooltipText(0, 0)));
        // The head shown did not change.
        QCOMPARE(w_->attentionExplorer()->layer(), layer);
        QCOMPARE(w_->attentionExplorer()->head(), head);
    }

    void picksInOtherViewsComeBack() {
        // A cell of the row-attention map selects that pair in the contact map and the grid.
        w_->attentionExplorer()->showTab(AttentionExplorer::Tab::RowAttention);
        w_->showView(MainWindow::View::Attention);
        QTest::qWait(50);
        RowAttentionView* rows = w_->attentionExplorer()->rowView();
        clickCell(rows->heatmap(), 30, 70);
        QCOMPARE(w_->selection()->pair(), std::make_pair(30, 70));
        QCOMPARE(w_->contactView()->heatmap()->crosshair(), std::make_pair(30, 70));
        QCOMPARE(w_->msaPanel()->grid()->data().selectedColumn(), 30);
        QCOMPARE(w_->headsView()->pair(), std::make_pair(30, 70));
        // A column clicked in the grid is one residue everywhere (no pair).
        emit w_->msaPanel()->grid()->columnSelected(12);
        QVERIFY(!w_->selection()->hasPair());
        QCOMPARE(rows->heatmap()->crosshair(), std::make_pair(12, 12));
        QCOMPARE(w_->contactView()->heatmap()->crosshair(), std::make_pair(12, 12));
        QVERIFY(w_->msaPanel()->grid()->data().markedColumns().empty());
        QVERIFY(!w_->headsView()->pairMap()->isVisibleTo(w_->headsView()));
        // A head clicked in the heads view is the head of the explorer and the overview.
        w_->showView(MainWindow::View::Heads);
        QTest::qWait(50);
        clickCell(w_->headsView()->weightMap(), 3, 2);  // layer 3, head 2
        QCOMPARE(w_->selection()->layer(), 3);
        QCOMPARE(w_->selection()->head(), 2);
        QCOMPARE(w_->attentionExplorer()->layer(), 3);
        QCOMPARE(w_->attentionExplorer()->head(), 2);
        QCOMPARE(w_->headsView()->scoreMap()->crosshair(), std::make_pair(3, 2));
        QCOMPARE(w_->headsView()->weightMap()->crosshair(), std::make_pair(3, 2));
    }

    void tooltipsNameResidues() {
        const std::string& q = w_->session()->msa()->query();
        auto letter = [&](int p) { return QStringLiteral("%1%2").arg(QChar::fromLatin1(q[size_t(p)])).arg(p + 1); };
        // Contact map: both residues with the structure residue they map to ("K12 · A 45").
        const QString contact = w_->contactView()->heatmap()->tooltipText(20, 60);
        QVERIFY2(contact.contains(letter(20)) && contact.contains(letter(60)) && contact.contains(QStringLiteral("A ")),
                 qPrintable(contact));
        QVERIFY(contact.contains(QStringLiteral("\u00b7")));
        // Row attention: query and key residues, layer and head.
        const QString rows = w_->attentionExplorer()->rowView()->heatmap()->tooltipText(5, 9);
        QVERIFY2(rows.contains(letter(5)) && rows.contains(letter(9)) && rows.contains(QStringLiteral("layer")),
                 qPrintable(rows));
        // Heads: the head and its numbers.
        const QString heads = w_->headsView()->weightMap()->tooltipText(1, 4);
        QVERIFY2(heads.contains(QStringLiteral("layer 1, head 4")) && heads.contains(QStringLiteral("weight")),
                 qPrintable(heads));
    }

    void keyboardStepsLayersAndHeads() {
        w_->activateWindow();
        w_->selection()->selectHead(1, 1);
        QTest::keyClick(w_, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(w_->attentionExplorer()->layer(), 2);
        QTest::keyClick(w_, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(w_->attentionExplorer()->head(), 2);
        QTest::keyClick(w_, Qt::Key_Up, Qt::AltModifier);
        QTest::keyClick(w_, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(w_->selection()->layer(), 1);
        QCOMPARE(w_->selection()->head(), 1);
        QCOMPARE(w_->attentionExplorer()->overview()->thumbnail(1, 1).isNull(), false);
        // Stepping stops at the edges.
        for (int k = 0; k < 10; ++k) QTest::keyClick(w_, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(w_->attentionExplorer()->layer(), 0);
        QTest::keyClick(w_, Qt::Key_3, Qt::AltModifier);
        QCOMPARE(w_->attentionExplorer()->currentTab(), AttentionExplorer::Tab::ColumnAttention);
        QTest::keyClick(w_, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(w_->viewWidget(MainWindow::View::Attention), w_->findChild<QTabWidget*>()->currentWidget());
        // Escape clears the residues.
        w_->selection()->selectPair(3, 40);
        QTest::keyClick(w_, Qt::Key_Escape);
        QCOMPARE(w_->selection()->position(), -1);
        QVERIFY(!w_->selection()->hasPair());
    }

    void helpListsTheShortcuts() {
        const QString text = shortcutsText(w_->menuBar(), false);
        for (const char* expected :
             {"Next Layer", "Previous Head", "Row Attention", "Save Analysis", "Contacts", "Keyboard Shortcuts"})
            QVERIFY2(text.contains(QLatin1String(expected)), qPrintable(expected + QStringLiteral("\n") + text));
        QVERIFY(text.contains(QKeySequence(QStringLiteral("Alt+Down")).toString(QKeySequence::NativeText)));
        QVERIFY(text.contains(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    }

    void selectionModelIsQuietWhenNothingChanges() {
        SelectionModel m;
        QSignalSpy pos(&m, &SelectionModel::positionChanged), pair(&m, &SelectionModel::pairChanged),
            head(&m, &SelectionModel::headChanged);
        m.selectPair(9, 4);
        QCOMPARE(m.pair(), std::make_pair(4, 9));
        QCOMPARE(m.position(), 4);
        QCOMPARE(m.residues(), (std::vector<int>{4, 9}));
        m.selectPair(4, 9);  // the same: no signals
        QCOMPARE(pair.count(), 1);
        QCOMPARE(pos.count(), 1);
        m.selectPosition(4);  // the pair goes, the position stays
        QCOMPARE(pair.count(), 2);
        QCOMPARE(pos.count(), 1);
        QCOMPARE(m.residues(), std::vector<int>{4});
        m.selectPair(6, 6);  // one residue
        QVERIFY(!m.hasPair());
        QCOMPARE(m.position(), 6);
        m.selectHead(2, 3);
        m.selectHead(2, 3);
        m.selectHead(-1, 0);  // ignored
        QCOMPARE(head.count(), 1);
        m.clearResidues();
        QVERIFY(m.residues().empty());
    }
};

QTEST_MAIN(TestLinkedSelection)
#include "test_linked_selection.moc"
