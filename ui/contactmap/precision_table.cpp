#include "contactmap/precision_table.hpp"

#include <QHeaderView>
#include <cmath>

namespace axs::ui {

namespace {
// Table rows, longest range first: that is the number people quote.
constexpr ContactRange kRows[] = {ContactRange::Long, ContactRange::Medium, ContactRange::Short, ContactRange::Local};

int rowOf(ContactRange r) {
    for (int k = 0; k < 4; ++k)
        if (kRows[k] == r) return k;
    return 0;
}
QString percent(double v) { return std::isnan(v) ? QStringLiteral("–") : QString::number(100 * v, 'f', 1); }
}  // namespace

PrecisionTable::PrecisionTable(QWidget* parent) : QTableWidget(4, 4, parent) {
    setHorizontalHeaderLabels({tr("P@L"), tr("P@L/2"), tr("P@L/5"), tr("AUC")});
    QStringList rows;
    for (ContactRange r : kRows) {
        const RangeBounds b = rangeBounds(r);
        rows << (b.maxSeparation ? tr("%1 %2–%3").arg(b.name).arg(b.minSeparation).arg(b.maxSeparation - 1)
                                 : tr("%1 ≥%2").arg(b.name).arg(b.minSeparation));
    }
    setVerticalHeaderLabels(rows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setToolTip(tr("Precision (%) of the top-scored pairs per separation range; L = positions with coordinates"));
    clearEvaluation(tr("no structure"));
}

void PrecisionTable::setEvaluation(const ContactEvaluation& evaluation, const QString& title) {
    for (ContactRange r : kAllRanges) {
        const RangePrecision& p = evaluation[r];
        const double values[] = {p.pAtL, p.pAtL2, p.pAtL5, p.auc};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(percent(values[c]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(tr("%1: %2 scored pairs, %3 true contacts in range; L = %4")
                                 .arg(title)
                                 .arg(p.scoredPairs)
                                 .arg(p.trueContacts)
                                 .arg(evaluation.lengthWithCoordinates));
            setItem(rowOf(r), c, item);
        }
    }
}

void PrecisionTable::clearEvaluation(const QString& reason) {
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(QStringLiteral("–"));
            item->setToolTip(reason);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(r, c, item);
        }
}

QString PrecisionTable::valueText(ContactRange range, int column) const {
    const QTableWidgetItem* it = item(rowOf(range), column);
    return it ? it->text() : QString();
}

QSize PrecisionTable::sizeHint() const {
    int w = verticalHeader()->width() + 2 * frameWidth();
    for (int c = 0; c < columnCount(); ++c) w += columnWidth(c);
    int h = horizontalHeader()->height() + 2 * frameWidth();
    for (int r = 0; r < rowCount(); ++r) h += rowHeight(r);
    return {w, h};
}

}  // namespace axs::ui
