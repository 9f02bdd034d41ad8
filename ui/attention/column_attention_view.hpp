// The column attention of one MSA column for one layer/head: an M x M heatmap over the
// sequences (query row i attends to key row j), with sequence names, and a bar chart of
// how much attention each sequence receives (column sums / M). Also shows the progress
// of the on-demand computation (see AttentionExplorer).
#pragma once

#include <QStringList>
#include <QWidget>

#include "common/tensor.hpp"
#include "plot/color_maps.hpp"

class QCustomPlot;
class QCPBars;
class QLabel;
class QProgressBar;
class QPushButton;

namespace axs::ui {

class HeatmapWidget;

class ColumnAttentionView : public QWidget {
    Q_OBJECT
public:
    explicit ColumnAttentionView(QWidget* parent = nullptr);

    /// Shows an R x R map of MSA column `msaColumn` (0-based; shown 1-based) whose query
    /// residue is `residue` ('-' for a gap). `names`: one per row (query first).
    void setMap(const TensorF& map, const QStringList& names, int msaColumn, QChar residue, int layer, int head);
    /// No map: `message` explains why ("select a column in the alignment").
    void showMessage(const QString& message);
    /// Computation under way: progress bar and a cancel button.
    void showProgress(int msaColumn, double fraction, const QString& stage);
    void setColorMap(ColorMap map);
    void setLogScale(bool on);

    HeatmapWidget* heatmap() const { return heatmap_; }
    QCustomPlot* barChart() const { return bars_; }
    /// The bar heights shown (attention received per sequence).
    QVector<double> barValues() const;

signals:
    void cancelRequested();

private:
    HeatmapWidget* heatmap_;
    QCustomPlot* bars_;
    QCPBars* barItem_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* cancel_;
};

}  // namespace axs::ui
