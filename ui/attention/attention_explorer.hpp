// The attention explorer: an overview of every layer x head, the row attention of one
// head (raw / symmetrised / APC) and the column attention of the MSA column selected in
// the alignment grid, computed on demand in a Job and cached per column.
//
// Composition (owned by the main window): connect the MSA grid's columnSelected(int) to
// setSelectedColumn, HeadScoresView::headActivated to showHead.
#pragma once

#include <QPointer>
#include <QWidget>
#include <functional>

#include "attention/column_attention.hpp"
#include "plot/color_maps.hpp"
#include "session/run_result.hpp"

class QCheckBox;
class QComboBox;
class QSpinBox;
class QTabWidget;

namespace axs::ui {

class AttentionOverview;
class ColumnAttentionView;
class Job;
class RowAttentionView;

class AttentionExplorer : public QWidget {
    Q_OBJECT
public:
    /// Computes L x H x R x R column attention for a 0-based MSA column of a run (runs on
    /// the job's worker thread). The default reruns the model given to setModel
    /// (computeColumnAttention).
    using ColumnAttentionFn = std::function<TensorF(const RunResult& run, int msaColumn, const Progress& progress)>;

    explicit AttentionExplorer(QWidget* parent = nullptr);
    ~AttentionExplorer() override;

    /// Shows a run (nullptr clears). Cancels a running column computation and empties the cache.
    void setRun(RunResultPtr run);
    RunResultPtr run() const { return run_; }
    /// The model the run was made with, for column attention on demand; null when it is not
    /// in memory (a run opened from a saved analysis before its model is loaded).
    void setModel(std::shared_ptr<const MsaTransformer> model);
    void setColumnAttentionFunction(ColumnAttentionFn fn) { columnFn_ = std::move(fn); }

    int layer() const;
    int head() const;
    int selectedColumn() const { return column_; }
    /// True while a column attention job runs.
    bool isComputing() const { return !job_.isNull(); }
    const ColumnAttentionCache& columnCache() const { return cache_; }

    enum class Tab { Overview, RowAttention, ColumnAttention };
    /// Brings one of the three views to the front.
    void showTab(Tab tab);
    Tab currentTab() const;
    ColorMap colorMap() const;
    bool logScale() const;

    AttentionOverview* overview() const { return overview_; }
    RowAttentionView* rowView() const { return rowView_; }
    ColumnAttentionView* columnView() const { return columnView_; }

public slots:
    /// 0-based MSA column (the alignment grid's columnSelected); computes on demand.
    void setSelectedColumn(int msaColumn);
    /// Selects (layer, head), 0-based, and opens its row attention.
    void showHead(int layer, int head);
    void setColorMap(ColorMap map);
    void setLogScale(bool on);
    /// Cancels the running column attention job, if any.
    void cancelColumnAttention();

signals:
    void headChanged(int layer, int head);
    /// The column attention of msaColumn is available (computed or from the cache) and shown.
    void columnAttentionReady(int msaColumn);
    void columnAttentionFailed(int msaColumn, const QString& message);

private:
    void onHeadChanged();
    void refreshColumnView();
    void startColumnJob(int msaColumn);
    QStringList sequenceNames() const;

    RunResultPtr run_;
    std::shared_ptr<const MsaTransformer> model_;
    ColumnAttentionFn columnFn_;
    ColumnAttentionCache cache_;
    QPointer<Job> job_;
    int jobColumn_ = -1;
    int column_ = -1;

    QSpinBox* layerBox_;
    QSpinBox* headBox_;
    QComboBox* colorBox_;
    QCheckBox* logBox_;
    QTabWidget* tabs_;
    AttentionOverview* overview_;
    RowAttentionView* rowView_;
    ColumnAttentionView* columnView_;
};

}  // namespace axs::ui
