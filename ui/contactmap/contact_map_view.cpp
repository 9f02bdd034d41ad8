#include "contactmap/contact_map_view.hpp"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "common/error.hpp"
#include "contactmap/precision_table.hpp"
#include "contacts/contact_prediction.hpp"
#include "metrics/contact_precision.hpp"
#include "plot/heatmap_widget.hpp"
#include "plot/residue_axis.hpp"

namespace axs::ui {

namespace {

TensorD toDouble(const TensorF& t) {
    TensorD d(t.shape);
    for (size_t k = 0; k < t.size(); ++k) d.data[k] = t.data[k];
    return d;
}

// Marker colours chosen to stand out on every colour map: a dark outline around a
// saturated fill (true: green, false: red), grey rings for pairs without a verdict.
const QColor kTrueColor(0x1a, 0xc8, 0x3c);
const QColor kFalseColor(0xff, 0x30, 0x30);
const QColor kUnknownColor(0xa0, 0xa0, 0xa0);

QCPGraph* markerGraph(QCustomPlot* plot, QCPScatterStyle::ScatterShape shape, const QColor& fill, const QColor& edge,
                      double size) {
    auto* g = new QCPGraph(plot->xAxis, plot->yAxis);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(shape, QPen(edge, 1.2), QBrush(fill), size));
    g->setSelectable(QCP::stNone);
    return g;
}

QString residueName(const std::string& query, int p) {
    const char c = p >= 0 && p < int(query.size()) ? query[size_t(p)] : '?';
    return QStringLiteral("%1%2").arg(QChar::fromLatin1(c)).arg(p + 1);
}

QString formatScore(double v) { return std::isfinite(v) ? QString::number(v, 'g', 4) : QObject::tr("not scored"); }

}  // namespace

