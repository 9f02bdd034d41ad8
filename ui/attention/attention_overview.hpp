// All layers x heads of a run's row attention at a glance: one thumbnail per head
// (layers as rows, heads as columns), each scaled to its own value range so that weak
// and sharp heads are equally visible. Clicking a thumbnail emits headClicked.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>
#include <optional>

#include "plot/color_maps.hpp"
#include "session/run_result.hpp"

namespace axs::ui {

class AttentionOverview : public QWidget {
    Q_OBJECT
public:
    explicit AttentionOverview(QWidget* parent = nullptr);

    void setRun(RunResultPtr run);
    void setIncludeCls(bool include);
    void setColorMap(ColorMap map);
    void setLogScale(bool on);
    /// Frames the thumbnail of (layer, head), 0-based.
    void setSelected(int layer, int head);

    /// The thumbnail of (layer, head): one pixel per attention entry (C x C or T x T).
    QImage thumbnail(int layer, int head) const;
    /// (layer, head) under a point in widget coordinates.
    std::optional<std::pair<int, int>> headAt(const QPoint& pos) const;
    /// Centre of a thumbnail in widget coordinates (for tests and tooltips).
    QPoint thumbnailCenter(int layer, int head) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void headClicked(int layer, int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    struct Geometry {
        int left = 0, top = 0, cell = 0, gap = 0;
    };
    Geometry geometry() const;
    void rebuild();

    RunResultPtr run_;
    QVector<QImage> thumbs_;  ///< layer-major, L * H
    int layers_ = 0, heads_ = 0;
    bool includeCls_ = false;
    bool log_ = false;
    ColorMap colorMap_ = ColorMap::Viridis;
    int selLayer_ = -1, selHead_ = -1;
};

}  // namespace axs::ui
