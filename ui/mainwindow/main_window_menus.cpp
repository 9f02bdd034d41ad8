// MainWindow's menus (File, View, Alignment, Run, Help), kept apart from the composition code.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <algorithm>

#include "attention/attention_explorer.hpp"
#include "coevolution/coevolution_controller.hpp"
#include "coevolution/coevolution_panel.hpp"
#include "common/error.hpp"
#include "mainwindow/about_dialog.hpp"
#include "mainwindow/main_window.hpp"
#include "mainwindow/model_banner.hpp"
#include "mainwindow/recent_files.hpp"
#include "mainwindow/shortcuts_dialog.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "run/run_controller.hpp"
#include "run/run_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"

namespace axs::ui {

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open\u2026"), QKeySequence::Open, this, &MainWindow::chooseFilesToOpen)
        ->setStatusTip(tr("Open alignments, structures or model checkpoints"));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, [this] { recent_->fillMenu(recentMenu_); });
    recent_->fillMenu(recentMenu_);
    file->addAction(tr("Open &Example (1a3a)"), this, &MainWindow::openBundledExample);
    file->addSeparator();
    file->addAction(tr("Open &Analysis\u2026"), QKeySequence(tr("Ctrl+Shift+O")), this,
                    &MainWindow::chooseAnalysisToOpen)
        ->setStatusTip(tr("Open a saved analysis or a folder written by axialscope-cli predict"));
    file->addAction(tr("&Save Analysis\u2026"), QKeySequence::Save, this, &MainWindow::chooseAnalysisToSave)
        ->setStatusTip(tr("Save the alignment, structure, runs, coevolution, comparisons and views as a folder"));
    file->addSeparator();
    file->addAction(tr("&Import Contact Prediction\u2026"), this, &MainWindow::chooseComparisonToImport)
        ->setStatusTip(tr("Another tool's contacts (RR, CCMpred, plmDCA, EVcouplings, .npy, ...) for comparison"));
    file->addAction(tr("&Export\u2026"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportCurrentView)
        ->setStatusTip(tr("Save the visible view as PNG, SVG or PDF, or the predicted contacts as CSV, RR or .npy"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const auto addViewAction = [&](const QString& text, const QString& keys, View which) {
        view->addAction(text, QKeySequence(keys), this, [this, which] { showView(which); });
    };
    addViewAction(tr("&Alignment"), tr("Ctrl+1"), View::Alignment);
    addViewAction(tr("A&ttention"), tr("Ctrl+2"), View::Attention);
    addViewAction(tr("&Contacts"), tr("Ctrl+3"), View::Contacts);
    addViewAction(tr("&Heads"), tr("Ctrl+4"), View::Heads);
    addViewAction(tr("&Structure (3D)"), tr("Ctrl+5"), View::Structure);
    view->addSeparator();
    // The attention explorer's layer/head and tabs (selection_links.cpp keeps the views together).
    QMenu* attention = view->addMenu(tr("A&ttention Head"));
    const auto stepHead = [this](int dLayer, int dHead) {
        const RunResultPtr run = session_->run();
        if (!run || run->layers() == 0) return;
        const int layer = std::clamp(attentionExplorer_->layer() + dLayer, 0, run->layers() - 1);
        const int head = std::clamp(attentionExplorer_->head() + dHead, 0, run->heads() - 1);
        selection_->selectHead(layer, head);
    };
    attention->addAction(tr("&Previous Layer"), QKeySequence(tr("Alt+Up")), this, [stepHead] { stepHead(-1, 0); });
    attention->addAction(tr("&Next Layer"), QKeySequence(tr("Alt+Down")), this, [stepHead] { stepHead(1, 0); });
    attention->addAction(tr("Previous &Head"), QKeySequence(tr("Alt+Left")), this, [stepHead] { stepHead(0, -1); });
    attention->addAction(tr("Next H&ead"), QKeySequence(tr("Alt+Right")), this, [stepHead] { stepHead(0, 1); });
    attention->addSeparator();
    const auto addExplorerTab = [&](const QString& text, const QString& keys, AttentionExplorer::Tab tab) {
        attention->addAction(text, QKeySequence(keys), this, [this, tab] {
            attentionExplorer_->showTab(tab);
            showView(View::Attention);
        });
    };
    addExplorerTab(tr("&All Heads"), tr("Alt+1"), AttentionExplorer::Tab::Overview);
    addExplorerTab(tr("&Row Attention"), tr("Alt+2"), AttentionExplorer::Tab::RowAttention);
    addExplorerTab(tr("&Column Attention"), tr("Alt+3"), AttentionExplorer::Tab::ColumnAttention);
    view->addAction(tr("&Clear Residue Selection"), QKeySequence(Qt::Key_Escape), selection_,
                    &SelectionModel::clearResidues);
    view->addSeparator();
    view->addAction(runDock_->toggleViewAction());
    view->addSeparator();
    MsaGridView* grid = msaPanel_->grid();
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, grid, &MsaGridView::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, grid, &MsaGridView::zoomOut);
    view->addAction(tr("Alignment &Overview"), this, [grid] { grid->setZoomLevel(0); });

    QMenu* alignment = menuBar()->addMenu(tr("&Alignment"));
    QAction* query = alignment->addAction(tr("Use Selected Row as the &Query"), this, [this, grid] {
        const auto& rows = grid->data().selectedRows();
        if (rows.size() == 1) useRowAsQuery(*rows.begin());
    });
    query->setObjectName(QStringLiteral("useRowAsQueryAction"));
    query->setStatusTip(
        tr("Move the selected row to the top as the query, e.g. for PSICOV alignments whose "
           "target is not the first line (also in the row's context menu)"));
    connect(alignment, &QMenu::aboutToShow, this, [this, grid, query] {
        const auto& rows = grid->data().selectedRows();
        query->setEnabled(session_->msa() && rows.size() == 1 && *rows.begin() > 0);
    });
    QMenu* chains = alignment->addMenu(tr("Structure &Chain"));
    chains->setObjectName(QStringLiteral("chainMenu"));
    connect(chains, &QMenu::aboutToShow, this, [this, chains] { fillChainMenu(chains); });
    fillChainMenu(chains);
    connect(session_, &Session::structureChanged, this, [this, chains] { fillChainMenu(chains); });

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* start = run->addAction(tr("&Run Model"), QKeySequence(tr("Ctrl+R")), runPanel_, &RunPanel::startRun);
    QAction* cancel =
        run->addAction(tr("&Cancel Run"), QKeySequence(tr("Ctrl+.")), runController_, &RunController::cancel);
    cancel->setEnabled(false);
    connect(runController_, &RunController::runningChanged, cancel, &QAction::setEnabled);
    connect(runController_, &RunController::runningChanged, start,
            [start](bool running) { start->setEnabled(!running); });
    run->addSeparator();
    QAction* coev = run->addAction(tr("Compute C&oevolution"), coevolutionPanel_, &CoevolutionPanel::compute);
    coev->setStatusTip(tr("Contacts from the alignment alone (plmDCA or MI), shown in the contact map"));
    QAction* coevCancel = run->addAction(tr("Cancel Coe&volution"), coevolution_, &CoevolutionController::cancel);
    coevCancel->setEnabled(false);
    connect(coevolution_, &CoevolutionController::runningChanged, coevCancel, &QAction::setEnabled);
    connect(coevolution_, &CoevolutionController::runningChanged, coev,
            [coev](bool running) { coev->setEnabled(!running); });
    run->addSeparator();
    run->addAction(tr("&Locate Model\u2026"), this, &MainWindow::locateModel);
    run->addAction(tr("&Download Official Model"), this, [this] {
        banner_->show();
        banner_->startDownload();
    });
    run->addAction(tr("Use &Demo Model"), this, [this] { useModel({}, {}); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(tr("F1")), this,
                    [this] { showShortcutsDialog(this, menuBar()); });
    help->addAction(tr("&About AxialScope"), this, [this] { showAboutDialog(this); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::fillChainMenu(QMenu* menu) {
    menu->clear();
    const auto structure = session_->structure();
    menu->setEnabled(structure && !structure->chains.empty());
    if (!structure) return;
    std::string active;
    try {
        active = session_->activeChain().id;
    } catch (const axs::Error&) {
        // No protein chain: every entry stays unchecked; the contact view says why.
    }
    auto* group = new QActionGroup(menu);
    for (const StructureChain& chain : structure->chains) {
        const QString id = QString::fromStdString(chain.id);
        QAction* a = menu->addAction(
            tr("%1 (%2 residues)").arg(QString::fromStdString(chain.displayId())).arg(chain.residues.size()), this,
            [this, id] { useChain(id); });
        a->setCheckable(true);
        a->setChecked(chain.id == active);
        a->setData(id);
        group->addAction(a);
    }
}

}  // namespace axs::ui
