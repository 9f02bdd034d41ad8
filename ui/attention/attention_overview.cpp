#include "attention/attention_overview.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "attention/attention_maps.hpp"
#include "plot/matrix_image.hpp"

namespace axs::ui {

namespace {
constexpr int kGap = 4;        // pixels between thumbnails
constexpr int kMinThumb = 24;  // smallest useful thumbnail
constexpr int kPreferredThumb = 72;
}  // namespace

AttentionOverview::AttentionOverview(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void AttentionOverview::setRun(RunResultPtr run) {
    run_ = std::move(run);
    rebuild();
}

void AttentionOverview::setIncludeCls(bool include) {
    if (include == includeCls_) return;
    includeCls_ = include;
    rebuild();
}

void AttentionOverview::setColorMap(ColorMap map) {
    colorMap_ = map;
    rebuild();
}

void AttentionOverview::setLogScale(bool on) {
    log_ = on;
    rebuild();
}

void AttentionOverview::setSelected(int layer, int head) {
    selLayer_ = layer;
    selHead_ = head;
    update();
}

void AttentionOverview::rebuild() {
    thumbs_.clear();
    layers_ = run_ ? run_->layers() : 0;
    heads_ = run_ ? run_->heads() : 0;
    for (int l = 0; l < layers_; ++l)
        for (int h = 0; h < heads_; ++h) {
            const TensorF map = rowAttentionMap(run_->rowAttentions, l, h, includeCls_);
            thumbs_.push_back(renderMatrixImage(map, colorMap_, displayRange(map, colorMap_, log_)));
        }
    updateGeometry();
    update();
}

QImage AttentionOverview::thumbnail(int layer, int head) const {
    if (layer < 0 || head < 0 || layer >= layers_ || head >= heads_) return {};
    return thumbs_[layer * heads_ + head];
}

AttentionOverview::Geometry AttentionOverview::geometry() const {
    const QFontMetrics fm(font());
    Geometry g;
    g.gap = kGap;
    g.left = fm.horizontalAdvance(QStringLiteral("layer 00")) + 2 * kGap;
    g.top = fm.height() * 2 + 2 * kGap;  // title line + head labels
    if (layers_ == 0 || heads_ == 0) return g;
    const int byWidth = (width() - g.left - kGap) / heads_ - kGap;
    const int byHeight = (height() - g.top - kGap) / layers_ - kGap;
    g.cell = std::max(kMinThumb, std::min(byWidth, byHeight));
    // Centre the grid horizontally in a wide widget.
    g.left += std::max(0, (width() - g.left - heads_ * (g.cell + kGap) - kGap) / 2);
    return g;
}

QSize AttentionOverview::sizeHint() const {
    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance(QStringLiteral("layer 00")) + 2 * kGap;
    const int top = fm.height() * 2 + 2 * kGap;
    return {left + std::max(1, heads_) * (kPreferredThumb + kGap) + kGap,
            top + std::max(1, layers_) * (kPreferredThumb + kGap) + kGap};
}

QSize AttentionOverview::minimumSizeHint() const {
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QStringLiteral("layer 00")) + std::max(1, heads_) * (kMinThumb + kGap) + 3 * kGap,
            fm.height() * 2 + std::max(1, layers_) * (kMinThumb + kGap) + 3 * kGap};
}

QPoint AttentionOverview::thumbnailCenter(int layer, int head) const {
    const Geometry g = geometry();
    return {g.left + head * (g.cell + g.gap) + g.cell / 2, g.top + layer * (g.cell + g.gap) + g.cell / 2};
}

std::optional<std::pair<int, int>> AttentionOverview::headAt(const QPoint& pos) const {
    const Geometry g = geometry();
    if (g.cell <= 0 || pos.x() < g.left || pos.y() < g.top) return std::nullopt;
    const int head = (pos.x() - g.left) / (g.cell + g.gap);
    const int layer = (pos.y() - g.top) / (g.cell + g.gap);
    if (head >= heads_ || layer >= layers_) return std::nullopt;
    // Inside the thumbnail, not in the gap after it.
    if ((pos.x() - g.left) % (g.cell + g.gap) >= g.cell || (pos.y() - g.top) % (g.cell + g.gap) >= g.cell)
        return std::nullopt;
    return std::make_pair(layer, head);
}

void AttentionOverview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm(font());
    if (layers_ == 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("No run: run the model to see its attention heads."));
        return;
    }
    const Geometry g = geometry();
    p.setPen(palette().color(QPalette::Text));
    const QString title =
        tr("Row attention of every layer (rows) and head (columns), %1; each scaled to its own range; "
           "click one to open it")
            .arg(includeCls_ ? tr("with <cls>") : tr("residues only"));
    p.drawText(QRect(kGap, kGap, width() - 2 * kGap, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(title, Qt::ElideRight, width() - 2 * kGap));
    for (int h = 0; h < heads_; ++h) {
        const QRect r(g.left + h * (g.cell + g.gap), g.top - fm.height() - kGap / 2, g.cell, fm.height());
        p.drawText(r, Qt::AlignCenter,
                   g.cell >= fm.horizontalAdvance("head 00") ? tr("head %1").arg(h) : QString::number(h));
    }
    for (int l = 0; l < layers_; ++l) {
        const QRect r(0, g.top + l * (g.cell + g.gap), g.left - kGap, g.cell);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, tr("layer %1").arg(l));
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);  // keep cells crisp
    for (int l = 0; l < layers_; ++l)
        for (int h = 0; h < heads_; ++h) {
            const QRect target(g.left + h * (g.cell + g.gap), g.top + l * (g.cell + g.gap), g.cell, g.cell);
            p.drawImage(target, thumbs_[l * heads_ + h]);
        }
    if (selLayer_ >= 0 && selLayer_ < layers_ && selHead_ >= 0 && selHead_ < heads_) {
        p.setPen(QPen(QColor(0xe6, 0x55, 0x0d), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRect(g.left + selHead_ * (g.cell + g.gap) - 2, g.top + selLayer_ * (g.cell + g.gap) - 2, g.cell + 3,
                         g.cell + 3));
    }
}

void AttentionOverview::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    if (const auto lh = headAt(event->position().toPoint())) emit headClicked(lh->first, lh->second);
}

void AttentionOverview::mouseMoveEvent(QMouseEvent* event) {
    if (const auto lh = headAt(event->position().toPoint()))
        QToolTip::showText(event->globalPosition().toPoint(), tr("layer %1, head %2").arg(lh->first).arg(lh->second),
                           this);
    else
        QToolTip::hideText();
}

}  // namespace axs::ui
