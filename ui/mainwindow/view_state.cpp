// MainWindow's view state for saved analyses: which tab, layer/head, colours, marks and
// settings each view shows, as the plain values of core's AnalysisViewState.
#include <QTabWidget>
#include <algorithm>
#include <optional>
#include <set>

#include "attention/attention_explorer.hpp"
#include "attention/attention_overview.hpp"
#include "attention/row_attention_view.hpp"
#include "contactmap/contact_map_view.hpp"
#include "heads/head_scores_view.hpp"
#include "mainwindow/main_window.hpp"
#include "msa/colour_schemes.hpp"
#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"
#include "msa/msa_panel.hpp"
#include "plot/heatmap_widget.hpp"
#include "selection/selection_model.hpp"
#include "session/session.hpp"

namespace axs::ui {

namespace {

const char* const kTabs[] = {"alignment", "attention", "contacts", "heads"};
const char* const kAttentionTabs[] = {"overview", "row", "column"};
const char* const kRowModes[] = {"raw", "symmetrized", "apc"};
const char* const kSeparations[] = {"local", "short", "medium", "long", "all"};

template <size_t N>
int indexOf(const char* const (&names)[N], const std::string& name) {
    for (size_t k = 0; k < N; ++k)
        if (name == names[k]) return int(k);
    return -1;
}

std::optional<ColorMap> colorMapNamed(const std::string& name) {
    for (ColorMap m : allColorMaps())
        if (colorMapName(m).toStdString() == name) return m;
    return std::nullopt;
}

}  // namespace

AnalysisViewState MainWindow::viewState() const {
    AnalysisViewState v;
    v.tab = kTabs[std::clamp(tabs_->currentIndex(), 0, 3)];
    v.attentionTab = kAttentionTabs[int(attentionExplorer_->currentTab())];
    v.layer = attentionExplorer_->layer();
    v.head = attentionExplorer_->head();
    v.rowAttentionMode = kRowModes[int(attentionExplorer_->rowView()->mode())];
    v.includeCls = attentionExplorer_->rowView()->includeCls();
    v.attentionColours = colorMapName(attentionExplorer_->colorMap()).toStdString();
    v.logColours = attentionExplorer_->logScale();
    MsaGridView* grid = msaPanel_->grid();
    v.msaColourScheme = colourSchemeKey(grid->colourScheme()).toStdString();
    v.msaZoom = grid->zoomLevel();
    v.selectedColumn = grid->selectedColumn();
    v.selectedRows.assign(grid->data().selectedRows().begin(), grid->data().selectedRows().end());
    v.contactRange = kSeparations[int(contactView_->range())];
    const ContactSelectionRule rule = contactView_->rule();
    v.contactFraction = rule.kind == ContactSelectionRule::Kind::Threshold ? 0.0 : rule.fraction;
    v.contactThreshold = rule.threshold;
    v.contactLower = contactView_->lowerSource();
    v.contactColours = colorMapName(contactView_->heatmap()->colorMap()).toStdString();
    const HeadScoreRule heads = headsView_->rule();
    v.headsRange = rangeBounds(heads.range).name;
    v.headsFraction = heads.fraction;
    v.pairI = selection_->pair().first;
    v.pairJ = selection_->pair().second;
    return v;
}

void MainWindow::applyViewState(const AnalysisViewState& v) {
    // Settings first (they rebuild what views show), then what is selected, then the tab.
    MsaGridView* grid = msaPanel_->grid();
    if (!v.msaColourScheme.empty())
        grid->setColourScheme(colourSchemeFromKey(QString::fromStdString(v.msaColourScheme)));
    if (v.msaZoom >= 0) grid->setZoomLevel(v.msaZoom);
    std::set<int> rows;
    for (int r : v.selectedRows)
        if (r >= 0 && r < grid->data().depth()) rows.insert(r);
    grid->selectRows(rows);
    if (v.selectedColumn >= 0 && v.selectedColumn < grid->data().width()) {
        selection_->selectPosition(v.selectedColumn);
        attentionExplorer_->setSelectedColumn(v.selectedColumn);
    }

    if (const auto map = colorMapNamed(v.attentionColours)) attentionExplorer_->setColorMap(*map);
    attentionExplorer_->setLogScale(v.logColours);
    if (const int mode = indexOf(kRowModes, v.rowAttentionMode); mode >= 0)
        attentionExplorer_->rowView()->setMode(RowAttentionMode(mode));
    attentionExplorer_->rowView()->setIncludeCls(v.includeCls);
    attentionExplorer_->overview()->setIncludeCls(v.includeCls);
    if (v.layer >= 0 && v.head >= 0) attentionExplorer_->showHead(v.layer, v.head);
    if (const int tab = indexOf(kAttentionTabs, v.attentionTab); tab >= 0)
        attentionExplorer_->showTab(AttentionExplorer::Tab(tab));

    if (const int range = indexOf(kSeparations, v.contactRange); range >= 0)
        contactView_->setRange(SeparationRange(range));
    ContactSelectionRule rule;
    if (v.contactFraction <= 0) {
        rule.kind = ContactSelectionRule::Kind::Threshold;
        rule.threshold = v.contactThreshold;
    } else {
        rule.fraction = v.contactFraction;
    }
    contactView_->setRule(rule);
    contactView_->setLowerSource(v.contactLower);
    if (const auto map = colorMapNamed(v.contactColours)) contactView_->setColorMap(*map);

    HeadScoreRule heads = headsView_->rule();
    for (ContactRange r : kAllRanges)
        if (v.headsRange == rangeBounds(r).name) heads.range = r;
    if (v.headsFraction > 0 && v.headsFraction <= 1) heads.fraction = v.headsFraction;
    headsView_->setRule(heads);

    // The selected pair last: it frames the residues in every view just set up.
    const int width = grid->data().width();
    if (v.pairI >= 0 && v.pairJ >= 0 && v.pairI < width && v.pairJ < width) selection_->selectPair(v.pairI, v.pairJ);

    if (const int tab = indexOf(kTabs, v.tab); tab >= 0) showView(View(tab));
}

}  // namespace axs::ui
