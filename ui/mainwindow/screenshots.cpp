#include "mainwindow/screenshots.hpp"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QMenuBar>
#include <QTimer>
#include <cstdio>

#include "attention/attention_explorer.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "contactmap/contact_map_view.hpp"
#include "files/file_opener.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/example_files.hpp"
#include "mainwindow/main_window.hpp"
#include "mainwindow/shortcuts_dialog.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"
#include "structure3d/structure_gl_widget.hpp"
#include "structure3d/structure_view.hpp"

namespace axs::ui {
namespace {

// Processes events until `done` or the timeout; returns done().
template <class F>
bool waitFor(F done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) QApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

bool save(QWidget* widget, const QString& path) {
    QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}

// Starts plmDCA in `window` and waits for it; false when it failed or timed out.
bool computeCoevolution(MainWindow& window) {
    bool done = false, ok = false;
    QObject::connect(window.coevolutionController(), &CoevolutionController::finished, &window,
                     [&] { done = ok = true; });
    QObject::connect(window.coevolutionController(), &CoevolutionController::failed, &window,
                     [&](const QString& message) {
                         std::fprintf(stderr, "coevolution failed: %s\n", qPrintable(message));
                         done = true;
                     });
    window.coevolutionController()->start(CoevolutionMethod::Plm);
    if (!waitFor([&] { return done; }, 120000)) std::fprintf(stderr, "coevolution did not finish\n");
    return ok;
}

// The 3D view needs OpenGL (e.g. xvfb-run with Mesa); without it the images are skipped.
// Contacts: a window with plmDCA and no model run, so plmDCA is the shown prediction; the
// best pair is clicked in the contact map to show the linked highlight.
bool saveStructureContacts(const QString& dir) {
    MainWindow window;
    window.resize(1400, 860);
    window.show();
    window.openBundledExample();
    if (!waitFor([&] { return window.fileOpener()->pending() == 0; }, 60000) || !computeCoevolution(window))
        return false;
    window.showView(MainWindow::View::Structure);
    const ContactSelection& marked = window.contactView()->selection();
    if (!marked.contacts.empty()) emit window.contactView()->contactClicked(marked.contacts[0].i, marked.contacts[0].j);
    return save(&window, dir + "/structure_contacts.png");
}

}  // namespace

int renderScreenshots(const QString& dir) {
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(dir));
        return 1;
    }
    if (bundledExamplePaths().isEmpty()) {  // the views would be rendered empty
        std::fprintf(stderr, "the bundled example was not found in %s/examples\n", qPrintable(installedDataDir()));
        return 1;
    }
    MainWindow window;
    window.resize(1400, 860);
    window.show();
    window.openBundledExample();
    if (!waitFor([&] { return window.fileOpener()->pending() == 0; }, 60000)) {
        std::fprintf(stderr, "the example did not open\n");
        return 1;
    }
    bool ok = true;
    MsaGridView* grid = window.msaPanel()->grid();
    grid->selectColumn(40);
    ok &= save(&window, dir + "/main_window.png");
    grid->setZoomLevel(0);
    ok &= save(grid, dir + "/alignment_overview.png");
    grid->setZoomLevel(kDefaultZoomLevel);
    grid->ensureVisible(1, 0);

    bool finished = false;
    QObject::connect(window.runController(), &RunController::finished, &window, [&] { finished = true; });
    QObject::connect(window.runController(), &RunController::failed, &window, [&](const QString& message) {
        std::fprintf(stderr, "run failed: %s\n", qPrintable(message));
        finished = true;
    });
    window.runPanel()->startRun();
    if (!waitFor([&] { return finished; }, 120000)) std::fprintf(stderr, "the demo run did not finish\n");
    ok &= save(&window, dir + "/main_window_after_run.png");
    ok &= save(window.runPanel()->parentWidget(), dir + "/run_panel.png");
    // The attention explorer follows a column clicked in the alignment.
    if (auto* explorer = window.findChild<AttentionExplorer*>()) {
        bool columnReady = false;
        QObject::connect(explorer, &AttentionExplorer::columnAttentionReady, &window, [&] { columnReady = true; });
        QObject::connect(explorer, &AttentionExplorer::columnAttentionFailed, &window, [&] { columnReady = true; });
        window.showView(MainWindow::View::Attention);
        emit grid->columnSelected(40);
        if (!waitFor([&] { return columnReady; }, 60000)) std::fprintf(stderr, "column attention did not finish\n");
    }
    window.showView(MainWindow::View::Attention);
    ok &= save(&window, dir + "/attention.png");
    window.showView(MainWindow::View::Contacts);
    ok &= save(&window, dir + "/contacts.png");
    if (auto* heads = window.findChild<HeadScoresView*>()) {
        bool scored = !heads->isScoring() && heads->scores().size() > 0;
        QObject::connect(heads, &HeadScoresView::scoresReady, &window, [&] { scored = true; });
        window.showView(MainWindow::View::Heads);
        if (!waitFor([&] { return scored; }, 60000)) std::fprintf(stderr, "head scores did not finish\n");
        ok &= save(&window, dir + "/heads.png");
    }
    // Linked selection: the best marked long-range pair that is a true contact (else the
    // best one), shown in every view.
    if (const ContactSelection& marks = window.contactView()->selection(); !marks.contacts.empty()) {
        RankedContact best = marks.contacts.front();
        for (const RankedContact& c : marks.contacts)
            if (c.truth == 1) {
                best = c;
                break;
            }
        window.selection()->selectPair(best.i, best.j);
        window.selection()->selectHead(2, 4);
        window.showView(MainWindow::View::Contacts);
        ok &= save(&window, dir + "/linked_contacts.png");
        window.attentionExplorer()->showTab(AttentionExplorer::Tab::RowAttention);
        window.showView(MainWindow::View::Attention);
        ok &= save(&window, dir + "/linked_row_attention.png");
        window.showView(MainWindow::View::Heads);
        ok &= save(&window, dir + "/linked_heads.png");
        window.showView(MainWindow::View::Alignment);
        ok &= save(&window, dir + "/linked_alignment.png");
        window.selection()->clearResidues();
    }
    // Help > Keyboard Shortcuts, generated from the menus.
    showShortcutsDialog(&window, window.menuBar());
    if (auto* dialog = window.findChild<QDialog*>(QStringLiteral("shortcutsDialog"))) {
        ok &= save(dialog, dir + "/shortcuts.png");
        dialog->close();
    }
    // plmDCA on the example: the model's contacts above, the coevolution ones below.
    bool coevolutionDone = false;
    QObject::connect(window.coevolutionController(), &CoevolutionController::finished, &window,
                     [&] { coevolutionDone = true; });
    QObject::connect(window.coevolutionController(), &CoevolutionController::failed, &window,
                     [&](const QString& message) {
                         std::fprintf(stderr, "coevolution failed: %s\n", qPrintable(message));
                         coevolutionDone = true;
                     });
    window.coevolutionController()->start(CoevolutionMethod::Plm);
    if (!waitFor([&] { return coevolutionDone; }, 120000)) std::fprintf(stderr, "coevolution did not finish\n");
    window.showView(MainWindow::View::Contacts);
    ok &= save(&window, dir + "/contacts_coevolution.png");
    // Row attention of the run on the fold: the last layer's first head, APC, width by weight.
    if (StructureGlWidget::openGlAvailable()) {
        StructureView* view3d = window.structureView();
        view3d->setPairSource(StructureView::PairSource::Attention);
        ContactSelectionRule fifth;  // top L/5: fewer, readable edges
        fifth.fraction = 0.2;
        window.contactView()->setRule(fifth);
        if (const RunResultPtr run = window.session()->run()) view3d->setAttentionHead(run->layers() - 1, 0, true);
        window.showView(MainWindow::View::Structure);
        ok &= save(&window, dir + "/structure_attention.png");
        ok &= saveStructureContacts(dir);
    } else {
        std::fprintf(stderr, "no OpenGL on platform %s: the 3D view's images are skipped\n",
                     qPrintable(QGuiApplication::platformName()));
    }
    window.showView(MainWindow::View::Alignment);
    return ok ? 0 : 1;
}

}  // namespace axs::ui
