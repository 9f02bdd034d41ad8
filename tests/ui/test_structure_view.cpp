// The Structure tab on the bundled example: the contact map's top-L long-range pairs are
// the lines drawn on the fold (same pairs, same order); a pair clicked in the contact map
// is highlighted in 3D, and a pair or residue picked in 3D is outlined in the contact map
// and selects its column in the alignment; a head's row-attention pairs follow the same
// rule with width by weight; exports are the drawn pairs in author numbering, written
// atomically. Runs under the offscreen platform (no OpenGL: the view must say so) and, as
// test_structure_view_opengl, under Xvfb with Mesa (AXS_EXPECT_OPENGL=1: GL must work and
// the PNG export must show green and red pairs).
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "../viewers/viewer_test_support.hpp"
#include "attention/attention_maps.hpp"
#include "common/error.hpp"
#include "contactmap/contact_map_view.hpp"
#include "mainwindow/contact_view_update.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "plot/heatmap_widget.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"
#include "structure3d/structure_gl_widget.hpp"
#include "structure3d/structure_view.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

class TestStructureView : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;
    std::unique_ptr<MainWindow> window_;
    std::optional<QueryContactMap> truth_;

    StructureView* view() const { return window_->structureView(); }

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        axs::test::setUpWorkbenchTest("test_structure_view", scratch_);
        window_ = std::make_unique<MainWindow>();
        window_->resize(1280, 820);
        window_->show();
        window_->openBundledExample();
        QVERIFY(axs::test::waitForOpenedFiles(*window_));
        window_->showView(MainWindow::View::Structure);
        QApplication::processEvents();
        QString label, warning;
        const auto truth = sessionTruth(*window_->session(), &label, &warning);
        QVERIFY2(truth.has_value(), qPrintable(warning));
        truth_ = truth->map;
        // A prediction made from the true distances, with false positives among the best.
        window_->contactView()->setPrediction(axs::test::syntheticScores(*truth_), QStringLiteral("synthetic"));
    }

    void openGlOrAClearMessage() {
        if (qEnvironmentVariable("AXS_EXPECT_OPENGL") == QLatin1String("1"))
            QVERIFY2(view()->hasOpenGl(), "an OpenGL context was expected (Xvfb + Mesa)");
        auto* message = view()->findChild<QLabel*>(QStringLiteral("noOpenGlMessage"));
        if (view()->hasOpenGl()) {
            QVERIFY(!message);
        } else {
            QVERIFY(message && message->isVisible());
            QVERIFY(message->text().contains(QStringLiteral("OpenGL")));
            const QString png = scratch_.filePath("no_gl.png");
            QVERIFY_THROWS_EXCEPTION(axs::Error, view()->exportImage(png, 150));
            QVERIFY(!QFileInfo::exists(png));
        }
    }

    void drawsTheContactMapsTopLLongRangePairs() {
        const ContactSelection& marked = window_->contactView()->selection();
        QCOMPARE(window_->contactView()->range(), SeparationRange::Long);
        QCOMPARE(marked.k, size_t(145));  // L = 145 positions with coordinates
        QCOMPARE(marked.contacts.size(), size_t(145));
        const auto& drawn = view()->scene().pairs();
        QCOMPARE(drawn.size(), size_t(145));
        size_t t = 0, f = 0;
        for (size_t k = 0; k < drawn.size(); ++k) {
            QCOMPARE(drawn[k].i, marked.contacts[k].i);
            QCOMPARE(drawn[k].j, marked.contacts[k].j);
            QCOMPARE(drawn[k].verdict, verdictOf(marked.contacts[k]));
            QVERIFY(drawn[k].j - drawn[k].i >= 24);
            t += drawn[k].verdict == Verdict::True;
            f += drawn[k].verdict == Verdict::False;
        }
        QVERIFY(t > 0 && f > 0);
        QVERIFY2(view()->infoText().contains(QStringLiteral("Drawn 145 of 145")), qPrintable(view()->infoText()));
        // Another k in the contact map changes the drawing with it.
        ContactSelectionRule fifth;
        fifth.fraction = 0.2;
        window_->contactView()->setRule(fifth);
        QCOMPARE(view()->scene().pairs().size(), size_t(29));  // floor(145 / 5)
        window_->contactView()->setRule(ContactSelectionRule{});
        QCOMPARE(view()->scene().pairs().size(), size_t(145));
    }

    void contactMapClickHighlightsThePairIn3d() {
        const RankedContact c = window_->contactView()->selection().contacts[3];
        emit window_->contactView()->heatmap()->cellClicked(c.j, c.i);  // lower-left cell of the pair
        QVERIFY(view()->highlightedPair().has_value());
        QCOMPARE(*view()->highlightedPair(), std::make_pair(c.i, c.j));
    }

    void pickingAPairIn3dHighlightsItElsewhere() {
        QSignalSpy picked(view(), &StructureView::pairPicked);
        const auto& pairs = view()->scene().pairs();
        const auto& residues = view()->scene().residues();
        int found = -1;
        for (size_t k = 0; k < pairs.size() && found < 0; ++k) {
            const QVector3D mid = (residues[size_t(pairs[k].from)].cb + residues[size_t(pairs[k].to)].cb) / 2;
            const QVector3D pixel = view()->camera().project(mid, view()->viewportSize());
            const ScenePick pick = view()->pickAt(QPointF(pixel.x(), pixel.y()));
            if (pick.kind == ScenePick::Kind::Pair && pick.index == int(k)) found = int(k);
        }
        QVERIFY2(found >= 0, "no pair could be picked at its projected midpoint");
        const ScenePair& p = pairs[size_t(found)];
        QCOMPARE(picked.last().at(0).toInt(), p.i);
        QCOMPARE(picked.last().at(1).toInt(), p.j);
        QCOMPARE(window_->selection()->pair(), std::make_pair(p.i, p.j));
        QCOMPARE(window_->contactView()->heatmap()->crosshair(), std::make_pair(p.i, p.j));
        QCOMPARE(window_->msaPanel()->grid()->selectedColumn(), p.i);
        QCOMPARE(*view()->highlightedPair(), std::make_pair(p.i, p.j));
    }

    void pickingAResidueSelectsItsColumn() {
        QSignalSpy picked(view(), &StructureView::residuePicked);
        const auto& residues = view()->scene().residues();
        int position = -1;
        for (size_t r = 0; r < residues.size() && position < 0; ++r) {
            if (residues[r].queryPosition < 0) continue;
            const QVector3D pixel = view()->camera().project(residues[r].ca, view()->viewportSize());
            const ScenePick pick = view()->pickAt(QPointF(pixel.x(), pixel.y()));
            if (pick.kind == ScenePick::Kind::Residue && pick.index == int(r)) position = residues[r].queryPosition;
        }
        QVERIFY2(position >= 0, "no residue could be picked at its projected Cα");
        QCOMPARE(picked.last().at(0).toInt(), position);
        QCOMPARE(window_->msaPanel()->grid()->selectedColumn(), position);
        QCOMPARE(view()->highlightedResidue(), position);
        // The name and author number are shown: query position p is residue p + 4 of chain A.
        QVERIFY2(view()->infoText().contains(QStringLiteral("%1 (chain A)").arg(position + 4)),
                 qPrintable(view()->infoText()));
        // And the other way: a column clicked in the alignment marks its residue.
        emit window_->msaPanel()->grid()->columnSelected(20);
        QCOMPARE(view()->highlightedResidue(), 20);
    }

    void rowAttentionPairsWithWidthByWeight() {
        bool finished = false;
        connect(window_->runController(), &RunController::finished, this, [&] { finished = true; });
        connect(window_->runController(), &RunController::failed, this, [&] { finished = true; });
        window_->runPanel()->startRun();
        QVERIFY(axs::test::waitUntil([&] { return finished; }, 120000));
        const RunResultPtr run = window_->session()->run();
        QVERIFY(run && run->layers() > 0);
        view()->setPairSource(StructureView::PairSource::Attention);
        view()->setAttentionHead(run->layers() - 1, 1, true);
        TensorF map =
            rowAttentionView(run->rowAttentions, run->layers() - 1, 1, RowAttentionMode::SymmetrizedApc, false);
        TensorD scores(map.shape);
        for (size_t k = 0; k < map.size(); ++k) scores.data[k] = map.data[k];
        const ContactSelection expected =
            selectContacts(scores, &truth_->contacts, separationWindow(SeparationRange::Long), ContactSelectionRule{});
        const auto& drawn = view()->scene().pairs();
        QCOMPARE(drawn.size(), expected.contacts.size());
        float thinnest = 1e9f, thickest = 0;
        for (size_t k = 0; k < drawn.size(); ++k) {
            QCOMPARE(drawn[k].i, expected.contacts[k].i);
            QCOMPARE(drawn[k].j, expected.contacts[k].j);
            thinnest = std::min(thinnest, drawn[k].radius);
            thickest = std::max(thickest, drawn[k].radius);
        }
        QVERIFY(thickest > thinnest);              // width by weight
        QCOMPARE(drawn.front().radius, thickest);  // the strongest pair is the widest
        view()->setPairSource(StructureView::PairSource::Contacts);
        QCOMPARE(view()->scene().pairs().size(), window_->contactView()->selection().contacts.size());
    }

    void exportsTheDrawnPairs() {
        const StructureChain& chain = window_->session()->activeChain();
        const QueryMapping mapping = mapQueryToChain(window_->session()->msa()->query(), chain);
        const auto& drawn = view()->scene().pairs();
        const QString base = scratch_.filePath("view");
        for (const char* ext : {".cxc", ".pml", ".mvsj"}) view()->exportScript(base + ext);
        for (const auto& pairs : {axs::test::chimeraxPairs(base + ".cxc"), axs::test::pymolPairs(base + ".pml"),
                                  axs::test::molViewSpecPairs(base + ".mvsj")}) {
            QCOMPARE(pairs.size(), drawn.size());
            for (size_t k = 0; k < pairs.size(); ++k) {
                QCOMPARE(pairs[k].a, axs::test::expectedEnd(chain, mapping, drawn[k].i));
                QCOMPARE(pairs[k].b, axs::test::expectedEnd(chain, mapping, drawn[k].j));
            }
        }
        const QString missing = scratch_.filePath("no/such/folder/view.cxc");
        QVERIFY_THROWS_EXCEPTION(axs::Error, view()->exportScript(missing));
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY_THROWS_EXCEPTION(axs::Error, view()->exportScript(scratch_.filePath("view.txt")));
    }

    void pngAtAChosenDpi() {
        if (!view()->hasOpenGl()) QSKIP("no OpenGL context on this platform; test_structure_view_opengl covers it");
        const QString png = scratch_.filePath("view.png");
        view()->exportImage(png, 192);
        const QImage image(png);
        QVERIFY(!image.isNull());
        const QSize widget = view()->glWidget()->size();
        QCOMPARE(image.size(), widget * 2);  // 192 DPI = twice the 96-DPI screen size
        QCOMPARE(image.dotsPerMeterX(), int(std::lround(192 / 0.0254)));
        int green = 0, red = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                green += c.green() > 140 && c.red() < 90 && c.blue() < 120;
                red += c.red() > 170 && c.green() < 80 && c.blue() < 80;
            }
        QVERIFY2(green > 200 && red > 200, qPrintable(QStringLiteral("green %1, red %2").arg(green).arg(red)));
        QCOMPARE(QDir(scratch_.path()).entryList({"*.png*"}, QDir::Files), QStringList{"view.png"});
    }

    void cleanupTestCase() { window_.reset(); }
};

QTEST_MAIN(TestStructureView)
#include "test_structure_view.moc"
