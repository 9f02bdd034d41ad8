// One layer/head of the row attention as a heatmap, raw (with or without <cls>),
// symmetrised, or symmetrised + APC (what the contact head reads).
#pragma once

#include <QWidget>

#include "attention/attention_maps.hpp"
#include "plot/heatmap_widget.hpp"
#include "selection/residue_labels.hpp"
#include "session/run_result.hpp"

class QCheckBox;
class QComboBox;

namespace axs::ui {

class RowAttentionView : public QWidget {
    Q_OBJECT
public:
    explicit RowAttentionView(QWidget* parent = nullptr);

    void setRun(RunResultPtr run);
    /// 0-based layer and head; out-of-range values are ignored.
    void setHead(int layer, int head);
    void setMode(RowAttentionMode mode);
    RowAttentionMode mode() const { return mode_; }
    /// Only affects the raw mode (<cls> is never part of the symmetrised maps).
    void setIncludeCls(bool include);
    bool includeCls() const { return includeCls_; }
    void setColorMap(ColorMap map) { heatmap_->setColorMap(map); }
    void setLogScale(bool on) { heatmap_->setLogScale(on); }

    /// Names for the tooltips ("query K12 → key L57").
    void setResidueLabels(const ResidueLabels& labels) { labels_ = labels; }
    /// Marks query positions (0-based alignment columns): a pair (i, j) with a crosshair on
    /// cell (i, j), one position p on (p, p); -1 clears. Kept across heads and modes.
    void showResidues(int i, int j);

    HeatmapWidget* heatmap() const { return heatmap_; }
    int layer() const { return layer_; }
    int head() const { return head_; }

signals:
    void includeClsChanged(bool include);
    /// A cell was clicked: query residues (1-based; 0 = <cls>) of the query and key column.
    void residuePairClicked(int queryResidue, int keyResidue);

private:
    void refresh();
    void placeCrosshair();
    /// Matrix index of a query position in the current mode (<cls> shifts by one).
    int cellOf(int position) const;

    RunResultPtr run_;
    int layer_ = 0, head_ = 0;
    RowAttentionMode mode_ = RowAttentionMode::Raw;
    bool includeCls_ = false;
    ResidueLabels labels_;
    int markI_ = -1, markJ_ = -1;
    QComboBox* modeBox_;
    QCheckBox* clsBox_;
    HeatmapWidget* heatmap_;
};

}  // namespace axs::ui
