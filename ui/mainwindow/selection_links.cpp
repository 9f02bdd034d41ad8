// MainWindow's linked selection: every view reports its picks to the window's
// SelectionModel (selection/selection_model.hpp) and follows it, so a residue, a pair or a
// head picked anywhere shows everywhere — the alignment column(s), crosshairs on the row
// attention, contact and heads maps, the heads view's per-head attention of a pair, the
// explorer's layer/head — with the residues named in the status bar.
#include <QStatusBar>

#include "attention/attention_explorer.hpp"
#include "attention/row_attention_view.hpp"
#include "contactmap/contact_map_view.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/contact_view_update.hpp"
#include "mainwindow/main_window.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"

namespace axs::ui {

void MainWindow::linkSelection() {
    // Picks, view -> selection.
    connect(msaPanel_->grid(), &MsaGridView::columnSelected, selection_, &SelectionModel::selectPosition);
    connect(attentionExplorer_->rowView(), &RowAttentionView::residuePairClicked, this, [this](int query, int key) {
        if (query > 0 && key > 0) selection_->selectPair(query - 1, key - 1);  // 1-based; 0 = <cls>
    });
    connect(headsView_, &HeadScoresView::headActivated, selection_, &SelectionModel::selectHead);
    connect(attentionExplorer_, &AttentionExplorer::headChanged, selection_, &SelectionModel::selectHead);
    // (the contact map is replaced with the session: connectContactView links each new one)

    // Selection -> views.
    connect(selection_, &SelectionModel::positionChanged, this, &MainWindow::showSelectedResidues);
    connect(selection_, &SelectionModel::pairChanged, this, &MainWindow::showSelectedResidues);
    connect(selection_, &SelectionModel::headChanged, this, [this](int layer, int head) {
        attentionExplorer_->showHead(layer, head);
        headsView_->setSelectedHead(layer, head);
    });
    // Positions belong to an alignment: a new one starts with nothing selected.
    connect(session_, &Session::msaChanged, selection_, &SelectionModel::clearResidues);
}

void MainWindow::showSelectedResidues() {
    const int p = selection_->position();
    const auto [i, j] = selection_->pair();
    MsaGridView* grid = msaPanel_->grid();
    grid->selectColumn(p);
    grid->setMarkedColumns(selection_->hasPair() ? std::vector<int>{j} : std::vector<int>{});
    if (p >= 0) grid->ensureVisible(1, selection_->hasPair() ? j : p);
    if (selection_->hasPair() && p >= 0) grid->ensureVisible(1, p);
    attentionExplorer_->rowView()->showResidues(selection_->hasPair() ? i : p, selection_->hasPair() ? j : p);
    contactView_->showResidues(selection_->hasPair() ? i : p, selection_->hasPair() ? j : p);
    headsView_->setPair(i, j);
    if (selection_->hasPair())
        statusBar()->showMessage(contactView_->describePair(i, j).replace('\n', QStringLiteral(" \u2014 ")), 10000);
    else if (p >= 0)
        statusBar()->showMessage(tr("Column %1: %2").arg(p + 1).arg(residueLabels_.label(p)), 8000);
}

void MainWindow::refreshResidueLabels() {
    const auto msa = session_->msa();
    residueLabels_ = msa && msa->depth() ? ResidueLabels(msa->query()) : ResidueLabels();
    QString label, warning;
    if (const auto truth = sessionTruth(*session_, &label, &warning)) {
        try {
            residueLabels_.setStructure(*truth, session_->activeChain());
        } catch (const axs::Error&) {
            // No protein chain: names without structure residues (the contact view says why).
        }
    }
    attentionExplorer_->rowView()->setResidueLabels(residueLabels_);
    contactView_->setResidueLabels(residueLabels_);
    headsView_->setResidueLabels(residueLabels_);
}

}  // namespace axs::ui