ContactMapView::ContactMapView(QWidget* parent)
    : QWidget(parent),
      heatmap_(new HeatmapWidget(this)),
      kBox_(new QComboBox(this)),
      thresholdBox_(new QDoubleSpinBox(this)),
      rangeBox_(new QComboBox(this)),
      lowerBox_(new QComboBox(this)),
      table_(new PrecisionTable(this)),
      table2_(new PrecisionTable(this)),
      tableTitle_(new QLabel(this)),
      table2Title_(new QLabel(this)),
      selectionLabel_(new QLabel(this)),
      pairLabel_(new QLabel(this)) {
    QCustomPlot* plot = heatmap_->plot();
    unjudged_ = markerGraph(plot, QCPScatterStyle::ssCircle, Qt::transparent, kUnknownColor, 7);
    falsePositives_ = markerGraph(plot, QCPScatterStyle::ssCircle, kFalseColor, Qt::black, 7);
    truePositives_ = markerGraph(plot, QCPScatterStyle::ssCircle, kTrueColor, Qt::black, 7);
    heatmap_->setFixedRange(ValueRange{0, 1, false});
    heatmap_->setColorMap(ColorMap::Viridis);

    kBox_->addItem(tr("top L"), 1.0);
    kBox_->addItem(tr("top L/2"), 0.5);
    kBox_->addItem(tr("top L/5"), 0.2);
    kBox_->addItem(tr("score ≥ threshold"), -1.0);
    thresholdBox_->setRange(-1e6, 1e6);
    thresholdBox_->setDecimals(3);
    thresholdBox_->setSingleStep(0.05);
    thresholdBox_->setValue(0.5);
    thresholdBox_->setEnabled(false);
    for (SeparationRange r : {SeparationRange::Long, SeparationRange::Medium, SeparationRange::Short,
                              SeparationRange::Local, SeparationRange::All})
        rangeBox_->addItem(separationRangeName(r), int(r));
    lowerBox_->setToolTip(tr("What the lower triangle shows"));
    for (QLabel* l : {selectionLabel_, pairLabel_, tableTitle_, table2Title_}) l->setWordWrap(true);
    pairLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pairLabel_->setText(tr("Click a pair to see its residues, scores and distance."));

    auto* legend = new QLabel(this);
    legend->setText(tr("<span style='color:%1'>●</span> true contact&nbsp;&nbsp; "
                       "<span style='color:%2'>●</span> false&nbsp;&nbsp; "
                       "<span style='color:%3'>○</span> no verdict<br>upper triangle: prediction; lower: selectable")
                        .arg(kTrueColor.name(), kFalseColor.name(), kUnknownColor.name()));
    legend->setWordWrap(true);

    auto* form = new QFormLayout;
    auto* kRow = new QHBoxLayout;
    kRow->addWidget(kBox_, 1);
    kRow->addWidget(thresholdBox_);
    form->addRow(tr("Mark"), kRow);
    form->addRow(tr("Range"), rangeBox_);
    form->addRow(tr("Lower triangle"), lowerBox_);

    auto* side = new QVBoxLayout;
    side->addLayout(form);
    side->addWidget(legend);
    side->addWidget(selectionLabel_);
    side->addWidget(tableTitle_);
    side->addWidget(table_);
    side->addWidget(table2Title_);
    side->addWidget(table2_);
    side->addWidget(pairLabel_);
    side->addStretch(1);
    auto* sideWidget = new QWidget(this);
    sideWidget->setLayout(side);
    sideWidget->setFixedWidth(std::max(320, table_->sizeHint().width() + 24));

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(heatmap_, 1);
    layout->addWidget(sideWidget);

    connect(kBox_, &QComboBox::currentIndexChanged, this, &ContactMapView::onRuleControlsChanged);
    connect(thresholdBox_, &QDoubleSpinBox::valueChanged, this, &ContactMapView::onRuleControlsChanged);
    connect(rangeBox_, &QComboBox::currentIndexChanged, this, [this] {
        refreshMarks();
        heatmap_->plot()->replot();
    });
    connect(lowerBox_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    heatmap_->setTooltipProvider([this](int r, int c) { return describePair(std::min(r, c), std::max(r, c)); });
    connect(heatmap_, &HeatmapWidget::cellClicked, this, [this](int r, int c) {
        const int i = std::min(r, c), j = std::max(r, c);
        showResidues(i, j);
        emit contactClicked(i, j);
    });
    clearTruth();
}

void ContactMapView::setQuery(const std::string& query) {
    query_ = query;
    labels_ = ResidueLabels(query);
}

void ContactMapView::setResidueLabels(const ResidueLabels& labels) { labels_ = labels; }

void ContactMapView::showResidues(int i, int j) {
    if (j < 0) j = i;
    markI_ = std::min(i, j);
    markJ_ = std::max(i, j);
    heatmap_->setCrosshair(markI_, markJ_);
    if (markI_ >= 0 && markI_ != markJ_)
        pairLabel_->setText(describePair(markI_, markJ_).replace('\n', QStringLiteral("<br>")));
}

void ContactMapView::setPrediction(const TensorF& probabilities, const QString& label) {
    setPrediction(toDouble(probabilities), label);
}

void ContactMapView::setPrediction(const TensorD& scores, const QString& label) {
    if (scores.rank() != 2 || scores.shape[0] != scores.shape[1])
        throw Error("contact prediction must be a square matrix, got " + scores.shapeString());
    if (!query_.empty() && scores.shape[0] != int64_t(query_.size()))
        throw Error("the prediction covers " + std::to_string(scores.shape[0]) + " positions but the query has " +
                    std::to_string(query_.size()));
    primary_ = Source{label, scores};
    refresh();
}

void ContactMapView::setTruth(const QueryContactMap& truth, const QString& label) {
    if (primary_ && truth.contacts.shape != primary_->scores.shape)
        throw Error("the structure's contact map " + truth.contacts.shapeString() + " does not match the prediction " +
                    primary_->scores.shapeString());
    truth_ = truth;
    truthLabel_ = label;
    lowerBox_->setItemText(0, tr("true contacts (%1)").arg(label));
    refresh();
}

void ContactMapView::clearTruth() {
    truth_.reset();
    truthLabel_.clear();
    if (lowerBox_->count() == 0)
        lowerBox_->addItem(tr("true contacts (no structure)"));
    else
        lowerBox_->setItemText(0, tr("true contacts (no structure)"));
    refresh();
}

int ContactMapView::addComparison(const TensorD& scores, const QString& label) {
    if (primary_ && scores.shape != primary_->scores.shape)
        throw Error("the comparison " + label.toStdString() + " covers " + scores.shapeString() +
                    " but the prediction " + primary_->scores.shapeString());
    comparisons_.push_back({label, scores});
    lowerBox_->addItem(label);
    return int(comparisons_.size());
}

int ContactMapView::addComparison(const TensorF& scores, const QString& label) {
    return addComparison(toDouble(scores), label);
}

int ContactMapView::importComparison(const QString& path) {
    const size_t length = primary_ ? size_t(primary_->scores.shape[0]) : query_.size();
    ContactPrediction p = readContactPrediction(path.toStdString(), length);
    return addComparison(p.scores,
                         QStringLiteral("%1 (%2)").arg(QFileInfo(path).fileName(), QString::fromStdString(p.format)));
}

void ContactMapView::setLowerSource(int index) {
    if (index >= 0 && index < lowerBox_->count()) lowerBox_->setCurrentIndex(index);
}

int ContactMapView::lowerSource() const { return lowerBox_->currentIndex(); }
QString ContactMapView::lowerSourceName() const { return lowerBox_->currentText(); }
int ContactMapView::findLowerSource(const QString& name) const { return lowerBox_->findText(name); }

void ContactMapView::setRange(SeparationRange range) { rangeBox_->setCurrentIndex(rangeBox_->findData(int(range))); }

void ContactMapView::setRule(const ContactSelectionRule& rule) {
    if (rule.kind == ContactSelectionRule::Kind::Threshold) {
        thresholdBox_->setValue(rule.threshold);
        kBox_->setCurrentIndex(3);
    } else {
        int best = 0;
        for (int k = 0; k < 3; ++k)
            if (std::abs(kBox_->itemData(k).toDouble() - rule.fraction) < 1e-9) best = k;
        kBox_->setCurrentIndex(best);
    }
    onRuleControlsChanged();
}

void ContactMapView::setColorMap(ColorMap map) { heatmap_->setColorMap(map); }

ContactSelectionRule ContactMapView::rule() const {
    ContactSelectionRule rule;
    const double k = kBox_->currentData().toDouble();
    if (k < 0) {
        rule.kind = ContactSelectionRule::Kind::Threshold;
        rule.threshold = thresholdBox_->value();
    } else {
        rule.fraction = k;
    }
    return rule;
}

SeparationRange ContactMapView::range() const { return SeparationRange(rangeBox_->currentData().toInt()); }

void ContactMapView::onRuleControlsChanged() {
    thresholdBox_->setEnabled(kBox_->currentData().toDouble() < 0);
    refreshMarks();
    heatmap_->plot()->replot();
}

const ContactMapView::Source* ContactMapView::lowerComparison() const {
    const int k = lowerBox_->currentIndex();
    return k >= 1 && k <= int(comparisons_.size()) ? &comparisons_[size_t(k - 1)] : nullptr;
}

void ContactMapView::refresh() {
    if (!primary_) {
        heatmap_->clear(tr("No contact prediction"));
        return;
    }
    const TriangleValues upper = triangleValues(primary_->scores);
    std::optional<TriangleValues> lower;
    QString lowerName;
    if (const Source* s = lowerComparison()) {
        lower = triangleValues(s->scores);
        lowerName = s->label + (lower->rescaled ? tr(" (scaled to 0–1)") : QString());
    } else if (truth_) {
        lower = triangleValues(truth_->contacts);
        lowerName = tr("true contacts, Cβ < 8 Å");
    }
    const TensorF display = combineTriangles(upper, lower ? &*lower : nullptr);
    const std::string q =
        query_.size() == size_t(display.shape[0]) ? query_ : std::string(size_t(display.shape[0]), 'X');
    heatmap_->setMatrix(display, residueAxis(tr("residue j"), QStringLiteral("j"), q, false),
                        residueAxis(tr("residue i"), QStringLiteral("i"), q, false),
                        upper.rescaled ? tr("probability / scaled score") : tr("contact probability"));
    heatmap_->setCrosshair(markI_, markJ_);
    heatmap_->setTitle(tr("upper: %1%2 — lower: %3")
                           .arg(primary_->label, upper.rescaled ? tr(" (scaled to 0–1)") : QString(),
                                lowerName.isEmpty() ? tr("nothing (no structure)") : lowerName));
    refreshMarks();
    refreshTables();
    heatmap_->plot()->replot();
}

void ContactMapView::refreshMarks() {
    for (QCPGraph* g : {truePositives_, falsePositives_, unjudged_}) g->data()->clear();
    selection_ = {};
    lowerSelection_ = {};
    if (!primary_) {
        emit selectionChanged();
        return;
    }
    const ContactSelectionRule rule = this->rule();
    const double k = kBox_->currentData().toDouble();
    const SeparationRange range = this->range();
    const TensorI64* truth = truth_ ? &truth_->contacts : nullptr;
    selection_ = selectContacts(primary_->scores, truth, separationWindow(range), rule);
    auto plotMarks = [&](const ContactSelection& sel, bool mirrored) {
        for (const RankedContact& c : sel.contacts) {
            const double x = mirrored ? c.i + 1 : c.j + 1, y = mirrored ? c.j + 1 : c.i + 1;
            QCPGraph* g = c.truth == 1 ? truePositives_ : c.truth == 0 ? falsePositives_ : unjudged_;
            g->addData(x, y);
        }
    };
    plotMarks(selection_, false);
    if (const Source* s = lowerComparison()) {
        lowerSelection_ = selectContacts(s->scores, truth, separationWindow(range), rule);
        plotMarks(lowerSelection_, true);
    }
    const QString what = k < 0 ? tr("all %1 pairs with score ≥ %2").arg(selection_.k).arg(rule.threshold)
                               : tr("the top %1 (%2)").arg(selection_.k).arg(kBox_->currentText().mid(4));
    if (truth) {
        selectionLabel_->setText(tr("Marked %1 %2 pairs: %3 true, %4 false — precision %5%")
                                     .arg(what, separationRangeName(range))
                                     .arg(selection_.truePositives)
                                     .arg(selection_.contacts.size() - selection_.truePositives)
                                     .arg(std::isnan(selection_.precision)
                                              ? QStringLiteral("–")
                                              : QString::number(100 * selection_.precision, 'f', 1)));
    } else {
        selectionLabel_->setText(
            tr("Marked %1 %2 pairs (load a structure to judge them)").arg(what, separationRangeName(range)));
    }
    emit selectionChanged();
}

void ContactMapView::refreshTables() {
    const Source* second = lowerComparison();
    table2_->setVisible(second != nullptr);
    table2Title_->setVisible(second != nullptr);
    tableTitle_->setText(tr("<b>%1</b>").arg(primary_ ? primary_->label : tr("no prediction")));
    if (second) table2Title_->setText(tr("<b>%1</b>").arg(second->label));
    if (!truth_ || !primary_) {
        table_->clearEvaluation(tr("load a structure to score the prediction"));
        table2_->clearEvaluation(tr("load a structure to score the prediction"));
        return;
    }
    table_->setEvaluation(evaluateContacts(primary_->scores, truth_->contacts), primary_->label);
    if (second) table2_->setEvaluation(evaluateContacts(second->scores, truth_->contacts), second->label);
}

QString ContactMapView::describePair(int i, int j) const {
    if (!primary_ || i < 0 || j >= primary_->scores.shape[0]) return {};
    const int64_t T = primary_->scores.shape[0];
    QStringList lines;
    lines << (labels_.size() == T
                  ? labels_.pair(i, j)
                  : tr("%1 – %2 (separation %3)").arg(residueName(query_, i), residueName(query_, j)).arg(j - i));
    lines << QStringLiteral("%1: %2").arg(primary_->label, formatScore(primary_->scores.data[size_t(i * T + j)]));
    if (const Source* s = lowerComparison())
        lines << QStringLiteral("%1: %2").arg(s->label, formatScore(s->scores.data[size_t(i * T + j)]));
    if (truth_) {
        const float d = truth_->distances.data[size_t(i * T + j)];
        const int64_t t = truth_->contacts.data[size_t(i * T + j)];
        lines << (std::isfinite(d)
                      ? tr("Cβ distance %1 Å — %2").arg(d, 0, 'f', 1).arg(t > 0 ? tr("contact") : tr("no contact"))
                      : tr("no coordinates for this pair"));
    }
    return lines.join('\n');
}

}  // namespace axs::ui
