#include "attention/column_attention_view.hpp"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "attention/attention_maps.hpp"
#include "plot/heatmap_widget.hpp"
#include "plot/integer_ticker.hpp"

namespace axs::ui {

namespace {
constexpr int kMaxNamedBars = 40;  // beyond this, names no longer fit under the bars
}

ColumnAttentionView::ColumnAttentionView(QWidget* parent)
    : QWidget(parent),
      heatmap_(new HeatmapWidget(this)),
      bars_(new QCustomPlot(this)),
      status_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)) {
    barItem_ = new QCPBars(bars_->xAxis, bars_->yAxis);
    barItem_->setWidth(0.8);
    barItem_->setPen(Qt::NoPen);
    barItem_->setBrush(QColor(0x31, 0x68, 0x8e));
    bars_->yAxis->setLabel(tr("received\n(col. sum / M)"));
    bars_->setMinimumHeight(230);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    cancel_->setVisible(false);
    status_->setWordWrap(true);

    auto* statusBar = new QHBoxLayout;
    statusBar->addWidget(status_, 1);
    statusBar->addWidget(progress_);
    statusBar->addWidget(cancel_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(heatmap_);
    split->addWidget(bars_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({700, 260});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(statusBar);
    layout->addWidget(split, 1);
    connect(cancel_, &QPushButton::clicked, this, &ColumnAttentionView::cancelRequested);
    showMessage(tr("Select a column in the alignment to compute its column attention."));
}

void ColumnAttentionView::setMap(const TensorF& map, const QStringList& names, int msaColumn, QChar residue, int layer,
                                 int head) {
    progress_->setVisible(false);
    cancel_->setVisible(false);
    const int rows = static_cast<int>(map.shape[0]);
    QStringList shortNames;
    for (int r = 0; r < rows; ++r) {
        QString n = r < names.size() ? names[r].section(QLatin1Char(' '), 0, 0) : QString();
        if (n.isEmpty()) n = r == 0 ? tr("query") : tr("seq %1").arg(r + 1);
        if (n.size() > 18) n = n.left(17) + QChar(0x2026);
        shortNames << n;
    }
    HeatmapAxis x, y;
    x.title = tr("key sequence j");
    x.symbol = QStringLiteral("j");
    y.title = tr("query sequence i");
    y.symbol = QStringLiteral("i");
    x.firstNumber = y.firstNumber = 1;  // sequence 1 is the query, as in the bar chart
    x.cellNames = y.cellNames = shortNames;
    x.namesAsTicks = y.namesAsTicks = rows <= 30;
    heatmap_->setMatrix(map, x, y, tr("column attention"));
    heatmap_->plot()->xAxis->setTickLabelRotation(rows <= 30 ? 60 : 0);
    const QString where = tr("MSA column %1 (query %2)").arg(msaColumn + 1).arg(residue);
    heatmap_->setTitle(tr("Column attention, layer %1, head %2 — %3").arg(layer).arg(head).arg(where));
    status_->setText(tr("%1: %2 sequences. Row i attends to row j; each row sums to 1.").arg(where).arg(rows));

    const std::vector<double> received = attentionReceived(map);
    QVector<double> keys, values;
    for (int r = 0; r < rows; ++r) {
        keys << r + 1;
        values << received[size_t(r)];
    }
    barItem_->setData(keys, values, true);
    if (rows <= kMaxNamedBars) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int r = 0; r < rows; ++r) ticker->addTick(r + 1, shortNames[r]);
        bars_->xAxis->setTicker(ticker);
        bars_->xAxis->setTickLabelRotation(60);
    } else {
        bars_->xAxis->setTicker(QSharedPointer<IntegerTicker>::create());
        bars_->xAxis->setTickLabelRotation(0);
    }
    bars_->xAxis->setLabel(tr("sequence (1 = query)"));
    bars_->xAxis->setRange(0.4, rows + 0.6);
    double top = 0;
    for (double v : values) top = std::max(top, v);
    bars_->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    bars_->replot();
}

void ColumnAttentionView::showMessage(const QString& message) {
    progress_->setVisible(false);
    cancel_->setVisible(false);
    status_->setText(message);
    heatmap_->clear(message);
    barItem_->data()->clear();
    bars_->replot();
}

void ColumnAttentionView::showProgress(int msaColumn, double fraction, const QString& stage) {
    progress_->setVisible(true);
    cancel_->setVisible(true);
    progress_->setValue(static_cast<int>(fraction * 1000));
    status_->setText(
        tr("Computing the column attention of MSA column %1 (a full model run)… %2").arg(msaColumn + 1).arg(stage));
}

void ColumnAttentionView::setColorMap(ColorMap map) { heatmap_->setColorMap(map); }
void ColumnAttentionView::setLogScale(bool on) { heatmap_->setLogScale(on); }

QVector<double> ColumnAttentionView::barValues() const {
    QVector<double> v;
    for (auto it = barItem_->data()->constBegin(); it != barItem_->data()->constEnd(); ++it) v << it->value;
    return v;
}

}  // namespace axs::ui
