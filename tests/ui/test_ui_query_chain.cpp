// Choosing the query row and the structure chain in the workbench: a row moved to the top
// becomes the query (the run of the old query is dropped), as PSICOV alignments need, and
// the Alignment ▸ Structure Chain menu decides which chain the true contacts come from.
#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/error.hpp"
#include "mainwindow/contact_view_update.hpp"
#include "mainwindow/main_window.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_io.hpp"
#include "msa/msa_panel.hpp"
#include "session/session.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

class TestUiQueryChain : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;

private slots:
    void initTestCase() { axs::test::setUpWorkbenchTest("query-chain", scratch_); }

    void sessionMovesTheRowToTheTop() {
        Session session;
        auto msa = std::make_shared<Msa>();
        msa->rows = {"ACDE", "FGHI", "KLMN"};
        msa->names = {"first", "second", "target"};
        session.setMsa(msa);
        session.setRun(std::make_shared<RunResult>());
        QSignalSpy changed(&session, &Session::msaChanged);
        session.useRowAsQuery(2);
        QCOMPARE(session.msa()->rows, (std::vector<std::string>{"KLMN", "ACDE", "FGHI"}));
        QCOMPARE(session.msa()->names.front(), std::string("target"));
        QVERIFY(!session.run());  // the run belonged to the old query
        QCOMPARE(changed.size(), 1);
        QVERIFY_THROWS_EXCEPTION(Error, session.useRowAsQuery(3));
        QCOMPARE(session.msa()->rows.front(), std::string("KLMN"));  // unchanged by the failed call
        session.useRowAsQuery(0);                                    // already the query: nothing happens
        QCOMPARE(changed.size(), 1);
    }

    void psicovTargetRowFitsTheStructure() {
        // 1atzA.aln: the PSICOV target is row 2634, not the first line (shared/data MANIFEST).
        AXS_REQUIRE_SHARED(msaPath, "data/msa/1atz/1atzA.aln");
        AXS_REQUIRE_SHARED(pdbPath, "data/structures/1atz/1atzA.pdb");
        MainWindow window;
        window.openFiles({msaPath, pdbPath});
        QVERIFY(axs::test::waitForOpenedFiles(window));
        QVERIFY(window.session()->msa() && window.session()->structure());
        const std::string target = window.session()->msa()->rows[2634];
        QString label, warning;
        const auto before = sessionTruth(*window.session(), &label, &warning);
        QVERIFY2(!before || !warning.isEmpty(), "row 0 is not the target and should fit the structure poorly");
        // The row's context menu emits this; the Alignment menu calls the same slot.
        emit window.msaPanel()->grid()->queryRowRequested(2634);
        QCOMPARE(window.session()->msa()->rows.front(), target);
        QCOMPARE(window.session()->msa()->depth(), size_t(3068));
        label.clear();
        warning.clear();
        const auto after = sessionTruth(*window.session(), &label, &warning);
        QVERIFY2(after.has_value() && warning.isEmpty(), qPrintable(warning));
    }

    void chainMenuChoosesTheChain() {
        AXS_REQUIRE_SHARED(msaPath, "data/msa/3u8v/bfd_uniclust_hits.a3m");
        AXS_REQUIRE_SHARED(cifPath, "data/structures/3u8v/3u8v.cif");
        MainWindow window;
        window.openFiles({msaPath, cifPath});
        QVERIFY(axs::test::waitForOpenedFiles(window));
        auto* menu = window.findChild<QMenu*>(QStringLiteral("chainMenu"));
        QVERIFY(menu && menu->isEnabled());
        QCOMPARE(menu->actions().size(), int(window.session()->structure()->chains.size()));
        QCOMPARE(menu->actions().size(), 2);       // 3u8v: chains A and B
        QVERIFY(menu->actions()[0]->isChecked());  // the default chain
        QCOMPARE(window.session()->activeChain().id, std::string("A"));

        menu->actions()[1]->trigger();
        QCOMPARE(window.session()->activeChain().id, std::string("B"));
        QVERIFY(menu->actions()[1]->isChecked() && !menu->actions()[0]->isChecked());
        QString label, warning;
        sessionTruth(*window.session(), &label, &warning);
        QVERIFY2(label.endsWith(QStringLiteral("chain B")), qPrintable(label));

        if (qEnvironmentVariableIsSet("AXS_SCREENSHOT_DIR")) {  // to look at the menu
            auto* alignmentMenu = qobject_cast<QMenu*>(menu->parent());
            QVERIFY(alignmentMenu);
            alignmentMenu->popup(QPoint(0, 0));
            menu->popup(QPoint(alignmentMenu->width(), 20));
            QTest::qWait(100);
            alignmentMenu->grab().save(qEnvironmentVariable("AXS_SCREENSHOT_DIR") + "/alignment_menu.png");
            menu->grab().save(qEnvironmentVariable("AXS_SCREENSHOT_DIR") + "/chain_menu.png");
            menu->hide();
            alignmentMenu->hide();
        }
        QVERIFY_THROWS_EXCEPTION(Error, window.session()->setChainId("Z"));
        QCOMPARE(window.session()->activeChain().id, std::string("B"));
        window.openFiles({cifPath});  // a structure opened again starts from its default chain
        QVERIFY(axs::test::waitForOpenedFiles(window));
        QCOMPARE(window.session()->activeChain().id, std::string("A"));
    }
};

QTEST_MAIN(TestUiQueryChain)
#include "test_ui_query_chain.moc"
