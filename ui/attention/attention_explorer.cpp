#include "attention/attention_explorer.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "attention/attention_maps.hpp"
#include "attention/attention_overview.hpp"
#include "attention/column_attention_view.hpp"
#include "attention/row_attention_view.hpp"
#include "common/error.hpp"
#include "jobs/job.hpp"

namespace axs::ui {

AttentionExplorer::AttentionExplorer(QWidget* parent)
    : QWidget(parent),
      layerBox_(new QSpinBox(this)),
      headBox_(new QSpinBox(this)),
      colorBox_(new QComboBox(this)),
      logBox_(new QCheckBox(tr("log colours"), this)),
      tabs_(new QTabWidget(this)),
      overview_(new AttentionOverview(this)),
      rowView_(new RowAttentionView(this)),
      columnView_(new ColumnAttentionView(this)) {
    layerBox_->setToolTip(tr("Layer, 0-based"));
    headBox_->setToolTip(tr("Attention head, 0-based"));
    for (ColorMap m : allColorMaps()) colorBox_->addItem(colorMapName(m), int(m));
    logBox_->setToolTip(tr("Logarithmic colour scale (attention spans many orders of magnitude)"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Layer"), this));
    bar->addWidget(layerBox_);
    bar->addWidget(new QLabel(tr("Head"), this));
    bar->addWidget(headBox_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Colours"), this));
    bar->addWidget(colorBox_);
    bar->addWidget(logBox_);
    bar->addStretch(1);
    tabs_->addTab(overview_, tr("All heads"));
    tabs_->addTab(rowView_, tr("Row attention"));
    tabs_->addTab(columnView_, tr("Column attention"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(tabs_, 1);

    connect(layerBox_, &QSpinBox::valueChanged, this, &AttentionExplorer::onHeadChanged);
    connect(headBox_, &QSpinBox::valueChanged, this, &AttentionExplorer::onHeadChanged);
    connect(colorBox_, &QComboBox::currentIndexChanged, this,
            [this] { setColorMap(ColorMap(colorBox_->currentData().toInt())); });
    connect(logBox_, &QCheckBox::toggled, this, &AttentionExplorer::setLogScale);
    connect(overview_, &AttentionOverview::headClicked, this, &AttentionExplorer::showHead);
    connect(rowView_, &RowAttentionView::includeClsChanged, overview_, &AttentionOverview::setIncludeCls);
    connect(columnView_, &ColumnAttentionView::cancelRequested, this, &AttentionExplorer::cancelColumnAttention);
    setRun(nullptr);
}

AttentionExplorer::~AttentionExplorer() = default;  // a running Job is our child: it cancels and waits

int AttentionExplorer::layer() const { return layerBox_->value(); }
int AttentionExplorer::head() const { return headBox_->value(); }

void AttentionExplorer::setRun(RunResultPtr run) {
    cancelColumnAttention();
    cache_.clear();
    column_ = -1;
    run_ = std::move(run);
    const QSignalBlocker b1(layerBox_), b2(headBox_);
    layerBox_->setRange(0, std::max(0, (run_ ? run_->layers() : 0) - 1));
    headBox_->setRange(0, std::max(0, (run_ ? run_->heads() : 0) - 1));
    layerBox_->setValue(0);
    headBox_->setValue(0);
    layerBox_->setEnabled(run_ != nullptr);
    headBox_->setEnabled(run_ != nullptr);
    overview_->setRun(run_);
    rowView_->setRun(run_);
    overview_->setSelected(0, 0);
    columnView_->showMessage(run_ ? tr("Select a column in the alignment to compute its column attention.")
                                  : tr("No run."));
}

void AttentionExplorer::setModel(std::shared_ptr<const MsaTransformer> model) {
    if (model == model_) return;
    model_ = std::move(model);
    // A column that waited for the model can be computed now.
    if (model_ && column_ >= 0 && !cache_.find(column_) && !job_) startColumnJob(column_);
}

void AttentionExplorer::showHead(int layer, int head) {
    if (!run_ || layer < 0 || head < 0 || layer >= run_->layers() || head >= run_->heads()) return;
    {
        const QSignalBlocker b1(layerBox_), b2(headBox_);
        layerBox_->setValue(layer);
        headBox_->setValue(head);
    }
    onHeadChanged();
    tabs_->setCurrentWidget(rowView_);
}

void AttentionExplorer::showTab(Tab tab) {
    QWidget* pages[] = {overview_, rowView_, columnView_};
    tabs_->setCurrentWidget(pages[int(tab)]);
}

AttentionExplorer::Tab AttentionExplorer::currentTab() const {
    QWidget* page = tabs_->currentWidget();
    return page == rowView_ ? Tab::RowAttention : page == columnView_ ? Tab::ColumnAttention : Tab::Overview;
}

ColorMap AttentionExplorer::colorMap() const { return ColorMap(colorBox_->currentData().toInt()); }
bool AttentionExplorer::logScale() const { return logBox_->isChecked(); }

void AttentionExplorer::onHeadChanged() {
    rowView_->setHead(layer(), head());
    overview_->setSelected(layer(), head());
    refreshColumnView();
    emit headChanged(layer(), head());
}

void AttentionExplorer::setColorMap(ColorMap map) {
    const int index = colorBox_->findData(int(map));
    if (colorBox_->currentIndex() != index) {
        colorBox_->setCurrentIndex(index);  // comes back here through the signal
        return;
    }
    overview_->setColorMap(map);
    rowView_->setColorMap(map);
    columnView_->setColorMap(map);
}

void AttentionExplorer::setLogScale(bool on) {
    if (logBox_->isChecked() != on) {
        logBox_->setChecked(on);
        return;
    }
    overview_->setLogScale(on);
    rowView_->setLogScale(on);
    columnView_->setLogScale(on);
}

void AttentionExplorer::setSelectedColumn(int msaColumn) {
    if (!run_) return;
    if (msaColumn < 0 || msaColumn >= run_->columns() - 1) {
        columnView_->showMessage(tr("Column %1 is outside the alignment.").arg(msaColumn + 1));
        return;
    }
    column_ = msaColumn;
    if (cache_.find(msaColumn)) {
        refreshColumnView();
        emit columnAttentionReady(msaColumn);
        return;
    }
    if (job_ && jobColumn_ == msaColumn) return;  // already on its way
    startColumnJob(msaColumn);
}

void AttentionExplorer::startColumnJob(int msaColumn) {
    cancelColumnAttention();
    RunResultPtr run = run_;  // the job keeps the (immutable) run alive
    ColumnAttentionFn fn = columnFn_;
    if (!fn) {
        if (!model_) {
            columnView_->showMessage(
                tr("Column attention needs the model of this run (%1); open that model to compute it.")
                    .arg(QString::fromStdString(run_->model.label)));
            return;
        }
        fn = [model = model_](const RunResult& r, int column, const Progress& progress) {
            return computeColumnAttention(*model, r.tokens, column, progress);
        };
    }
    Job* job = Job::start(
        tr("Column attention of MSA column %1").arg(msaColumn + 1),
        [run, fn, msaColumn](const Progress& progress) -> std::any { return fn(*run, msaColumn, progress); }, this);
    job_ = job;
    jobColumn_ = msaColumn;
    columnView_->showProgress(msaColumn, 0, QString());
    connect(job, &Job::progress, this, [this, msaColumn](double fraction, const QString& stage) {
        if (column_ == msaColumn) columnView_->showProgress(msaColumn, fraction, stage);
    });
    // Whatever the outcome, this job no longer runs.
    auto release = [this, job] {
        if (job_ == job) {
            job_ = nullptr;
            jobColumn_ = -1;
        }
    };
    connect(job, &Job::finished, this, [this, run, msaColumn, release](const std::any& result) {
        release();
        if (run != run_) return;  // a different run is shown now
        cache_.insert(msaColumn, std::any_cast<TensorF>(result));
        if (column_ == msaColumn) {
            refreshColumnView();
            emit columnAttentionReady(msaColumn);
        }
    });
    connect(job, &Job::failed, this, [this, msaColumn, release](const QString& message) {
        release();
        if (column_ == msaColumn)
            columnView_->showMessage(tr("Column attention of column %1 failed: %2").arg(msaColumn + 1).arg(message));
        emit columnAttentionFailed(msaColumn, message);
    });
    connect(job, &Job::cancelled, this, [this, msaColumn, release] {
        release();
        if (column_ == msaColumn && !job_)
            columnView_->showMessage(tr("Column attention of column %1 cancelled.").arg(msaColumn + 1));
    });
}

void AttentionExplorer::cancelColumnAttention() {
    if (job_) job_->cancel();
    job_ = nullptr;  // results of a cancelled job are not awaited any more
    jobColumn_ = -1;
}

void AttentionExplorer::refreshColumnView() {
    if (!run_ || column_ < 0) return;
    const TensorF* maps = cache_.find(column_);
    if (!maps) return;
    const std::string& query = run_->msa.query();
    const QChar residue = column_ < int(query.size()) ? QChar::fromLatin1(query[size_t(column_)]) : QChar('?');
    columnView_->setMap(columnAttentionMap(*maps, layer(), head()), sequenceNames(), column_, residue, layer(), head());
}

QStringList AttentionExplorer::sequenceNames() const {
    QStringList names;
    if (run_)
        for (const std::string& n : run_->msa.names) names << QString::fromStdString(n);
    return names;
}

}  // namespace axs::ui
