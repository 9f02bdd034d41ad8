#include "attention/row_attention_view.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "plot/residue_axis.hpp"

namespace axs::ui {

RowAttentionView::RowAttentionView(QWidget* parent)
    : QWidget(parent),
      modeBox_(new QComboBox(this)),
      clsBox_(new QCheckBox(tr("include <cls>"), this)),
      heatmap_(new HeatmapWidget(this)) {
    modeBox_->addItem(tr("raw"), int(RowAttentionMode::Raw));
    modeBox_->addItem(tr("symmetrised"), int(RowAttentionMode::Symmetrized));
    modeBox_->addItem(tr("symmetrised + APC"), int(RowAttentionMode::SymmetrizedApc));
    modeBox_->setToolTip(
        tr("raw: P[i][j] (rows sum to 1); symmetrised: P + Pᵀ; "
           "APC: average product correction, the contact head's input"));
    clsBox_->setToolTip(tr("Show the <cls> token (position 0) in the raw map"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("View:"), this));
    bar->addWidget(modeBox_);
    bar->addWidget(clsBox_);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(heatmap_, 1);

    connect(modeBox_, &QComboBox::currentIndexChanged, this,
            [this] { setMode(RowAttentionMode(modeBox_->currentData().toInt())); });
    connect(clsBox_, &QCheckBox::toggled, this, [this](bool on) {
        setIncludeCls(on);
        emit includeClsChanged(on);
    });
    heatmap_->setTooltipProvider([this](int row, int col) {
        const int offset = (mode_ == RowAttentionMode::Raw && includeCls_) ? 1 : 0;
        auto name = [&](int cell) { return cell < offset ? QStringLiteral("<cls>") : labels_.label(cell - offset); };
        const TensorF& m = heatmap_->matrix();
        const double v = m.data[size_t(row) * size_t(m.shape[1]) + size_t(col)];
        return tr("query %1 \u2192 key %2\nlayer %3, head %4: %5")
            .arg(name(row), name(col))
            .arg(layer_)
            .arg(head_)
            .arg(QString::number(v, 'g', 4));
    });
    connect(heatmap_, &HeatmapWidget::cellClicked, this, [this](int row, int col) {
        const int offset = (mode_ == RowAttentionMode::Raw && includeCls_) ? 0 : 1;
        emit residuePairClicked(row + offset, col + offset);
    });
    refresh();
}

void RowAttentionView::setRun(RunResultPtr run) {
    run_ = std::move(run);
    if (run_ && labels_.size() != int(run_->msa.width())) labels_ = ResidueLabels(run_->msa.query());
    layer_ = head_ = 0;
    refresh();
}

void RowAttentionView::setHead(int layer, int head) {
    if (!run_ || layer < 0 || head < 0 || layer >= run_->layers() || head >= run_->heads()) return;
    layer_ = layer;
    head_ = head;
    refresh();
}

void RowAttentionView::setMode(RowAttentionMode mode) {
    mode_ = mode;
    const int index = modeBox_->findData(int(mode));
    if (modeBox_->currentIndex() != index) modeBox_->setCurrentIndex(index);  // re-enters once, harmless
    clsBox_->setEnabled(mode == RowAttentionMode::Raw);
    refresh();
}

void RowAttentionView::setIncludeCls(bool include) {
    includeCls_ = include;
    if (clsBox_->isChecked() != include) clsBox_->setChecked(include);
    refresh();
}

int RowAttentionView::cellOf(int position) const {
    if (position < 0) return -1;
    return position + ((mode_ == RowAttentionMode::Raw && includeCls_) ? 1 : 0);
}

void RowAttentionView::showResidues(int i, int j) {
    markI_ = i;
    markJ_ = j < 0 ? i : j;
    placeCrosshair();
}

void RowAttentionView::placeCrosshair() { heatmap_->setCrosshair(cellOf(markI_), cellOf(markJ_)); }

void RowAttentionView::refresh() {
    if (!run_ || run_->layers() == 0) {
        heatmap_->clear(tr("No run"));
        return;
    }
    const bool withCls = mode_ == RowAttentionMode::Raw && includeCls_;
    const TensorF map = rowAttentionView(run_->rowAttentions, layer_, head_, mode_, includeCls_);
    const std::string& query = run_->msa.query();
    const HeatmapAxis x = residueAxis(tr("key column j (query residue)"), QStringLiteral("j"), query, withCls);
    const HeatmapAxis y = residueAxis(tr("query column i (query residue)"), QStringLiteral("i"), query, withCls);
    const QString value = mode_ == RowAttentionMode::Raw           ? tr("attention P[i][j]")
                          : mode_ == RowAttentionMode::Symmetrized ? tr("P + Pᵀ")
                                                                   : tr("APC-corrected P + Pᵀ");
    heatmap_->setMatrix(map, x, y, value);
    placeCrosshair();
    heatmap_->setTitle(tr("Row attention, layer %1, head %2 — %3").arg(layer_).arg(head_).arg(modeBox_->currentText()));
}

}  // namespace axs::ui
