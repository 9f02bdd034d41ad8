// Precision of one prediction against a structure, per separation range, as computed by
// metrics/contact_precision.hpp (P@L, P@L/2, P@L/5, AUC).
#pragma once

#include <QTableWidget>

#include "metrics/contact_precision.hpp"

namespace axs::ui {

class PrecisionTable : public QTableWidget {
    Q_OBJECT
public:
    explicit PrecisionTable(QWidget* parent = nullptr);
    /// Fills the table; `title` names the prediction in the header tooltip and caption.
    void setEvaluation(const ContactEvaluation& evaluation, const QString& title);
    void clearEvaluation(const QString& reason);
    /// Cell text of (range, column 0..3 = P@L, P@L/2, P@L/5, AUC), for tests.
    QString valueText(ContactRange range, int column) const;
    QSize sizeHint() const override;
};

}  // namespace axs::ui
