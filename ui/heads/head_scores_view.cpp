#include "heads/head_scores_view.hpp"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

#include "common/error.hpp"
#include "jobs/job.hpp"
#include "plot/heatmap_widget.hpp"

namespace axs::ui {

namespace {
TensorF toFloat(const TensorD& d) {
    TensorF f(d.shape);
    for (size_t k = 0; k < d.size(); ++k) f.data[k] = float(d.data[k]);
    return f;
}

HeatmapAxis countAxis(const QString& title, const QString& symbol) {
    HeatmapAxis a;
    a.title = title;
    a.symbol = symbol;
    a.firstNumber = 0;  // layers and heads are 0-based, as in the tensors and the CLI
    return a;
}
}  // namespace

HeadScoresView::HeadScoresView(QWidget* parent)
    : QWidget(parent),
      rangeBox_(new QComboBox(this)),
      kBox_(new QComboBox(this)),
      exportButton_(new QPushButton(tr("Export CSV…"), this)),
      status_(new QLabel(this)),
      scoreMap_(new HeatmapWidget(this)),
      weightMap_(new HeatmapWidget(this)),
      pairMap_(new HeatmapWidget(this)) {
    for (ContactRange r : {ContactRange::Long, ContactRange::Medium, ContactRange::Short, ContactRange::Local})
        rangeBox_->addItem(QString::fromLatin1(rangeBounds(r).name), int(r));
    kBox_->addItem(tr("P@L"), 1.0);
    kBox_->addItem(tr("P@L/2"), 0.5);
    kBox_->addItem(tr("P@L/5"), 0.2);
    status_->setWordWrap(true);
    scoreMap_->setFixedRange(ValueRange{0, 1, false});
    scoreMap_->setColorMap(ColorMap::Viridis);
    weightMap_->setColorMap(ColorMap::BlueWhiteRed);
    // Layers x heads is a small table, not a geometry: let the cells stretch so each axis
    // covers exactly its cells (-0.5 .. n - 0.5); square cells widened the layer axis to
    // phantom layers (-2 .. 5 for a 4-layer model).
    scoreMap_->setSquareCells(false);
    weightMap_->setSquareCells(false);
    pairMap_->setSquareCells(false);
    pairMap_->setColorMap(ColorMap::Viridis);
    pairMap_->hide();  // until a residue pair is selected
    for (HeatmapWidget* map : {scoreMap_, weightMap_, pairMap_})
        map->setTooltipProvider([this](int layer, int head) { return headTooltip(layer, head); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Range"), this));
    bar->addWidget(rangeBox_);
    bar->addWidget(new QLabel(tr("Score"), this));
    bar->addWidget(kBox_);
    bar->addStretch(1);
    bar->addWidget(exportButton_);
    auto* maps = new QHBoxLayout;
    maps->addWidget(scoreMap_, 1);
    maps->addWidget(weightMap_, 1);
    maps->addWidget(pairMap_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addLayout(maps, 1);

    connect(rangeBox_, &QComboBox::currentIndexChanged, this, &HeadScoresView::rescore);
    connect(kBox_, &QComboBox::currentIndexChanged, this, &HeadScoresView::rescore);
    connect(exportButton_, &QPushButton::clicked, this, &HeadScoresView::askExport);
    connect(scoreMap_, &HeatmapWidget::cellClicked, this, &HeadScoresView::headActivated);
    connect(weightMap_, &HeatmapWidget::cellClicked, this, &HeadScoresView::headActivated);
    connect(pairMap_, &HeatmapWidget::cellClicked, this, &HeadScoresView::headActivated);
    rescore();
}

HeadScoresView::~HeadScoresView() = default;  // a running Job is our child: it cancels and waits

void HeadScoresView::setRun(RunResultPtr run) {
    run_ = std::move(run);
    if (run_ && labels_.size() != int(run_->msa.width())) labels_ = ResidueLabels(run_->msa.query());
    showWeights();
    showPair();
    rescore();
}

void HeadScoresView::setSelectedHead(int layer, int head) {
    selLayer_ = layer;
    selHead_ = head;
    for (HeatmapWidget* map : {scoreMap_, weightMap_, pairMap_}) map->setCrosshair(layer, head);
}

void HeadScoresView::setPair(int i, int j) {
    pairI_ = std::min(i, j);
    pairJ_ = std::max(i, j);
    if (pairI_ < 0 || pairI_ == pairJ_) pairI_ = pairJ_ = -1;
    showPair();
}

void HeadScoresView::showPair() {
    const int L = run_ ? run_->layers() : 0, H = run_ ? run_->heads() : 0;
    const int64_t C = run_ ? run_->rowAttentions.shape.size() == 5 ? run_->rowAttentions.shape[3] : 0 : 0;
    if (pairI_ < 0 || L == 0 || pairJ_ + 1 >= C) {
        pairMap_->hide();
        return;
    }
    // Raw row attention of every head between the two residues, both directions (token
    // columns are positions + 1: <cls> is column 0).
    TensorF grid({L, H});
    const TensorF& a = run_->rowAttentions;
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h)
            grid.at(l, h) = a.at(0, l, h, pairI_ + 1, pairJ_ + 1) + a.at(0, l, h, pairJ_ + 1, pairI_ + 1);
    pairMap_->setMatrix(grid, countAxis(tr("head"), tr("head")), countAxis(tr("layer"), tr("layer")), tr("P + Pᵀ"));
    pairMap_->setTitle(tr("P + Pᵀ of %1 \u2013 %2").arg(labels_.letterLabel(pairI_), labels_.letterLabel(pairJ_)));
    pairMap_->setCrosshair(selLayer_, selHead_);
    pairMap_->show();
}

QString HeadScoresView::headTooltip(int layer, int head) const {
    QStringList lines{tr("layer %1, head %2").arg(layer).arg(head)};
    if (scores_.rank() == 2 && layer < scores_.shape[0] && head < scores_.shape[1])
        lines << tr("precision %1").arg(scores_.at(layer, head), 0, 'f', 3);
    if (weights_.rank() == 2 && layer < weights_.shape[0] && head < weights_.shape[1])
        lines << tr("regression weight %1").arg(weights_.at(layer, head), 0, 'g', 4);
    if (pairI_ >= 0 && pairMap_->matrix().rank() == 2)
        lines << tr("P + Pᵀ between %1 and %2: %3")
                     .arg(labels_.label(pairI_), labels_.label(pairJ_))
                     .arg(pairMap_->matrix().at(layer, head), 0, 'g', 4);
    return lines.join('\n');
}

void HeadScoresView::setTruth(const QueryContactMap& truth) {
    truth_ = truth;
    rescore();
}

void HeadScoresView::clearTruth() {
    truth_.reset();
    rescore();
}

HeadScoreRule HeadScoresView::rule() const {
    HeadScoreRule r;
    r.range = ContactRange(rangeBox_->currentData().toInt());
    r.fraction = kBox_->currentData().toDouble();
    return r;
}

void HeadScoresView::setRule(const HeadScoreRule& rule) {
    const QSignalBlocker b1(rangeBox_), b2(kBox_);
    rangeBox_->setCurrentIndex(rangeBox_->findData(int(rule.range)));
    for (int k = 0; k < kBox_->count(); ++k)
        if (std::abs(kBox_->itemData(k).toDouble() - rule.fraction) < 1e-9) kBox_->setCurrentIndex(k);
    rescore();
}

void HeadScoresView::showWeights() {
    weights_ = TensorD();
    if (!run_ || run_->regressionWeights.empty() || run_->layers() == 0) {
        weightMap_->clear(tr("No contact regression weights"));
        return;
    }
    weights_ = regressionWeightGrid(run_->regressionWeights, run_->layers(), run_->heads());
    weightMap_->setMatrix(toFloat(weights_), countAxis(tr("head"), tr("head")), countAxis(tr("layer"), tr("layer")),
                          tr("regression weight"));
    weightMap_->setCrosshair(selLayer_, selHead_);
    weightMap_->setTitle(tr("Regression weight per head"));
}

void HeadScoresView::rescore() {
    if (job_) job_->cancel();
    job_ = nullptr;
    scores_ = TensorD();
    exportButton_->setEnabled(false);
    if (!run_ || run_->layers() == 0) {
        status_->setText(tr("No run."));
        scoreMap_->clear(tr("No run"));
        return;
    }
    if (!truth_) {
        status_->setText(tr("Load a structure for this query to score each head as a contact predictor."));
        scoreMap_->clear(tr("No structure"));
        exportButton_->setEnabled(weights_.size() > 0);
        return;
    }
    const HeadScoreRule r = rule();
    RunResultPtr run = run_;
    const TensorI64 truth = truth_->contacts;
    status_->setText(tr("Scoring %1 heads…").arg(run->layers() * run->heads()));
    Job* job = Job::start(
        tr("Scoring attention heads"),
        [run, truth, r](const Progress& p) -> std::any { return headScoreGrid(run->rowAttentions, truth, r, p); },
        this);
    job_ = job;
    connect(job, &Job::finished, this, [this, job](const std::any& result) {
        if (job_ != job) return;  // superseded
        job_ = nullptr;
        scores_ = std::any_cast<TensorD>(result);
        showScores();
        emit scoresReady();
    });
    connect(job, &Job::failed, this, [this, job](const QString& message) {
        if (job_ != job) return;
        job_ = nullptr;
        status_->setText(tr("Scoring failed: %1").arg(message));
    });
}

void HeadScoresView::showScores() {
    const HeadScoreRule r = rule();
    const QString what = tr("%1-range %2").arg(QString::fromLatin1(rangeBounds(r.range).name), kBox_->currentText());
    scoreMap_->setMatrix(toFloat(scores_), countAxis(tr("head"), tr("head")), countAxis(tr("layer"), tr("layer")),
                         tr("precision"));
    scoreMap_->setCrosshair(selLayer_, selHead_);
    scoreMap_->setTitle(tr("%1 per head").arg(what));
    int bestL = 0, bestH = 0;
    for (int l = 0; l < scores_.shape[0]; ++l)
        for (int h = 0; h < scores_.shape[1]; ++h)
            if (!(scores_.at(l, h) <= scores_.at(bestL, bestH))) bestL = l, bestH = h;
    status_->setText(tr("Each head's symmetrised + APC attention scored as a contact prediction. Best head: layer "
                        "%1, head %2 with %3 = %4%. Click a head to open its attention.")
                         .arg(bestL)
                         .arg(bestH)
                         .arg(what)
                         .arg(100 * scores_.at(bestL, bestH), 0, 'f', 1));
    exportButton_->setEnabled(true);
}

void HeadScoresView::exportCsv(const QString& path) const {
    if (scores_.size() == 0 && weights_.size() == 0)
        failFile(path.toStdString(), "nothing to export: no head scores yet");
    TensorD scores = scores_;
    if (scores.size() == 0) scores = TensorD(weights_.shape, std::nan(""));
    writeHeadScoresCsv(path.toStdString(), headScoreTable(scores, rule()),
                       run_ ? run_->regressionWeights : std::vector<float>{});
}

void HeadScoresView::askExport() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export head scores"), QStringLiteral("head_scores.csv"),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
        exportCsv(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

}  // namespace axs::ui
